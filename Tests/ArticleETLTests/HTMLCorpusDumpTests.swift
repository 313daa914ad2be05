import Extract
import Foundation
import Testing
@testable import Transform

/// Not a test of its own: the way `scripts/check-html` gets the extractor's output over the shared
/// sample pages without a database. Runs only when `ARTICLE_ETL_HTML_DUMP=/some/dir` is set; then
/// every sample page is decoded as the extract stage decodes it, extracted, and written to
/// `<dir>/<path below the samples>.json` as {title, body, published, publishedAt, author, siteName,
/// url, isArticle, notArticleReason}; `<dir>/_timing.json` says how long extraction alone took.
/// The samples are `ARTICLE_ETL_SAMPLES`, else `../shared/samples` beside the project.
@Suite("HTML corpus dump (scripts/check-html)")
struct HTMLCorpusDumpTests {
    static let output = ProcessInfo.processInfo.environment["ARTICLE_ETL_HTML_DUMP"]

    static var samples: URL {
        if let folder = ProcessInfo.processInfo.environment["ARTICLE_ETL_SAMPLES"] {
            return URL(fileURLWithPath: folder)
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }   // Tests/ArticleETLTests/X.swift → project root
        return url.deletingLastPathComponent().appendingPathComponent("shared/samples")
    }

    /// The sample folders with HTML pages that `scripts/check-html` scores or inspects.
    static let folders = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html",
                          "zh-portal-html-gerapy"]

    static var samplesPresent: Bool { FileManager.default.fileExists(atPath: samples.standardizedFileURL.path) }

    /// The sample pages of `folders`, decoded as the extract stage decodes them, in path order.
    static func samplePages() throws -> [(path: String, text: String)] {
        let root = samples.standardizedFileURL
        try #require(FileManager.default.fileExists(atPath: root.path), "the sample folder \(root.path) is absent")
        var pages: [(path: String, text: String)] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let name as String in walker where name.hasSuffix(".html") {
                let bytes = [UInt8](try Data(contentsOf: base.appendingPathComponent(name)))
                guard case .success(let decoded) = TextDecoding.decode(bytes, declared: DeclaredCharset.find(in: bytes))
                else { continue }
                pages.append((path: folder + "/" + name, text: decoded.text))
            }
        }
        return pages.sorted { $0.path < $1.path }
    }

    @Test(.enabled(if: output != nil))
    func dumpSamplePages() throws {
        let output = URL(fileURLWithPath: Self.output!)
        let pages = try Self.samplePages()
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var bytes = 0
        for page in pages {
            let start = clock.now
            let extracted = HTMLText.extract(page.text)
            elapsed += clock.now - start
            bytes += page.text.utf8.count
            var record: [String: Any] = ["isArticle": extracted?.isArticle ?? false]
            record["title"] = extracted?.title
            record["body"] = extracted?.paragraphs.joined(separator: "\n") ?? ""
            record["published"] = extracted?.published
            record["publishedAt"] = extracted?.published.flatMap { Timestamps().parse($0)?.iso8601 }
            record["author"] = extracted?.author
            record["siteName"] = extracted?.siteName
            record["url"] = extracted?.canonicalURL
            record["notArticleReason"] = extracted?.notArticleReason
            let file = output.appendingPathComponent(page.path + ".json")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys]).write(to: file)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let timing: [String: Any] = ["pages": pages.count, "bytes": bytes, "seconds": seconds,
                                     "pagesPerSecond": seconds > 0 ? Double(pages.count) / seconds : 0]
        try JSONSerialization.data(withJSONObject: timing, options: [.sortedKeys])
            .write(to: output.appendingPathComponent("_timing.json"))
        #expect(pages.count > 0)
    }
}
