import Records

/// What one batch loads: the files that were read, the articles they produced and the rejects.
/// Loaded in one transaction, so a batch is either wholly in the warehouse or not at all.
public struct LoadBatch: Sendable {
    public var files: [FileEntry] = []
    public var articles: [ArticleRecord] = []
    public var rejects: [RejectRecord] = []

    public init(files: [FileEntry] = [], articles: [ArticleRecord] = [], rejects: [RejectRecord] = []) {
        self.files = files
        self.articles = articles
        self.rejects = rejects
    }

    public var isEmpty: Bool { files.isEmpty && articles.isEmpty && rejects.isEmpty }

    /// Adds one file with what it produced.
    public mutating func append(file: FileEntry, articles: [ArticleRecord], rejects: [RejectRecord]) {
        files.append(file)
        self.articles.append(contentsOf: articles)
        self.rejects.append(contentsOf: rejects)
    }
}

/// What loading one batch changed.
public struct BatchCounts: Sendable, Equatable {
    public var filesNew = 0
    public var filesChanged = 0
    public var filesTouched = 0
    public var filesRejected = 0
    public var recordsRejected = 0
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
        lhs.articlesInserted += rhs.articlesInserted
        lhs.articlesUpdated += rhs.articlesUpdated
        lhs.articlesUnchanged += rhs.articlesUnchanged
    }
}
