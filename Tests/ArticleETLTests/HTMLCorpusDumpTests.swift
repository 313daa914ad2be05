import Extract
import Foundation
import Testing
@testable import Transform

/// Not a test of its own: the way `scripts/check-html` gets the extractor's output over the shared
/// sample pages without a database. Runs only when `ARTICLE_ETL_HTML_DUMP=/some/dir` is set; then
/// every sample page is decoded as the extract stage decodes it, extracted, and written to
/// `<dir>/<path below the samples>.json` as {title, body, published, publishedAt, author, siteName,
/// url, isArticle, notArticleReason}; `<dir>/_timing.json` says how long extraction alone took
/// (in all and per folder). A page whose bytes do not decode is written too, as not an article with
/// `notArticleReason` "undecodable: …", as the extract stage would reject it.
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

    /// The sample folders with HTML pages that the corpus tests walk (PageTreeTests, OlderCopiesTests).
    static let folders = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html",
                          "zh-portal-html-gerapy"]

    /// The folders the dump covers for `scripts/check-html`: `folders` and the CleanEval sets (the same
    /// list as FOLDERS in scripts/check-html-score.py).
    static let dumpFolders = folders + ["html-cleaneval/cleaneval-dev/input", "html-cleaneval/CleanPortalEval/input"]

    static var samplesPresent: Bool { FileManager.default.fileExists(atPath: samples.standardizedFileURL.path) }

    /// The sample pages of `folders`, decoded as the extract stage decodes them, in path order.
    static func samplePages() throws -> [(path: String, text: String)] {
        try pages(in: folders, isPage: { name, _ in name.hasSuffix(".html") }).compactMap { page in
            page.text.map { (path: page.path, text: $0) }
        }
    }

    /// Whether `name` (below `folder`) is a page the dump extracts: in html-readability only
    /// `*/source.html` (`expected.html` there is the gold, not a page).
    static func isDumpPage(_ name: String, in folder: String) -> Bool {
        guard name.hasSuffix(".html") else { return false }
        return folder != "html-readability" || name.hasSuffix("/source.html")
    }

    /// The pages of `folders` that `isPage` accepts, decoded as the extract stage decodes them, in path
    /// order; `text` is nil for a page whose bytes do not decode (with the reason in `failure`).
    static func pages(in folders: [String], isPage: (String, String) -> Bool) throws
        -> [(folder: String, path: String, text: String?, failure: String?)] {
        let root = samples.standardizedFileURL
        try #require(FileManager.default.fileExists(atPath: root.path), "the sample folder \(root.path) is absent")
        var pages: [(folder: String, path: String, text: String?, failure: String?)] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let name as String in walker where isPage(name, folder) {
                let bytes = [UInt8](try Data(contentsOf: base.appendingPathComponent(name)))
                switch TextDecoding.decode(bytes, declared: DeclaredCharset.find(in: bytes)) {
                case .success(let decoded):
                    pages.append((folder: folder, path: folder + "/" + name, text: decoded.text, failure: nil))
                case .failure(let failure):
                    pages.append((folder: folder, path: folder + "/" + name, text: nil, failure: "undecodable: \(failure)"))
                }
            }
        }
        return pages.sorted { $0.path < $1.path }
    }

    @Test(.enabled(if: output != nil))
    func dumpSamplePages() throws {
        let output = URL(fileURLWithPath: Self.output!)
        let pages = try Self.pages(in: Self.dumpFolders, isPage: Self.isDumpPage)
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var bytes = 0
        var perFolder: [String: (pages: Int, bytes: Int, elapsed: Duration)] = [:]
        for page in pages {
            guard let text = page.text else {
                let record: [String: Any] = ["isArticle": false, "body": "", "notArticleReason": page.failure ?? "undecodable"]
                let file = output.appendingPathComponent(page.path + ".json")
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys]).write(to: file)
                continue
            }
            let start = clock.now
            let extracted = HTMLText.extract(text)
            let took = clock.now - start
            elapsed += took
            bytes += text.utf8.count
            perFolder[page.folder, default: (0, 0, .zero)].pages += 1
            perFolder[page.folder, default: (0, 0, .zero)].bytes += text.utf8.count
            perFolder[page.folder, default: (0, 0, .zero)].elapsed += took
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
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        let extractedPages = pages.filter { $0.text != nil }.count
        var folders: [String: Any] = [:]
        for (folder, figures) in perFolder {
            folders[folder] = ["pages": figures.pages, "bytes": figures.bytes, "seconds": seconds(figures.elapsed)]
        }
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        let timing: [String: Any] = ["pages": extractedPages, "undecodable": pages.count - extractedPages, "bytes": bytes,
                                     "seconds": seconds(elapsed), "configuration": configuration,
                                     "pagesPerSecond": seconds(elapsed) > 0 ? Double(extractedPages) / seconds(elapsed) : 0,
                                     "folders": folders]
        try JSONSerialization.data(withJSONObject: timing, options: [.sortedKeys])
            .write(to: output.appendingPathComponent("_timing.json"))
        #expect(pages.count > 0)
    }
}
