/// One record read out of a file by the extract stage: decoded text, not yet cleaned.
public struct ExtractedRecord: Codable, Hashable, Sendable {
    public var root: String
    public var path: String
    /// 1-based position of the record in its file.
    public var recordNo: Int
    /// Format of the record's text: `text` (title on the first line, body after).
    public var format: String
    /// The decoded text of the record.
    public var text: String
    /// Defect codes found while reading and decoding (for example `legacy_encoding`).
    public var defects: [String]
    /// When the file was last modified, microseconds since the epoch: how new this copy is.
    public var observedAtMicros: Int64?

    public init(root: String, path: String, recordNo: Int, format: String, text: String,
                defects: [String] = [], observedAtMicros: Int64? = nil) {
        self.root = root
        self.path = path
        self.recordNo = recordNo
        self.format = format
        self.text = text
        self.defects = defects
        self.observedAtMicros = observedAtMicros
    }
}
