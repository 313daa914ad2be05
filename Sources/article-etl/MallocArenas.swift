import CMalloc
import Foundation

/// How many malloc arenas the process uses: one per processor, where glibc's default allows eight
/// per processor. Called first thing, before any other thread starts.
///
/// The run hands memory from thread to thread (a file read and transformed on a worker, its
/// articles queued, loaded and freed on the main thread), and glibc lets each arena keep what was
/// freed in it for later. With an arena for every thread that ever ran, the resident memory became
/// the sum of several arenas' high-water marks, and grew with the length of the run. Full runs of
/// the 20k and 125k bench corpora on two processors, peak resident memory: 141–152 and 182 MB by
/// default, 126–137 and 142–144 MB with two arenas, wall times within noise (BENCHMARKS.md). An
/// operator's own `MALLOC_ARENA_MAX` or glibc tunable wins.
enum MallocArenas {
    static func limit() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["MALLOC_ARENA_MAX"] == nil,
              environment["GLIBC_TUNABLES"]?.contains("arena_max") != true else { return }
        _ = mallopt(M_ARENA_MAX, Int32(max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }
}
