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
            entry.format = archive.rawValue
        } else if let layout = Self.layout(of: head, path: file.path) {
            entry.format = layout == .lines ? FileFormat.jsonl.rawValue : FileFormat.json.rawValue
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
        let format = entry.format.flatMap(FileFormat.init(rawValue:)) ?? .json
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

/// A streamed file's records and rejects gathered into parts.
private struct PartReader {
    let extractor: FileExtractor
    let file: DiscoveredFile
    var entry: FileEntry
    let recordsPerPart: Int
    let bytesPerPart: Int
    /// What a record of a feed is called in messages: a line, an array element.
    let unit: String
    let decoder: JSONDecoder
    let dates = ISO8601DateFormatter()
    let fractionalDates: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter
    }()
    var records: [ExtractedRecord] = []
    var rejects: [RejectRecord] = []
    var heldBytes = 0
    /// The first record of the part being gathered, and the last one seen.
    var firstRecord = 1
    var lastRecord = 0
    var itemsSeen = 0
    /// `part` said stop: what follows is not read.
    private(set) var stopped = false

    init(extractor: FileExtractor, file: DiscoveredFile, entry: FileEntry, recordsPerPart: Int, bytesPerPart: Int,
         unit: String) {
        self.extractor = extractor
        self.file = file
        self.entry = entry
        self.recordsPerPart = recordsPerPart
        self.bytesPerPart = bytesPerPart
        self.unit = unit
        decoder = FieldDecoding.decoder(for: extractor.fields)
    }

    /// Takes a record of a feed in, and hands the part on once it is full.
    mutating func accept(_ piece: RecordSplitter.Piece,
                         _ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws {
        guard !stopped else { return }
        take(piece)
        try handOnWhenFull(part)
    }

    /// Takes a record of a crawl archive in, and hands the part on once it is full.
    mutating func accept(archive piece: WARCSplitter.Piece,
                         _ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws {
        guard !stopped else { return }
        take(archive: piece)
        try handOnWhenFull(part)
    }

    private mutating func handOnWhenFull(_ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws {
        if records.count + rejects.count >= recordsPerPart || heldBytes >= bytesPerPart {
            stopped = try !handOn(part)
        }
    }

    /// The last part: what is left of the file, with its hash and size.
    mutating func finish(hash: String?, size: Int64,
                         _ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws -> Bool {
        guard !stopped else { return false }
        // (A crawl archive whose records are all passed over, requests and images say, is read
        // whole and holds no page: that is no reject.)
        if itemsSeen == 0 && rejects.isEmpty && entry.recordsSkipped == 0 {
            fileReject("empty", "the file holds no records")
        }
        entry.sha256 = hash
        entry.size = size
        entry.part = firstRecord == 1 ? nil : FileEntry.Part(firstRecord: firstRecord, lastRecord: nil)
        if entry.encoding == nil { entry.encoding = "utf-8" }
        return try part(entry, records, rejects)
    }

    mutating func fileReject(_ code: String, _ message: String) {
        rejects.append(RejectRecord(root: file.root, path: file.path, stage: .extract, code: code, message: message))
    }

    private mutating func handOn(_ part: (FileEntry, [ExtractedRecord], [RejectRecord]) throws -> Bool) throws -> Bool {
        var partEntry = entry
        partEntry.part = FileEntry.Part(firstRecord: firstRecord, lastRecord: lastRecord)
        if partEntry.encoding == nil { partEntry.encoding = "utf-8" }
        let going = try part(partEntry, records, rejects)
        records.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        heldBytes = 0
        firstRecord = lastRecord + 1
        return going
    }

    private mutating func take(_ piece: RecordSplitter.Piece) {
        switch piece {
        case .record(let recordNo, let bytes):
            lastRecord = recordNo
            guard let start = bytes.firstIndex(where: { !Self.isSpace($0) }),
                  let end = bytes.lastIndex(where: { !Self.isSpace($0) }) else { return }
            itemsSeen += 1
            heldBytes += end - start + 1
            let slice = bytes[start...end]
            let data: Data
            var defects: [String] = []
            if String(validating: slice, as: UTF8.self) != nil {
                data = Data(slice)
            } else {
                guard let decoded = decode(Array(slice), declared: nil, recordNo: recordNo, place: "record \(recordNo)") else { return }
                data = Data(decoded.text.utf8)
                defects = decoded.defects
            }
            extractor.take(JSONRecords.item(data, recordNo: recordNo, fields: extractor.fields, decoder: decoder, unit: unit),
                           of: file, defects: defects, records: &records, rejects: &rejects)
        case .tooLarge(let recordNo, let bytes):
            lastRecord = recordNo
            itemsSeen += 1
            rejects.append(reject(recordNo, "too_large",
                                  "record \(recordNo) is \(bytes) bytes or more; the limit for one record is \(extractor.maxFileSize)"))
        case .broken(let recordNo, let message):
            lastRecord = max(lastRecord, recordNo)
            rejects.append(reject(recordNo, "invalid_json", message))
        }
    }

    /// A record of a crawl archive: a page (an HTML or JSON payload of a `response` with a 2xx
    /// status, or of a `resource`) becomes a record of the file; any other record is passed over
    /// and counted; one that cannot be read is rejected with its number and offset.
    private mutating func take(archive piece: WARCSplitter.Piece) {
        switch piece {
        case .record(let recordNo, let offset, let headers, let block):
            lastRecord = recordNo
            let place = "WARC record \(recordNo) (at byte \(offset))"
            var payload = block
            var mediaType = headers["Content-Type"].map(HTTPResponse.mediaType(of:))
            var charset = headers["Content-Type"].flatMap(HTTPResponse.charset(of:))
            switch headers.type {
            case "response" where mediaType == nil || mediaType == "application/http":
                guard let response = HTTPResponse.parse(block, limit: Int(extractor.maxFileSize)) else {
                    rejects.append(reject(recordNo, "invalid_http", "\(place): its HTTP response has no status line and headers"))
                    return
                }
                guard (200..<300).contains(response.status) else {
                    entry.recordsSkipped += 1
                    return
                }
                payload = response.body
                mediaType = response.mediaType
                charset = response.charset
            case "response", "resource":
                break
            default:
                entry.recordsSkipped += 1
                return
            }
            let page = mediaType.map { $0 == "text/html" || $0 == "application/xhtml+xml" } ?? true
            let json = mediaType.map { $0.hasSuffix("json") || $0.hasSuffix("jsonl") || $0.hasSuffix("ndjson") } ?? false
            guard (page || json), payload.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
                entry.recordsSkipped += 1
                return
            }
            itemsSeen += 1
            heldBytes += payload.count
            guard let decoded = decode(payload, declared: charset ?? DeclaredCharset.find(in: payload), recordNo: recordNo,
                                       place: place) else { return }
            let observed = headers["WARC-Date"].flatMap { dates.date(from: $0) ?? fractionalDates.date(from: $0) }
            var record: ExtractedRecord
            if json {
                // An article only when the field map reads one record with a body from it (an API's
                // answer about one article); any other JSON (an API's other answers) is passed over.
                var found: [ExtractedRecord] = []
                var refused: [RejectRecord] = []
                let items = JSONRecords.document(decoded.text, fields: extractor.fields)
                if items.count == 1 { extractor.take(items[0], of: file, defects: decoded.defects, records: &found, rejects: &refused) }
                guard let first = found.first else {
                    itemsSeen -= 1
                    entry.recordsSkipped += 1
                    return
                }
                record = first
                record.recordNo = recordNo
            } else {
                guard mediaType != nil || FormatSniffer.sniff(decoded.text, pathExtension: "") == .html else {
                    itemsSeen -= 1
                    entry.recordsSkipped += 1
                    return
                }
                record = extractor.record(of: file, recordNo, format: "html", text: decoded.text, defects: decoded.defects)
            }
            record.fetchedFrom = headers["WARC-Target-URI"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
            record.observedAtMicros = observed.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) } ?? record.observedAtMicros
            record.warcRecordID = headers["WARC-Record-ID"]
            record.byteOffset = offset
            records.append(record)
        case .tooLarge(let recordNo, let offset, let headers, let bytes):
            lastRecord = recordNo
            guard headers.type == "response" || headers.type == "resource" else {
                entry.recordsSkipped += 1
                return
            }
            itemsSeen += 1
            rejects.append(reject(recordNo, "too_large", "WARC record \(recordNo) (at byte \(offset)) is \(bytes) bytes or more; the limit for one record is \(extractor.maxFileSize)"))
        case .broken(let recordNo, let offset, let message):
            lastRecord = max(lastRecord, recordNo)
            rejects.append(reject(recordNo, "corrupt_record", "WARC record \(recordNo) (at byte \(offset)): \(message)"))
        }
    }

    /// A record's bytes decoded, counted in the file's entry (its invalid bytes; its encoding, the
    /// first record's); nil when they are no text, rejected with `place` (where the record is).
    private mutating func decode(_ bytes: [UInt8], declared: String?, recordNo: Int, place: String) -> TextDecoding.Decoded? {
        switch TextDecoding.decode(bytes, declared: declared) {
        case .success(let decoded):
            entry.invalidBytes += decoded.invalidBytes
            if entry.encoding == nil { entry.encoding = decoded.encoding }
            return decoded
        case .failure(.binary):
            rejects.append(reject(recordNo, "binary", "\(place) is binary, not text"))
        case .failure(.undecodable(let why)):
            rejects.append(reject(recordNo, "undecodable", "\(place) is not text in a known encoding: \(why)"))
        }
        return nil
    }

    private func reject(_ recordNo: Int, _ code: String, _ message: String) -> RejectRecord {
        RejectRecord(root: file.root, path: file.path, recordNo: recordNo, stage: .extract, code: code, message: message)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Where the gzip members of a file start, in the compressed and the inflated data: a WARC
/// record's offset is that of its member, as CDX indexes give it.
private final class MemberStarts {
    private var starts: [Int64: Int64] = [0: 0]

    func add(compressed: Int64, inflated: Int64) {
        starts[inflated] = compressed
    }

    /// The offset in the file of the member that starts at `inflated`, else `inflated` itself (a
    /// plain file, or a record inside a member). Members before it are forgotten.
    func fileOffset(of inflated: Int64) -> Int64 {
        let found = starts[inflated]
        starts = starts.filter { $0.key >= inflated }
        return found ?? inflated
    }
}
