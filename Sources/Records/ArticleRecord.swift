/// A clean article made by the transform stage from one record, ready to load.
public struct ArticleRecord: Codable, Hashable, Sendable {
    public var root: String
    public var path: String
    public var recordNo: Int
    /// Stable identity: canonical URL, else `doc:<scraper document id>`, else `sha256:<content hash>`.
    public var articleKey: String
    /// `news.sources.code`, when known.
    public var sourceCode: String?
    /// For a source `config/sources.json` does not know (one made from the URL's host): its name
    /// and home page, for the loader to add it to `news.sources`. Nil for a configured source.
    public var sourceName: String?
    public var sourceHomepage: String?
    public var url: String?
    public var title: String
    public var author: String?
    /// ISO 8601 with an explicit offset, e.g. `2024-05-09T10:21:00+08:00`.
    public var publishedAt: String?
    /// The publication day as the source printed it (`2012-11-12`; for a time with an offset, the
    /// day at that offset).
    public var publishedDate: String?
    /// How much of the time the source gave: `year`, `month`, `day`, `hour`, `minute` or `second`.
    public var publishedPrecision: String?
    /// The offset from UTC the source stated, in minutes; nil when it stated none.
    public var publishedOffsetMinutes: Int?
    public var lang: String
    public var script: String?
    /// Paragraphs separated by exactly one `\n`.
    public var body: String
    public var searchText: String?
    /// The search lexemes (Han character bigrams, words) with their positions; loaded into
    /// `news.articles.search_vector`.
    /// A stage file's article line must have it (an empty vector is written as "").
    public var searchVector: SearchVector
    /// 64-bit MinHash of the normalized Simplified text's shingles, for near-duplicate detection
    /// (`Fingerprint`); nil for a body too short or repetitive to tell copies by.
    public var fingerprint: Int64?
    /// Hex SHA-256 of the UTF-8 body.
    public var contentSHA256: String
    public var defects: [String]
    /// Entities named in the title and body, with counts.
    public var mentions: [Mention] = []
    /// Money amounts, percentages and quantities, in order of appearance.
    public var figures: [Figure] = []
    /// How new this copy is (scraper time, else file mtime), microseconds since the epoch.
    public var observedAtMicros: Int64?
    public var transformVersion: Int
    /// The crawl-archive record it came from (`ExtractedRecord.warcRecordID`, `byteOffset`).
    public var warcRecordID: String?
    public var byteOffset: Int64?
    /// Credits the article's lines gave (`责任编辑：…`, `原标题：…`, `来源：…`), removed from its body.
    public var editor: String?
    public var originalTitle: String?
    public var creditedOutlet: String?
    /// `news.sources.code` of the credited outlet when it is not `sourceCode` (a republished story);
    /// the loader creates the source, named `creditedOutlet`, when it is unknown.
    public var outletSourceCode: String?

    /// About how many bytes of memory the article holds: its texts, search vector and enrichments
    /// (what a queue of transformed batches is bounded by).
    public var heldBytes: Int {
        let texts = root.utf8.count + path.utf8.count + articleKey.utf8.count + title.utf8.count + body.utf8.count
            + contentSHA256.utf8.count + (sourceCode?.utf8.count ?? 0) + (url?.utf8.count ?? 0)
            + (author?.utf8.count ?? 0) + (publishedAt?.utf8.count ?? 0)
            + (sourceName?.utf8.count ?? 0) + (sourceHomepage?.utf8.count ?? 0) + (searchText?.utf8.count ?? 0)
        let credits: Int = [editor, originalTitle, creditedOutlet, outletSourceCode].reduce(0) { $0 + ($1?.utf8.count ?? 0) }
        let enrichments = mentions.reduce(0) { $0 + $1.name.utf8.count + 64 }
            + figures.reduce(0) { $0 + $1.raw.utf8.count + $1.value.utf8.count + 96 }
        return MemoryLayout<Self>.stride + texts + credits + searchVector.heldBytes + enrichments
    }

    public init(root: String, path: String, recordNo: Int, articleKey: String, sourceCode: String? = nil,
                url: String? = nil, title: String, author: String? = nil, publishedAt: String? = nil,
                lang: String, script: String?, body: String, searchText: String?, searchVector: SearchVector = SearchVector(),
                fingerprint: Int64? = nil, contentSHA256: String,
                defects: [String], observedAtMicros: Int64?, transformVersion: Int) {
        self.root = root
        self.path = path
        self.recordNo = recordNo
        self.articleKey = articleKey
        self.sourceCode = sourceCode
        self.url = url
        self.title = title
        self.author = author
        self.publishedAt = publishedAt
        self.lang = lang
        self.script = script
        self.body = body
        self.searchText = searchText
        self.searchVector = searchVector
        self.fingerprint = fingerprint
        self.contentSHA256 = contentSHA256
        self.defects = defects
        self.observedAtMicros = observedAtMicros
        self.transformVersion = transformVersion
    }
}
