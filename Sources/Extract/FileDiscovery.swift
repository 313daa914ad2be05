import Glibc
import Records

/// A regular file found under an input root, with what `lstat` says of it.
public struct DiscoveredFile: Hashable, Sendable {
    public var root: String
    /// Path relative to the root, with `/` separators.
    public var path: String
    public var size: Int64
    public var mtimeMicros: Int64

    public var absolutePath: String { root == "/" ? "/" + path : root + "/" + path }
}

/// Walks input roots and lists their regular files in a stable (sorted) order. Hidden entries
/// (names starting with `.`) are skipped, since scrapers write partial files under such names;
/// symbolic links are not followed, so a link loop cannot trap the walk.
public enum FileDiscovery {
    /// The files under `root`, sorted by relative path. Unreadable folders are reported in `problems`.
    public static func files(under root: String, problems: inout [RejectRecord]) -> [DiscoveredFile] {
        var found: [DiscoveredFile] = []
        walk(root: root, relative: "", into: &found, problems: &problems)
        found.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return found
    }

    /// `path` made absolute (against the working directory) with `.` and `..` resolved and no trailing `/`.
    public static func standardizedRoot(_ path: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                absolute = cwd + "/" + absolute
            }
        }
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func walk(root: String, relative: String, into found: inout [DiscoveredFile],
                             problems: inout [RejectRecord]) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let stream = opendir(directory) else {
            problems.append(RejectRecord(root: root, path: relative.isEmpty ? "." : relative, stage: .extract,
                                         code: "unreadable", message: "cannot list folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(root: root, relative: childRelative, into: &found, problems: &problems)
            case S_IFREG:
                let micros = Int64(info.st_mtim.tv_sec) * 1_000_000 + Int64(info.st_mtim.tv_nsec) / 1_000
                found.append(DiscoveredFile(root: root, path: childRelative, size: Int64(info.st_size), mtimeMicros: micros))
            default:
                continue
            }
        }
    }
}
