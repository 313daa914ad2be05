
/// Everything one input file produced, after extract (records) or after transform (articles).
/// `file` is nil for a problem that belongs to no file (an unreadable folder).
public struct FileUnit<Item: Sendable>: Sendable {
    public var file: FileEntry?
    public var items: [Item]
    public var rejects: [RejectRecord]
    /// Records `run` left untransformed as older copies of stored articles (`OlderCopies`).
    public var superseded: [SupersededCopy]
    /// A record file too large to read whole, still to be read in parts (`Stages.stream`): the
    /// unit holds nothing yet.
    public var streamed: DiscoveredFile?

    public init(file: FileEntry?, items: [Item] = [], rejects: [RejectRecord] = [], superseded: [SupersededCopy] = [],
                streamed: DiscoveredFile? = nil) {
        self.file = file
        self.items = items
        self.rejects = rejects
        self.superseded = superseded
        self.streamed = streamed
    }
}

extension LoadBatch {
    /// A batch made of transformed files.
    public init(units: [FileUnit<ArticleRecord>]) {
        self.init()
        for unit in units {
            if let file = unit.file { files.append(file) }
            articles.append(contentsOf: unit.items)
            rejects.append(contentsOf: unit.rejects)
            superseded.append(contentsOf: unit.superseded)
        }
    }
}
