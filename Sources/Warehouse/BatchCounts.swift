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
}
