import Foundation
import Records
import Testing
@testable import Transform

/// The parts of HTML extraction one at a time, and pages built to hurt it.
@Suite("HTML extraction")
struct HTMLExtractionTests {
    // MARK: hostile pages: an answer or nil, never a crash, never a long wait

    @Test(arguments: ["div", "span", "b", "section", "li", "table"])
    func tenThousandLevelsDeep(tag: String) throws {
        let page = "<html><body>" + String(repeating: "<\(tag)>", count: 10_000) + "深处的一段正文，有标点，也有句号。"
            + String(repeating: "</\(tag)>", count: 10_000) + "</body></html>"
        let result = try #require(HTMLText.extract(page))
        #expect(result.paragraphs.joined().contains("深处的一段正文"))
    }

    @Test func aHundredThousandLevelsDeep() {
        let page = "<html><body>" + String(repeating: "<div>", count: 100_000) + "最深处。" + "</body></html>"
        _ = HTMLText.extract(page)
    }

    @Test func unclosedTagsTenThousandDeep() {
        let page = "<html><body>" + String(repeating: "<div><p><a href=x>链接", count: 10_000)
        _ = HTMLText.extract(page)
    }

    @Test func aHugePageIsReadInOnePass() throws {
        let paragraph = "<p>这是一段很长的正文，用来测试一个很大的页面能否在合理的时间里读完，而不会因为重复的字符串操作而变慢。</p>\n"
        let links = (0..<2000).map { "<li><a href=\"/a/\($0)\">相关链接标题第\($0)条新闻</a></li>" }.joined()
        let page = "<html><body><ul class=\"nav\">\(links)</ul><div id=\"main\">"
            + String(repeating: paragraph, count: 40_000) + "</div></body></html>"
        let clock = ContinuousClock()
        let start = clock.now
        let result = try #require(HTMLText.extract(page))
        #expect(clock.now - start < .seconds(30))
        #expect(result.paragraphs.count == 40_000)
        #expect(result.isArticle)
    }

    @Test func oneLongLineWithoutSpaces() throws {
        let page = "<html><body><p>" + String(repeating: "字", count: 1_000_000) + "</p></body></html>"
        let result = try #require(HTMLText.extract(page))
        #expect(result.paragraphs.first?.count == 1_000_000)
    }

    @Test(arguments: [
        "", "<html></html>", "<html><head><title>只有标题</title></head></html>", "<<<>>>", "\u{0}\u{0}\u{0}",
        "<body>", "</p></div></body>", "<script>var a = '<p>不是正文</p>';</script>", "纯文本，没有任何标签。",
        "<html><body><p></p><div> </div></body></html>", "<?xml version=\"1.0\"?><rss><item>条目</item></rss>",
    ])
    func pagesWithoutABody(page: String) {
        let result = HTMLText.extract(page)
        #expect(result?.paragraphs.joined().contains("不是正文") != true)
    }

    /// An empty page is no list page: it has no text to give (the transform rejects it as `no_body`).
    @Test func aPageWithoutBodyTextHasNoParagraphs() throws {
        let result = try #require(HTMLText.extract("<html><head><title>只有标题</title></head><body></body></html>"))
        #expect(result.paragraphs.isEmpty)
        #expect(result.title == "只有标题")
    }

    @Test func theTransformerStillReadsAFragment() {
        let record = ExtractedRecord(root: "/in", path: "f.html", recordNo: 1, format: .html,
                                     text: "<h1>短讯</h1><p>一句话。</p>")
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(article.title == "短讯")
        #expect(article.body == "一句话。")
    }

    // MARK: the parts

    @Test(arguments: [
        ("城市夜市重新开张_网易新闻", "城市夜市重新开张"),
        ("DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网", "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"),
        ("Harbor town votes to rebuild its old pier | Reuters", "Harbor town votes to rebuild its old pier"),
        ("'Neutral' Fact-Checker: 'Are There Any?' - Breitbart", "'Neutral' Fact-Checker: 'Are There Any?'"),
        ("宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网", "宇航员在太空中喝酒会怎么样？后果很严重"),
        ("A title - with a dash that is part of the title itself", "A title - with a dash that is part of the title itself"),
        ("关于批准发行特别国债的决议_", "关于批准发行特别国债的决议"),
    ])
    func titlesLoseTheSiteName(raw: String, expected: String) {
        #expect(TitleText.strip(raw, siteName: nil) == expected)
    }

    @Test func aTitleLosesTheKnownSiteName() {
        #expect(TitleText.strip("Pier vote - Example Gazette", siteName: "Example Gazette") == "Pier vote")
    }

    @Test(arguments: [
        ("2024-05-09 10:21 来源：新华社", "2024-05-09 10:21"),
        ("发布时间：2024年5月9日 10:21:30", "2024-05-09 10:21:30"),
        ("2024/5/9", "2024-05-09"),
        ("2024.05.09 星期四", "2024-05-09"),
        ("第12024-05-09期", nil),
        ("电话 010-64870663", nil),
        ("2024-13-09", nil),
    ] as [(String, String?)])
    func datesInPageText(text: String, expected: String?) {
        #expect(DateInText.first(in: text)?.text == expected)
    }

