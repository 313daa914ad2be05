import Records
import Warehouse

/// Everything one input file produced, after extract (records) or after transform (articles).
/// `file` is nil for a problem that belongs to no file (an unreadable folder).
public struct FileUnit<Item: Sendable>: Sendable {
    public var file: FileEntry?
    public var items: [Item]
    public var rejects: [RejectRecord]

    public init(file: FileEntry?, items: [Item] = [], rejects: [RejectRecord] = []) {
        self.file = file
        self.items = items
        self.rejects = rejects
    }
}

extension LoadBatch {
    /// A batch made of transformed files.
    init(units: [FileUnit<ArticleRecord>]) {
        self.init()
        for unit in units {
            if let file = unit.file { files.append(file) }
            articles.append(contentsOf: unit.items)
            rejects.append(contentsOf: unit.rejects)
        }
    }
}
