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
    /// Format sniffed from the content (the file's bytes for a crawl archive).
    public var format: FileFormat?
    /// Encoding the bytes were decoded from, e.g. utf-8.
    public var encoding: String?
    /// Invalid or unmappable byte sequences replaced while decoding.
    public var invalidBytes: Int = 0
    /// Records of a crawl archive that are not articles (requests, metadata, revisits, responses
    /// that are no page: images, scripts, errors), passed over without a reject.
    public var recordsSkipped: Int = 0
    public var change: Change
    /// For a record file too large to read whole, which of its records this entry comes with: the
    /// file is read and loaded part by part, and only its last part (`lastRecord` nil) carries the
    /// file's hash, so the ledger holds the file as read only once every part is loaded. Nil for a
    /// file read whole.
    public var part: Part?

    /// Records `firstRecord` to `lastRecord` of a file read in parts; `lastRecord` is nil for the
    /// last part (the rest of the file).
    public struct Part: Codable, Hashable, Sendable {
        public var firstRecord: Int
        public var lastRecord: Int?

        public init(firstRecord: Int, lastRecord: Int?) {
            self.firstRecord = firstRecord
            self.lastRecord = lastRecord
        }

        /// The last part: it ends the file.
        public var isLast: Bool { lastRecord == nil }
    }

    /// Not a part that leaves records of its file to come.
    public var endsFile: Bool { part?.isLast ?? true }

    public init(root: String, path: String, size: Int64, mtimeMicros: Int64, sha256: String? = nil,
                format: FileFormat? = nil, encoding: String? = nil, change: Change) {
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
