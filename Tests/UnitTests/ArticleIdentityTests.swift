import Records
import Testing
@testable import Transform
@testable import Warehouse

@Suite("article identity: addresses that name one article, stories that meet on one key")
struct ArticleIdentityTests {
    @Test(arguments: [
        "https://www.china.com.cn/", "http://edition.cnn.com", "https://example.com/index.html",
        "https://example.com/news/default.aspx", "//us.yahoo.com/news/", "https://www.nytimes.com/es/",
        "http://blog.tmcnet.com/blog/tom-keating/", "https://example.com/world_news", "https://example.com/home",
        "https://example.com/#top", "ftp://example.com/story-about-rivers-1234",
    ])
    func frontPagesNameNoArticle(url: String) {
        #expect(!ArticleIdentity.namesOneArticle(url))
        #expect(ArticleIdentity.key(url: url, path: "story.html", contentSHA256: "ab") == "sha256:ab")
    }

    @Test(arguments: [
        "https://hakibenita.com/sql-anomaly-detection", "http://news.cnet.com/8301-30686_3-20014053-266.html",
        "https://example.com/?p=1234", "https://www.example.com/2012/11/12/river-rises/",
        "https://news.example.com/river.html", "http://www.xinhuanet.com/politics/2024-05/09/c_1130142.htm",
        "https://example.com/blog/tom-keating/why-voip-matters",
    ])
    func articleAddressesNameOneArticle(url: String) {
        #expect(ArticleIdentity.namesOneArticle(url))
    }

    /// A canonical link to the folder the page's og:url lies in is a section front; the page is
    /// known by its og:url.
    @Test func aSectionOfAnotherAddressGivesWay() {
        let section = "https://example.com/opinion/jane-doe-columns/index.html"
        let article = "https://example.com/opinion/jane-doe-columns/rates-hold"
        #expect(ArticleIdentity.namesOneArticle(section))
        #expect(ArticleIdentity.articleAddress([nil, section, article]) == article)
        #expect(ArticleIdentity.articleAddress([section]) == section)
        #expect(ArticleIdentity.articleAddress(["https://example.com/", nil]) == nil)
        let page = "https://example.com/2010/08/13/rates.hold/index.html"
        #expect(ArticleIdentity.articleAddress([page, "https://example.com/2010/08/13/rates.hold/"]) == page)
    }

    @Test func theTransformKeysAPageWithAHomePageCanonicalByItsContent() throws {
        let html = """
            <html><head><title>Why VoIP matters</title><link rel="canonical" href="http://blog.example.com/blog/tom-keating/"></head>
            <body><article><h1>Why VoIP matters</h1>\(String(repeating: "<p>Voice over IP changed how small offices pay for calls, and the savings keep growing every year.</p>", count: 4))</article></body></html>
            """
        let record = ExtractedRecord(root: "/in", path: "post.html", recordNo: 1, format: .html, text: html)
        guard case .article(let article) = ArticleTransformer().transform(record) else { Issue.record("rejected"); return }
        #expect(article.articleKey == "sha256:" + article.contentSHA256)
        #expect(article.url == nil)
        #expect(CanonicalHint.key(in: Array(html.utf8)) == nil)
    }

    @Test func theHintGivesThePageTitle() {
        let html = #"<html><head><title> River   rises </title><link rel="canonical" href="https://news.example.com/river.html"></head>"#
        let hint = CanonicalHint.hint(in: Array(html.utf8))
        #expect(hint?.key == "https://news.example.com/river.html" && hint?.title == "River rises")
    }

    func article(_ key: String, _ sha: String, _ print: Int64, observed: Int64) -> ArticleRecord {
        ArticleRecord(root: "/in", path: sha + ".html", recordNo: 1, articleKey: key, title: "title " + sha, lang: "en", script: nil,
                      body: "b", searchText: nil, fingerprint: print, contentSHA256: sha, defects: [],
                      observedAtMicros: observed, transformVersion: 1)
    }

    /// In a batch: the newest copy's story keeps the key, an edit of it (a few bits away) too, and
    /// another story is moved to its qualified key; against a stored story, the batch's other story moves.
    @Test func twoStoriesUnderOneKeyAreKeptApart() {
        let key = "https://example.com/story"
        var articles = [article(key, "aa", 0, observed: 1), article(key, "bb", 0b111, observed: 2),
                        article(key, "cc", -1, observed: 3), article("https://example.com/other", "dd", 5, observed: 1)]
        var conflicts = KeyConflicts.separate(&articles, stored: [:], sameStoryDistance: 12)
        #expect(articles.map(\.articleKey) == [key + "#sha256:aa", key + "#sha256:bb", key, "https://example.com/other"])
        #expect(conflicts.count == 2 && conflicts.allSatisfy { $0.articleKey == key })

        articles = [article(key, "cc", -1, observed: 3), article(key, "ee", 0b1011, observed: 4)]
        conflicts = KeyConflicts.separate(&articles, stored: [key: .init(title: "title aa", contentSHA256: "aa", fingerprint: 0)],
                                          sameStoryDistance: 12)
        #expect(articles.map(\.articleKey) == [key + "#sha256:cc", key])
        #expect(conflicts == [.init(articleKey: key, qualifiedKey: key + "#sha256:cc")])
        // The same title is the same story, whatever the text.
        articles = [article(key, "cc", -1, observed: 3)]
        articles[0].title = "title aa"
        #expect(KeyConflicts.separate(&articles, stored: [key: .init(title: "title aa", contentSHA256: "aa", fingerprint: 0)],
                                      sameStoryDistance: 12).isEmpty)
        #expect(articles[0].articleKey == key)
        // A document id or a content hash is the record's own key: a new text under it is an edit.
        articles = [article("doc:1111111111111111", "aa", 0, observed: 1), article("doc:1111111111111111", "bb", -1, observed: 2)]
        #expect(KeyConflicts.separate(&articles, stored: [:], sameStoryDistance: 12).isEmpty)
    }
}
