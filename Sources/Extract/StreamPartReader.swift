import Foundation
import Records
import TextTools

/// A streamed file's records and rejects gathered into parts.
struct PartReader {
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

    /// A record's bytes decoded, counted in the file's entry (its invalid bytes; its encoding, the
    /// first record's); nil when they are no text, rejected with `place` (where the record is).
    mutating func decode(_ bytes: [UInt8], declared: String?, recordNo: Int, place: String) -> TextDecoding.Decoded? {
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

    func reject(_ recordNo: Int, _ code: String, _ message: String) -> RejectRecord {
        RejectRecord(root: file.root, path: file.path, recordNo: recordNo, stage: .extract, code: code, message: message)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
