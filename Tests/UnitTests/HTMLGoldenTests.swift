import Foundation
import Testing
import TestSupport
@testable import Transform

/// Golden pages for HTML extraction: `Golden/html/NAME.html` is a small page written for one
/// situation (a portal with a site rule, a WeChat body hidden until a script shows it, a Chinese page of
/// `<br>` lines with its date and reporters under the headline, JSON-LD metadata, a list page, a
/// marked article body); `NAME.expected.txt` beside it is what a careful reader would keep:
/// `title:`, `url:`, `published:` (normalized), `author:`, `site:`, `article:` lines, then `---` and
/// the body, one paragraph a line (no body for a page that is not an article).
@Suite("HTML golden pages")
struct HTMLGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/html").path

    static var cases: [String] {
        GoldenFile.cases(in: folder, suffix: ".html")
    }

    @Test func thereAreGoldenPages() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: HTMLGoldenTests.cases)
    func matchesGolden(name: String) throws {
        let html = try String(contentsOfFile: "\(Self.folder)/\(name).html", encoding: .utf8)
        let page = try #require(HTMLText.extract(html))
        GoldenFile.check(Self.render(page), against: "\(Self.folder)/\(name).expected.txt")
    }

    static func render(_ page: HTMLText) -> String {
        let published = page.published.map { Timestamps().parse($0)?.iso8601 ?? $0 } ?? ""
        var text = """
            title: \(page.title ?? "")
            url: \(page.canonicalURL ?? "")
            published: \(published)
            author: \(page.author ?? "")
            site: \(page.siteName ?? "")
            article: \(page.isArticle ? "yes" : "no")

            """
        if page.isArticle { text += "---\n" + page.paragraphs.joined(separator: "\n") + "\n" }
        return text
    }
}
