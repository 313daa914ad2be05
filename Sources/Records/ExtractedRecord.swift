/// One record read out of a file by the extract stage: decoded text, not yet cleaned, with the
/// metadata the file carried for it (JSON fields), also not yet cleaned.
public struct ExtractedRecord: Codable, Hashable, Sendable {
    public var root: String
    public var path: String
    /// 1-based position of the record in its file (for JSON Lines: its line number).
    public var recordNo: Int
    /// How to read `text`.
    public var format: RecordFormat
    /// The decoded text of the record.
    public var text: String
    /// Defect codes found while reading and decoding (for example `legacy_encoding`).
    public var defects: [String]
    /// When the file was last modified, microseconds since the epoch: how new this copy is.
    public var observedAtMicros: Int64?
    /// Metadata from structured records (JSON), as written there.
    public var title: String?
    public var url: String?
    public var author: String?
    /// Publication time as written (ISO 8601, `YYYY-MM-DD HH:MM:SS`, or epoch seconds/milliseconds).
    public var published: String?
    /// When the scraper fetched the page, as written; newer than the file's mtime when present.
    public var crawled: String?
    /// Site or platform name as written.
    public var source: String?
    /// Where the page was fetched from (a WARC record's `WARC-Target-URI`): its URL unless the page
    /// names a canonical one.
    public var fetchedFrom: String?
    /// Where in a crawl archive the record is: the WARC record's `WARC-Record-ID`, and the byte offset
    /// of the record (of its gzip member in a `.warc.gz`), for the lineage.
    public var warcRecordID: String?
    public var byteOffset: Int64?

    public init(root: String, path: String, recordNo: Int, format: RecordFormat, text: String,
                defects: [String] = [], observedAtMicros: Int64? = nil, title: String? = nil, url: String? = nil,
                author: String? = nil, published: String? = nil, crawled: String? = nil, source: String? = nil) {
        self.root = root
        self.path = path
        self.recordNo = recordNo
        self.format = format
        self.text = text
        self.defects = defects
        self.observedAtMicros = observedAtMicros
        self.title = title
        self.url = url
        self.author = author
        self.published = published
        self.crawled = crawled
        self.source = source
    }
}

/// How to read an extracted record's text; written in stage files by its name.
public enum RecordFormat: String, Codable, Sendable, Hashable {
    /// The title on the first non-blank line, the body after it.
    case text
    /// A page or an HTML fragment.
    case html
    /// Body text only; the title comes from the record's `title`.
    case plain
}
