import Checksum
import Foundation
import Records

/// What extracting one file produced.
public enum ExtractOutcome: Sendable, Equatable {
    /// Size and mtime match the ledger: the file was not read.
    case unchanged
    /// The file was read: its ledger entry, its records (none for a touched file), its rejects.
    case read(FileEntry, records: [ExtractedRecord], rejects: [RejectRecord])
}

/// The extract stage for one file: compare with the ledger, read the bytes, decode, split into
/// records. Never throws: a file that cannot be used becomes a reject with a reason.
public struct FileExtractor: Sendable {
    public var maxFileSize: Int64

    public init(maxFileSize: Int64 = 64 << 20) {
        self.maxFileSize = maxFileSize
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
        guard file.size <= maxFileSize else {
            return reject("too_large", "file is \(file.size) bytes; the limit is \(maxFileSize)")
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: file.absolutePath))
        } catch {
            return reject("unreadable", "cannot read the file: \(error.localizedDescription)")
        }
        entry.size = Int64(bytes.count)
        entry.sha256 = SHA256.hex(bytes)
        if let known = ledger?.sha256, known == entry.sha256 {
            entry.change = .touched
            return .read(entry, records: [], rejects: [])
        }
        guard !bytes.isEmpty else { return reject("empty", "the file is empty") }
        guard let decoded = TextDecoding.decode(bytes) else {
            return reject("undecodable", "the bytes are not valid text in a supported encoding")
        }
        entry.encoding = decoded.encoding
        entry.format = "text"
        let record = ExtractedRecord(root: file.root, path: file.path, recordNo: 1, format: "text",
                                     text: decoded.text, defects: decoded.defects, observedAtMicros: file.mtimeMicros)
        return .read(entry, records: [record], rejects: [])
    }
}
