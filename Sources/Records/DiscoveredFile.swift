/// A regular file found under an input root, with what `lstat` says of it.
public struct DiscoveredFile: Hashable, Sendable {
    public var root: String
    /// Path relative to the root, with `/` separators.
    public var path: String
    public var size: Int64
    public var mtimeMicros: Int64
    /// False when the file's name is not valid UTF-8: `path` then holds U+FFFD in its place, the
    /// file cannot be opened by that path, and extract rejects it as `invalid_file_name`.
    public var validName = true

    public var absolutePath: String { root == "/" ? "/" + path : root + "/" + path }

    public init(root: String, path: String, size: Int64, mtimeMicros: Int64, validName: Bool = true) {
        self.root = root
        self.path = path
        self.size = size
        self.mtimeMicros = mtimeMicros
        self.validName = validName
    }
}
