import Foundation
import Records
import Testing
@testable import Transform

@Suite("transform: HTML, JSON records, timestamps")
struct TransformRecordsTests {
    @Test func htmlGivesTitleBodyAndMetadata() throws {
        let page = """
            <html><head><title>标题 - 新闻网</title><meta property="og:title" content="标题">
            <link rel="canonical" href="https://news.example.cn/a/1.html">
            <meta property="article:published_time" content="2024-05-09T10:21:00+08:00">
            <meta name="author" content="王记者"><script>var x = "不要";</script><style>p{}</style></head>
            <body><nav>首页 | 国内</nav><h1>标题</h1><p>第一段正文。</p><div>第二段<b>加粗</b>正文。</div>
            <footer>版权所有</footer></body></html>
            """
        let record = ExtractedRecord(root: "/in", path: "p.html", recordNo: 1, format: .html, text: page)
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.title == "标题")
        #expect(article.body == "第一段正文。\n第二段加粗正文。")
        #expect(article.url == "https://news.example.cn/a/1.html")
        #expect(article.articleKey == "https://news.example.cn/a/1.html")
        #expect(article.publishedAt == "2024-05-09T10:21:00+08:00")
        #expect(article.author == "王记者")
    }

    @Test func jsonFieldsWin() throws {
        let record = ExtractedRecord(root: "/in", path: "0.txt", recordNo: 7, format: .plain, text: "正文一段。\n正文二段。",
                                     title: "第一篇", url: "http://news.example.cn/1.html", published: "1458532800",
                                     crawled: "2016-03-21 12:00:00")
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.title == "第一篇")
        #expect(article.body == "正文一段。\n正文二段。")
        #expect(article.recordNo == 7)
        #expect(article.publishedAt == "2016-03-21T12:00:00+08:00")
        #expect(article.observedAtMicros == 1_458_532_800_000_000)
        #expect(article.articleKey == "http://news.example.cn/1.html")
    }

    @Test(arguments: [
        ("2024-05-09T10:21:00Z", "2024-05-09T10:21:00+00:00"),
        ("2024-05-09T10:21:00.123+08:00", "2024-05-09T10:21:00+08:00"),
        ("2024-05-09 10:21", "2024-05-09T10:21:00+08:00"),
        ("2024/5/9 10:21:30", "2024-05-09T10:21:30+08:00"),
        ("2024年5月9日 10:21", "2024-05-09T10:21:00+08:00"),
        ("2024-05-09", "2024-05-09T00:00:00+08:00"),
        ("Thu, 09 May 2024 02:21:00 GMT", "2024-05-09T02:21:00+00:00"),
        ("Mon, 21 Mar 2016 03:00:00 +0800", "2016-03-21T03:00:00+08:00"),
        ("1458532800", "2016-03-21T12:00:00+08:00"),
        ("1458532800000", "2016-03-21T12:00:00+08:00"),
        ("2024-05-09T10:21:00-05:00", "2024-05-09T10:21:00-05:00"),
    ])
    func timestampsGetAnExplicitZone(raw: String, expected: String) {
        #expect(Timestamps().parse(raw)?.iso8601 == expected)
    }

    @Test(arguments: ["", "yesterday", "12345", "2024-13-01", "0000-00-00 00:00:00", "3000-01-01"])
    func nonsenseIsNotATime(raw: String) {
        #expect(Timestamps().parse(raw) == nil)
    }

    @Test func anotherDefaultZoneApplies() {
        let utc = Timestamps(defaultZone: TimeZone(identifier: "UTC")!)
        #expect(utc.parse("2024-05-09 10:21")?.iso8601 == "2024-05-09T10:21:00+00:00")
        let newYork = Timestamps(defaultZone: TimeZone(identifier: "America/New_York")!)
        #expect(newYork.parse("2024-07-04 12:00")?.iso8601 == "2024-07-04T12:00:00-04:00")
    }

    @Test func deeplyNestedHTMLDoesNotCrash() {
        let page = "<html><body>" + String(repeating: "<div>", count: 20000) + "深处的文字" + String(repeating: "</div>", count: 20000) + "</body></html>"
        let record = ExtractedRecord(root: "/in", path: "deep.html", recordNo: 1, format: .html, text: page)
        _ = ArticleTransformer().transform(record)   // an article or a reject, never a crash
    }
}
