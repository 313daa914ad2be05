import CJemalloc

/// The process allocates through jemalloc (Debian's libjemalloc, linked into the executable), not
/// glibc's malloc: it spends less CPU allocating and freeing the many short-lived strings of a
/// run, and its resident memory does not grow with the length of a run as glibc's does with an
/// arena per thread (measurements in BENCHMARKS.md). `MALLOC_CONF` tunes it (see jemalloc(3)).
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