    @Test func datesInURLs() {
        #expect(DateInText.inURL("https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml") == "2019-11-25")
        #expect(DateInText.inURL("https://example.com/2019/05/09/story") == "2019-05-09")
        #expect(DateInText.inURL("https://example.com/story/12345") == nil)
    }

    @Test(arguments: [
        ("2024-05-09 10:21 来源：新华社 记者 王小明 李红", "王小明 李红"),
        ("作者：张三", "张三"),
        ("文/李四 编辑/王五", "李四"),
        ("新华社北京5月9日电（记者 赵六）", "赵六"),
        ("他告诉记者这件事很重要", nil),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By the way, it rained.", nil),
    ] as [(String, String?)])
    func bylinesInPageText(text: String, expected: String?) {
        #expect(Bylines.find(in: text) == expected)
    }

    @Test func selectorsMatchLikeCSS() throws {
        let html = """
            <html><body><div id="Main" class="post_body wide"><p data-role="editor-name">编辑</p></div>
            <div class="article-content-wrap"><article><p>正文</p></article></div></body></html>
            """
        let tree = try #require(PageTree(html: html))
        func tags(_ selector: String) -> [String] {
            (Selector(selector)?.matches(in: tree) ?? []).map { tree.nodes[$0].tag }
        }
        #expect(tags("#main") == ["div"])
        #expect(tags("div.post_body.wide") == ["div"])
        #expect(tags(".post_body.narrow") == [])
        #expect(tags("[data-role=editor-name]") == ["p"])
        #expect(tags("[class*=article-content] article p") == ["p"])
        #expect(tags("div p") == ["p", "p"])
        #expect(Selector("div > p") == nil)
        // Class names in any ASCII case; a class no element has rules a selector out at once.
        let upper = try #require(PageTree(html: #"<div class="Post_Body X"><p class="lead">a</p></div><p class="c">b</p>"#))
        func classes(_ selector: String) -> [String?] {
            (Selector(selector)?.matches(in: upper) ?? []).map { upper.nodes[$0].attributes["class"] }
        }
        #expect(classes("div.post_body p.lead") == ["lead"])
        #expect(classes(".x .lead") == ["lead"])
        #expect(classes("div.post_body p.c") == [])
        #expect(classes("p.c") == ["c"])
        #expect(Set(upper.classValues.keys) == ["post_body x", "lead", "c"])
    }

    @Test func siteRulesLoadFromJSONAndAMissingFileMeansNone() throws {
        #expect(SiteRules(path: "/nonexistent/site-rules.json").rules.isEmpty)
        #expect(SiteRules(json: Data("not json".utf8)).rules.isEmpty)
        let rules = SiteRules(json: Data(##"{"sites": [{"name": "x", "hosts": ["example.cn"], "body": ["#text"]}]}"##.utf8))
        let tree = try #require(PageTree(html: "<p>a</p>"))
        #expect(rules.rule(host: "news.example.cn", tree: tree)?.name == "x")
        #expect(rules.rule(host: "example.com", tree: tree) == nil)
        #expect(!SiteRules.standard.rules.isEmpty, "config/site-rules.json is found from the source tree")
    }

    @Test func aSiteRuleBeatsTheScoring() {
        let rules = SiteRules(json: Data(##"{"sites": [{"name": "x", "hosts": ["example.cn"], "body": ["#short"], "drop": [".ad"]}]}"##.utf8))
        let page = """
            <html><head><link rel="canonical" href="https://www.example.cn/a.html"></head><body>
            <div id="long"><p>很长的一段其他内容，有很多很多的字，有逗号，有句号，还有更多的字。</p><p>又一段其他的内容，也很长，也有标点。</p></div>
            <div id="short"><p>真正的正文。</p><p class="ad">广告</p></div></body></html>
            """
        let result = HTMLText.extract(page, rules: rules)
        #expect(result?.paragraphs == ["真正的正文。"])
    }

    @Test func metadataFromMetaTagsAndJSONLD() throws {
        let page = """
            <html><head><title>春播进度过半_频道_示例网</title>
            <script type="application/ld+json">[{"@type": "WebPage", "name": "页面"},
              {"@type": ["NewsArticle"], "headline": "春播进度过半", "datePublished": "2024-05-09T10:21:00+08:00",
               "author": {"@type": "Person", "name": "王记者"}, "publisher": {"name": "示例网"}}]</script>
            </head><body><h1>春播进度过半</h1><p>正文第一段，内容足够长，可以被当作正文来读。</p></body></html>
            """
        let result = try #require(HTMLText.extract(page))
        #expect(result.title == "春播进度过半")
        #expect(result.published == "2024-05-09T10:21:00+08:00")
        #expect(result.author == "王记者")
        #expect(result.siteName == "示例网")
    }

    @Test func aDateUnderTheHeadlineIsThePublishedTime() throws {
        let page = """
            <html><body><h1>春播进度过半</h1><div class="meta">2024年05月09日 10:21　来源：新华社</div>
            <div class="text"><p>记者从省农业农村厅获悉，截至8日，全省春播进度已经过半，比去年同期快两个百分点。</p></div>
            <div class="side"><span>2020-01-01</span></div></body></html>
            """
        let result = try #require(HTMLText.extract(page))
        #expect(result.published == "2024-05-09 10:21")
        #expect(Timestamps().parse(result.published ?? "")?.iso8601 == "2024-05-09T10:21:00+08:00")
    }
}
