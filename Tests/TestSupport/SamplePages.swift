import Extract
import Foundation

/// The saved pages of `../shared/samples` (outside the project: read, never copied) that the corpus
/// tests walk (PageTreeTests, OlderCopiesTests), decoded as the extract stage decodes them.
/// The samples are `ARTICLE_ETL_SAMPLES`, else `../shared/samples` beside the project.
public enum SamplePages {
    public static var root: URL {
        if let folder = ProcessInfo.processInfo.environment["ARTICLE_ETL_SAMPLES"] {
            return URL(fileURLWithPath: folder).standardizedFileURL
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/TestSupport/X.swift → project root
        return url.deletingLastPathComponent().appendingPathComponent("shared/samples").standardizedFileURL
    }

    public static let folders = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html",
                                 "zh-portal-html-gerapy"]

    public static var present: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Every `.html` file of `folders` that decodes, in path order.
    public static func all() throws -> [(path: String, text: String)] {
        var found: [(path: String, text: String)] = []
        for folder in folders {
            let names = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)?
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
            for name in names {
                let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("\(folder)/\(name)")))
                if case .success(let decoded) = TextDecoding.decode(bytes, declared: DeclaredCharset.find(in: bytes)) {
                    found.append((path: "\(folder)/\(name)", text: decoded.text))
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
