import Records
import Testing
@testable import Transform

@Suite("transform rules")
struct TransformTests {
    @Test(arguments: [
        ("2026-11-28/000_11748bc2aa869176.txt", "11748bc2aa869176"),
        ("000_11748BC2AA869176.html", "11748bc2aa869176"),
        ("12_0123456789abcdef", "0123456789abcdef"),
    ])
    func scraperDocumentIDsAreRead(path: String, id: String) {
        #expect(ArticleIdentity.scraperDocumentID(path: path) == id)
    }

    @Test(arguments: ["article.txt", "000_11748bc2aa86917.txt", "abc_11748bc2aa869176.txt", "000_11748bc2aa86917g.txt",
                      "_11748bc2aa869176.txt", "000_11748bc2aa869176_x.txt"])
    func otherNamesHaveNoDocumentID(path: String) {
        #expect(ArticleIdentity.scraperDocumentID(path: path) == nil)
    }

    @Test func identityPrefersURLThenDocumentIDThenContentHash() {
        #expect(ArticleIdentity.key(url: "https://example.com/a", path: "000_11748bc2aa869176.txt", contentSHA256: "ab") == "https://example.com/a")
        #expect(ArticleIdentity.key(url: nil, path: "000_11748bc2aa869176.txt", contentSHA256: "ab") == "doc:11748bc2aa869176")
        #expect(ArticleIdentity.key(url: nil, path: "story.txt", contentSHA256: "ab") == "sha256:ab")
    }

    @Test func recordsWithoutTitleOrBodyAreRejected() {
        let transformer = ArticleTransformer()
        for (text, code) in [("", "empty_text"), ("\n \u{0}\n", "empty_text"), ("Only a title\n\n", "no_body")] {
            let record = ExtractedRecord(root: "/in", path: "a.txt", recordNo: 1, format: .text, text: text)
            guard case .reject(let reject) = transformer.transform(record) else {
                Issue.record("\(text.debugDescription) was not rejected")
                continue
            }
            #expect(reject.code == code)
            #expect(reject.stage == .transform)
        }
    }

    @Test func contentHashIsTheSHA256OfTheBody() {
        let record = ExtractedRecord(root: "/in", path: "a.txt", recordNo: 1, format: .text, text: "T\nabc")
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.contentSHA256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
