/// Input that could not become an article, with a stable code and a human message.
public struct RejectRecord: Codable, Hashable, Sendable {
    public enum Stage: String, Codable, Sendable {
        case extract, transform, load
    }

    public var root: String
    public var path: String
    /// 1-based record in the file; nil when the whole file is rejected.
    public var recordNo: Int?
    public var stage: Stage
    /// Stable reason code, e.g. `empty`, `undecodable`, `no_body`.
    public var code: String
    public var message: String

    public init(root: String, path: String, recordNo: Int? = nil, stage: Stage, code: String, message: String) {
        self.root = root
        self.path = path
        self.recordNo = recordNo
        self.stage = stage
        self.code = code
        self.message = message
    }
}
