import Glibc
import Records

/// Walks input roots and lists their regular files in a stable (sorted) order. Hidden entries
/// (names starting with `.`) are skipped, since scrapers write partial files under such names;
/// symbolic links are not followed, so a link loop cannot trap the walk.
public enum FileDiscovery {
    /// The files under `root`, sorted by relative path. Unreadable folders are reported in `problems`.
    public static func files(under root: String, problems: inout [RejectRecord]) -> FileList {
        var found = FileList(root: root)
        walk(root: root, relative: "", into: &found, problems: &problems)
        return found.sortedByPath()
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

    private static func walk(root: String, relative: String, into found_: inout FileList,
                             problems: inout [RejectRecord]) {
        let directory = relative.isEmpty ? root : root + "/" + relative
        guard let stream = opendir(directory) else {
            problems.append(RejectRecord(root: root, path: relative.isEmpty ? "." : relative, stage: .extract,
                                         code: "unreadable", message: "cannot list folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let rawName = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            guard rawName.first != UInt8(ascii: ".") else { continue }
            let validName = String(validating: rawName, as: UTF8.self) != nil
            let name = String(decoding: rawName, as: UTF8.self)
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            // lstat by the raw bytes, so a name that is not UTF-8 is still found.
            var info = stat()
            let fullPath = Array(directory.utf8) + [UInt8(ascii: "/")] + rawName + [0]
            let found = fullPath.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) }
            }
            guard found == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard validName else {
                    problems.append(RejectRecord(root: root, path: childRelative, stage: .extract, code: "invalid_file_name",
                                                 message: "the folder's name is not valid UTF-8; its files are not read"))
                    continue
                }
                walk(root: root, relative: childRelative, into: &found_, problems: &problems)
            case S_IFREG:
                let micros = Int64(info.st_mtim.tv_sec) * 1_000_000 + Int64(info.st_mtim.tv_nsec) / 1_000
                found_.append(DiscoveredFile(root: root, path: childRelative, size: Int64(info.st_size),
                                             mtimeMicros: micros, validName: validName))
            default:
                continue
            }
        }
    }
}
