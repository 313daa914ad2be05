import Records

/// What one batch loads: the files that were read, the articles they produced, the rejects, and the
/// older copies left untransformed (`SupersededCopy`).
/// Loaded in one transaction, so a batch is either wholly in the warehouse or not at all.
public struct LoadBatch: Sendable {
    public var files: [FileEntry] = []
    public var articles: [ArticleRecord] = []
    public var rejects: [RejectRecord] = []
    /// Records of `files` left untransformed because a newer copy of their article is stored.
    public var superseded: [SupersededCopy] = []

    public init(files: [FileEntry] = [], articles: [ArticleRecord] = [], rejects: [RejectRecord] = []) {
        self.files = files
        self.articles = articles
        self.rejects = rejects
    }

    public var isEmpty: Bool { files.isEmpty && articles.isEmpty && rejects.isEmpty && superseded.isEmpty }

    /// Adds one file with what it produced.
    public mutating func append(file: FileEntry, articles: [ArticleRecord], rejects: [RejectRecord]) {
        files.append(file)
        self.articles.append(contentsOf: articles)
        self.rejects.append(contentsOf: rejects)
    }
}

/// A record `run` left untransformed: an older copy of the stored article `articleKey` (a newer
/// copy with the same URL field, or a page with the same canonical link or og:url), which the
/// upsert would keep as it is. It is recorded as a transformed older copy would be: its file in the
/// ledger as loaded, counting the record, and the record in the lineage as one of that article.
public struct SupersededCopy: Sendable, Equatable {
    public var root: String
    public var path: String
    public var recordNo: Int
    public var articleKey: String

    public init(root: String, path: String, recordNo: Int, articleKey: String) {
        self.root = root
        self.path = path
        self.recordNo = recordNo
        self.articleKey = articleKey
    }
}

/// What loading one batch changed.
public struct BatchCounts: Sendable, Equatable {
    public var filesNew = 0
    public var filesChanged = 0
    public var filesTouched = 0
    public var filesRejected = 0
    public var recordsRejected = 0
    /// Older copies recorded against their stored article without a transform (`SupersededCopy`).
    public var recordsSuperseded = 0
    public var articlesInserted = 0
    public var articlesUpdated = 0
    public var articlesUnchanged = 0

    public init() {}

    public static func += (lhs: inout BatchCounts, rhs: BatchCounts) {
        lhs.filesNew += rhs.filesNew
        lhs.filesChanged += rhs.filesChanged
        lhs.filesTouched += rhs.filesTouched
        lhs.filesRejected += rhs.filesRejected
        lhs.recordsRejected += rhs.recordsRejected
        lhs.recordsSuperseded += rhs.recordsSuperseded
        lhs.articlesInserted += rhs.articlesInserted
        lhs.articlesUpdated += rhs.articlesUpdated
        lhs.articlesUnchanged += rhs.articlesUnchanged
    }
}
