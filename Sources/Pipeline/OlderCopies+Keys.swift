import Extract
import Foundation
import Transform

/// Which files the older-copies pre-pass reads, and how it reads a page's key.
extension OlderCopies {
    /// `.html` and `.htm` files (not compressed ones: their head is not in their first bytes).
    static func isSavedPage(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
    }

    /// Files with an extension the format sniffer takes for JSON (`.json`, `.jsonl`, `.ndjson`),
    /// read for their records' URL fields.
    static func isJSON(_ path: String) -> Bool {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return FormatSniffer.isJSONExtension(String(path[path.utf8.index(after: dot)...]))
    }

    /// The key (and title) `CanonicalHint` reads from the first `CanonicalHint.prefixLength` bytes of a file,
    /// read into a buffer on the stack; nil if there is none or the file cannot be read.
    static func pageHint(ofFile path: String) -> (key: String, title: String?)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CanonicalHint.prefixLength) { buffer in
            var filled = 0
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            return CanonicalHint.hint(in: UnsafeBufferPointer(rebasing: buffer[..<filled]))
        }
    }

    /// The key `CanonicalHint` reads from a whole decoded page, read in place.
    static func pageKey(ofText text: String) -> String? {
        var text = text
        return text.withUTF8 { CanonicalHint.key(in: $0) }
    }
}
