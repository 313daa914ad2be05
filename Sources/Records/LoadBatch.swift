/// What one batch loads: the files that were read, the articles they produced, the rejects, and the
/// older copies left untransformed (`SupersededCopy`). It crosses the boundary between the stages
/// that make it and the loader (`Warehouse.BatchLoader`), which loads it in one transaction, so a
/// batch is either wholly in the warehouse or not at all.
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
