import Checksum
import Foundation
import Records
import TextTools

/// What extracting one file produced.
public enum ExtractOutcome: Sendable, Equatable {
    /// Size and mtime match the ledger: the file was not read.
    case unchanged
    /// The file was read: its ledger entry, its records (none for a touched file), its rejects.
    case read(FileEntry, records: [ExtractedRecord], rejects: [RejectRecord])
    /// A file read part by part by `FileExtractor.stream`: a record file (JSON Lines, a JSON array)
    /// too large to read whole, or a crawl archive (WARC, ARC) of any size. The entry says its format.
    case stream(FileEntry)
}

/// The extract stage for one file: compare with the ledger, read the bytes, decompress gzip,
/// decode, sniff the format, split into records. Never throws: a file that cannot be used becomes
/// a reject with a stable code and a human message.
public struct FileExtractor: Sendable {
    public var maxFileSize: Int64
    public var fields: FieldMap

    public init(maxFileSize: Int64 = 16 << 20, fields: FieldMap = .standard) {
        self.maxFileSize = maxFileSize
        self.fields = fields
    }

    public func extract(_ file: DiscoveredFile, ledger: LedgerEntry?) -> ExtractOutcome {
        if let ledger, ledger.size == file.size, ledger.mtimeMicros == file.mtimeMicros {
            return .unchanged
        }
        var entry = FileEntry(root: file.root, path: file.path, size: file.size, mtimeMicros: file.mtimeMicros,
                              change: ledger == nil ? .new : .changed)
        func reject(_ code: String, _ message: String) -> ExtractOutcome {
            .read(entry, records: [], rejects: [RejectRecord(root: file.root, path: file.path, stage: .extract,
                                                             code: code, message: message)])
        }
        guard file.validName else {
            return reject("invalid_file_name", "the file's name is not valid UTF-8 (shown here with U+FFFD); rename it to load it")
        }
        guard file.size <= maxFileSize else {
            return streamed(file, entry: entry, ledger: ledger)
                ?? reject("too_large", "the file is \(file.size) bytes, over the limit of \(maxFileSize) for a file that is not read as a stream of records (JSON Lines, a JSON array)")
        }
        var bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.absolutePath)))
        } catch {
            return reject("unreadable", "cannot read the file: \((error as NSError).localizedDescription)")
        }
        entry.size = Int64(bytes.count)
        entry.sha256 = SHA256.hex(bytes)
        if let known = ledger?.sha256, known == entry.sha256 {
            entry.change = .touched
            return .read(entry, records: [], rejects: [])
        }
        guard !bytes.isEmpty else { return reject("empty", "the file is empty") }
        // A crawl archive is read record by record, whatever its size (and a cut gzip member at its
        // end is not the whole file's failure).
        if let archive = Self.crawlArchive(head: Gzip.isCompressed(bytes) ? Self.inflatedHead(bytes) : bytes[...]) {
            entry.format = archive
            entry.sha256 = nil
            return .stream(entry)
        }

        var name = file.path
        if Gzip.isCompressed(bytes) {
            switch Gzip.decompress(bytes, limit: Int(maxFileSize)) {
            case .success(let inflated): bytes = inflated
            case .failure(.tooLarge(let limit)):
                return streamed(file, entry: entry, ledger: ledger)
                    ?? reject("too_large", "the file decompresses to more than \(limit) bytes, and is not a stream of records (JSON Lines, a JSON array)")
            case .failure(.corrupt(let why)):
                return reject("corrupt_gzip", "the gzip data cannot be read: \(why)")
            }
            if name.hasSuffix(".gz") { name.removeLast(3) }
            guard !bytes.isEmpty else { return reject("empty", "the file decompresses to nothing") }
        }

        let decoded: TextDecoding.Decoded
        switch TextDecoding.decode(bytes, declared: DeclaredCharset.find(in: bytes)) {
        case .success(let value): decoded = value
        case .failure(.binary): return reject("binary", "the file is binary, not text")
        case .failure(.undecodable(let why)): return reject("undecodable", "the bytes are not text in a known encoding: \(why)")
        }
        entry.encoding = decoded.encoding
        entry.invalidBytes = decoded.invalidBytes
        let format = FormatSniffer.sniff(decoded.text, pathExtension: Self.pathExtension(of: name))
        entry.format = format

        switch format {
        case .warc, .arc:
            preconditionFailure("crawl archives are streamed")
        case .text:
            return .read(entry, records: [record(of: file, 1, format: .text, text: decoded.text, defects: decoded.defects)], rejects: [])
        case .html:
            return .read(entry, records: [record(of: file, 1, format: .html, text: decoded.text, defects: decoded.defects)], rejects: [])
        case .json, .jsonl:
            let items = format == .jsonl ? JSONRecords.lines(decoded.text, fields: fields)
                                         : JSONRecords.document(decoded.text, fields: fields)
            var records: [ExtractedRecord] = []
            var rejects: [RejectRecord] = []
            for item in items {
                take(item, of: file, defects: decoded.defects, records: &records, rejects: &rejects)
            }
            if records.isEmpty && rejects.count == 1 && items.count == 1 && format == .json {
                // A whole-file JSON error belongs to the file, not to a record.
                rejects[0].recordNo = nil
            }
            if records.isEmpty && rejects.isEmpty {
                return reject("empty", "the JSON holds no records")
            }
            return .read(entry, records: records, rejects: rejects)
        }
    }
}

extension FileExtractor {
    /// The extension of a path's last component (after its last `.`), "" for none: the format
    /// sniffer's tie-breaker.
    static func pathExtension(of path: String) -> String {
        let name = path.split(separator: "/").last
        return name.flatMap { $0.utf8.contains(UInt8(ascii: ".")) ? $0.split(separator: ".").last.map(String.init) : nil } ?? ""
    }

    func record(of file: DiscoveredFile, _ recordNo: Int, format: RecordFormat, text: String, defects: [String],
                fields: JSONRecords.Fields? = nil) -> ExtractedRecord {
        ExtractedRecord(root: file.root, path: file.path, recordNo: recordNo, format: format, text: text,
                        defects: defects, observedAtMicros: file.mtimeMicros, title: fields?.title,
                        url: fields?.url, author: fields?.author, published: fields?.published,
                        crawled: fields?.crawled, source: fields?.source)
    }

    /// A JSON record as an extracted record, or a reject (no body field, invalid JSON).
    func take(_ item: JSONRecords.Item, of file: DiscoveredFile, defects: [String],
              records: inout [ExtractedRecord], rejects: inout [RejectRecord]) {
        switch item {
        case .record(let recordNo, let fields):
            guard let body = fields.body else {
                rejects.append(RejectRecord(root: file.root, path: file.path, recordNo: recordNo, stage: .extract,
                                            code: "no_body_field",
                                            message: "no body field (tried \(self.fields.body.joined(separator: ", ")))"))
                return
            }
            records.append(record(of: file, recordNo, format: HTMLSniff.looksLikeMarkup(body) ? .html : .plain,
                                  text: body, defects: defects, fields: fields))
        case .reject(let recordNo, let code, let message):
            rejects.append(RejectRecord(root: file.root, path: file.path, recordNo: recordNo, stage: .extract,
                                        code: code, message: message))
        }
    }
}

/// Whether a JSON body field holds HTML rather than plain text.
enum HTMLSniff {
    static func looksLikeMarkup(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "<")) else { return false }
        let lowered = text.prefix(20000).lowercased()
        return ["<p>", "<p ", "</p>", "<br", "<div", "</div>", "<span", "<img "].contains { lowered.includes($0) }
    }
}
