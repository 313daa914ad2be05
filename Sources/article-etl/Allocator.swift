import CJemalloc

/// The process allocates through jemalloc (Debian's libjemalloc, linked into the executable), not
/// glibc's malloc. Full runs of the 20k bench corpus on two processors, alternately with each:
/// client CPU 36.0–36.8 s against 38.8–41.8 s with glibc's (its malloc, free and consolidation
/// were a tenth of the profile), wall 29.8–30.5 s against 30.4–33.9 s; at 125,000 articles 209.5 s
/// against 217.8 s. Its resident memory does not grow with the length of a run as glibc's did with
/// an arena per thread (peak 144–150 MB at 20k, 157 MB at 125k; BENCHMARKS.md). `MALLOC_CONF`
/// tunes it (see jemalloc(3)).
enum Allocator {
    /// "jemalloc" and its version, read from the library itself. The executable names libjemalloc
    /// before libc among the libraries it needs, so jemalloc's `malloc` is the one every library
    /// binds to (`LD_DEBUG=bindings article-etl --version` shows it).
    static var description: String {
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "unknown" }
        return "jemalloc " + String(cString: version)
    }
}
