import Checksum
import Foundation
import Records
import TextTools

/// Record files too large to read whole (Scrapy and other crawlers write feed exports of hundreds
/// of megabytes a day): JSON Lines and JSON arrays, plain or gzipped, are read as a stream, record
/// by record, with no limit on the file's size. A record over the size limit is rejected alone
/// (`too_large`, with its number) and the others load. Memory holds one part at a time.
extension FileExtractor {
    /// How much of a file is read at a time.
    static let streamChunk = 1 << 20
    /// How much of a file's head (inflated, for gzip) decides whether it is a record file.
    static let headLength = 1 << 16

    /// `.stream(entry)` when `file`, over the size limit or inflating past it, is a record file;
    /// `.read` with no records when its content is the ledger's (a touched file); nil when it is
    /// no record file (it is then rejected as too large).
    func streamed(_ file: DiscoveredFile, entry: FileEntry, ledger: LedgerEntry?) -> ExtractOutcome? {
        guard let head = Self.head(of: file.absolutePath) else { return nil }
        var entry = entry
        if let archive = Self.crawlArchive(head: head[...]) {
            entry.format = archive
        } else if let layout = Self.layout(of: head, path: file.path) {
            entry.format = layout == .lines ? .jsonl : .json
        } else {
            return nil
        }
        // (A gzipped file was read whole before it inflated past the limit: its hash is known.)
        if let ledger, ledger.size == file.size, let known = ledger.sha256,
           (entry.sha256 ?? Self.sha256(ofFile: file.absolutePath)) == known {
            entry.sha256 = known
            entry.change = .touched
            return .read(entry, records: [], rejects: [])
        }
        // The hash comes with the last part, once every part is read.
        entry.sha256 = nil
        return .stream(entry)
    }

    /// Reads a file `extract` gave as `.stream(entry)`, calling `part` with each part of it: up to
    /// `recordsPerPart` records and rejects, or about `bytesPerPart` bytes of records, with the
    /// file's entry for them (`FileEntry.part`). The last part's entry has the file's hash and
    /// size, and any reject of the file as a whole. Returns false when `part` returned false,
    /// which stops the reading.
    public func stream(_ file: DiscoveredFile, entry: FileEntry, recordsPerPart: Int, bytesPerPart: Int,
                       _ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws -> Bool {
        let format = entry.format ?? .json
        // Records of a feed, or of a crawl archive.
        var records: RecordSplitter?
        var archive: WARCSplitter?
        let members = MemberStarts()
        switch format {
        case .warc, .arc:
            archive = WARCSplitter(layout: format == .warc ? .warc : .arc, limit: Int(maxFileSize))
            archive?.fileOffset = { members.fileOffset(of: $0) }
        default:
            records = RecordSplitter(layout: format == .jsonl ? .lines : .array, limit: Int(maxFileSize))
        }
        var reader = PartReader(extractor: self, file: file, entry: entry, recordsPerPart: max(1, recordsPerPart),
                                bytesPerPart: max(1, bytesPerPart), unit: format == .jsonl ? "line" : "array element")
        func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Bool {
            if archive != nil {
                try archive!.feed(bytes) { piece in try reader.accept(archive: piece, part) }
            } else {
                try records!.feed(bytes) { piece in try reader.accept(piece, part) }
            }
            return !reader.stopped
        }
        func finish(hash: String?, size: Int64) throws -> Bool {
            if archive != nil {
                try archive!.finish { piece in try reader.accept(archive: piece, part) }
            } else {
                try records!.finish { piece in try reader.accept(piece, part) }
            }
            return try reader.finish(hash: hash, size: size, part)
        }
        let descriptor = open(file.absolutePath, O_RDONLY)
        guard descriptor >= 0 else {
            reader.fileReject("unreadable", "cannot read the file: \(String(cString: strerror(errno)))")
            return try finish(hash: nil, size: file.size)
        }
        defer { close(descriptor) }
        let hasher = SHA256.Hasher()
        var inflater: Gzip.Inflater?
        var gzipFailed = false
        var size: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: Self.streamChunk)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                reader.fileReject("unreadable", "reading the file failed after \(size) bytes: \(String(cString: strerror(errno)))")
                return try finish(hash: nil, size: size)
            }
            guard count > 0 else { break }
            let stopped = try chunk.withUnsafeBufferPointer { buffer -> Bool in
                let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
                hasher.update(UnsafeRawBufferPointer(bytes))
                if size == 0 && Gzip.isCompressed(bytes) {
                    inflater = try? Gzip.Inflater()
                    inflater?.onMemberEnd = { members.add(compressed: $0, inflated: $1) }
                }
                size += Int64(count)
                guard !gzipFailed else { return false }
                guard let inflater else { return try !feed(bytes) }
                do {
                    var stopped = false
                    try inflater.inflate(bytes) { inflated in
                        if !stopped { stopped = try !feed(inflated) }
                    }
                    return stopped
                } catch let failure as Gzip.Failure {
                    gzipFailed = true
                    reader.fileReject("corrupt_gzip", "the gzip data cannot be read past \(size) bytes of the file: \(failure)")
                    return false
                }
            }
            if stopped { return false }
        }
        if let inflater, !gzipFailed {
            do { try inflater.finish() } catch {
                reader.fileReject("corrupt_gzip", "the gzip data is truncated: the file ends inside a member")
            }
        }
        return try finish(hash: hasher.finish(), size: size)
    }
}
