import Foundation

/// A temporary folder of input files for one test, removed at the end.
public struct TempFolder {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "article-etl-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Data(text.utf8))
    }

    public func write(_ relative: String, bytes: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    public func append(_ relative: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + relative))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
