import Checksum
import Foundation
import Records

/// What a file's first bytes say before it is read: a crawl archive, a record file's layout;
/// and its hash, read a chunk at a time.
extension FileExtractor {
    /// `warc` or `arc` when `head` (the start of a file, inflated) is that of a crawl archive.
    static func crawlArchive(head: ArraySlice<UInt8>) -> FileFormat? {
        if head.starts(with: WARCSplitter.warcMagic) { return .warc }
        if head.starts(with: Array("filedesc://".utf8)) { return .arc }
        return nil
    }

    /// The first bytes `bytes` (gzip) inflate to: enough to tell a crawl archive.
    static func inflatedHead(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        (Gzip.inflatedPrefix(Array(bytes.prefix(4096)), limit: 64) ?? [])[...]
    }

    /// Up to `headLength` bytes from the start of the file, inflated if it is gzip; nil if it
    /// cannot be read.
    static func head(of path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let start = try? [UInt8](handle.read(upToCount: headLength) ?? Data()) else { return nil }
        guard Gzip.isCompressed(start) else { return start }
        guard let inflater = try? Gzip.Inflater() else { return nil }
        var head: [UInt8] = []
        var compressed = start
        while head.count < headLength && !compressed.isEmpty {
            do {
                try compressed.withUnsafeBufferPointer { buffer in
                    try inflater.inflate(buffer) { head.append(contentsOf: $0.prefix(headLength - head.count)) }
                }
            } catch {
                break   // corrupt: what inflated so far decides
            }
            compressed = (try? handle.read(upToCount: headLength).map([UInt8].init)) ?? []
        }
        return head
    }

    /// How the records of a file whose head is `head` are laid out: a JSON array (`[` then an
    /// object or `]`), JSON Lines (a first line that is a JSON object, or one too long to see
    /// whole, or any `{` in a `.jsonl` or `.ndjson` file); nil for anything else (a pretty-printed
    /// object, text, a page).
    static func layout(of head: [UInt8], path: String) -> RecordSplitter.Layout? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return nil }
        switch bytes[first] {
        case UInt8(ascii: "["):
            let next = bytes[(first + 1)...].first(where: { !isSpace($0) })
            return next == UInt8(ascii: "{") || next == UInt8(ascii: "]") ? .array : nil
        case UInt8(ascii: "{"):
            var name = path.lowercased()
            if name.hasSuffix(".gz") { name.removeLast(3) }
            if let dot = name.lastIndex(of: "."), FormatSniffer.jsonLinesExtensions.contains(String(name[name.index(after: dot)...])) {
                return .lines
            }
            guard let feed = bytes[first...].firstIndex(of: 0x0A) else { return .lines }
            return JSONRecords.isJSONObject(Substring(decoding: bytes[first..<feed], as: UTF8.self)) ? .lines : nil
        default:
            return nil
        }
    }

    /// The hex SHA-256 of a file's bytes, read a chunk at a time; nil if it cannot be read.
    static func sha256(ofFile path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let hasher = SHA256.Hasher()
        while true {
            // nil or empty at the end of the file; a failure to read throws.
            guard let data = try? handle.read(upToCount: streamChunk) ?? Data() else { return nil }
            if data.isEmpty { return hasher.finish() }
            data.withUnsafeBytes { hasher.update($0) }
        }
    }
}
