/// An input file as the ledger knows it: where it is, its size and mtime, and its content hash.
public struct FileEntry: Codable, Hashable, Sendable {
    /// How this file compares with the ledger.
    public enum Change: String, Codable, Sendable {
        case new        // not in the ledger
        case changed    // in the ledger with other content
        case touched    // new size or mtime, same content: recorded, not reloaded
    }

    /// The input root it was found under (absolute, standardized).
    public var root: String
    /// Path relative to the root.
    public var path: String
    public var size: Int64
    /// Modification time, microseconds since the Unix epoch (PostgreSQL's precision).
    public var mtimeMicros: Int64
    /// Hex SHA-256 of the bytes; nil if the file could not be read.
    public var sha256: String?
    /// Format sniffed from the content: text, html, json, jsonl.
    public var format: String?
    /// Encoding the bytes were decoded from, e.g. utf-8.
    public var encoding: String?
    /// Invalid or unmappable byte sequences replaced while decoding.
    public var invalidBytes: Int = 0
    public var change: Change

    public init(root: String, path: String, size: Int64, mtimeMicros: Int64, sha256: String? = nil,
                format: String? = nil, encoding: String? = nil, change: Change) {
        self.root = root
        self.path = path
        self.size = size
        self.mtimeMicros = mtimeMicros
        self.sha256 = sha256
        self.format = format
        self.encoding = encoding
        self.change = change
    }
}

/// What the ledger remembers of a file, to decide whether it must be read again.
public struct LedgerEntry: Hashable, Sendable {
    public var size: Int64
    public var mtimeMicros: Int64
    public var sha256: String?

    public init(size: Int64, mtimeMicros: Int64, sha256: String?) {
        self.size = size
        self.mtimeMicros = mtimeMicros
        self.sha256 = sha256
    }
}
