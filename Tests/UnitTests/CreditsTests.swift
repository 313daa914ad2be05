import Foundation
import Records
import Testing
@testable import Transform

/// Credits found in an article's lines (`Credits`) and set on the article by the transform.
@Suite("credits")
struct CreditsTests {
    @Test func edgeLinesGiveTheOutletEditorAndOriginalTitle() {
        let lines = ["来源：新华社 2024-05-09 10:21", "正文第一段。", "正文第二段。", "原标题：渡轮冬季不停航", "（责任编辑：王小明）"]
        #expect(Credits.scan(lines) == Credits(editor: "王小明", originalTitle: "渡轮冬季不停航", outlet: "新华社"))
        #expect(Credits.scan(["文章来源：人民日报海外版 作者：张三"]).outlet == "人民日报海外版")
        // A citation in a sentence is no credit line.
        #expect(Credits.scan(["据了解，数据来源：国家统计局。"]).outlet == nil)
        #expect(Credits.scan(["他的收入来源很多。"]) == Credits())
        // "The web", "compiled from several": no outlet.
        #expect(Credits.scan(["来源：网络"]).outlet == nil)
        #expect(Credits.scan(["来源：综合自新华社、人民日报"]).outlet == nil)
        #expect(Credits(metadata: ["credit": "本站"]).outlet == nil)
    }

    @Test func unknownOutletsGetAStableCode() {
        #expect(Credits.sourceCode(outlet: "Associated Press") == "associated-press")
        #expect(Credits.sourceCode(outlet: "Reuters") == "reuters")
        let code = Credits.sourceCode(outlet: "城市晚报")
        #expect(code.hasPrefix("outlet-") && code.count == 19)
        #expect(code == Credits.sourceCode(outlet: "城市晚报"))
        #expect(code != Credits.sourceCode(outlet: "城市早报"))
        for name in ["城市晚报", "A.B.C. News", "--", "Ünïcode Times"] {
            let code = Credits.sourceCode(outlet: name)
            #expect(code.range(of: "^[a-z0-9][a-z0-9.-]*$", options: .regularExpression) != nil, "\(code)")
        }
    }

    func transform(_ text: String, sources: [Source] = []) -> ArticleRecord? {
        let record = ExtractedRecord(root: "/in", path: "a.txt", recordNo: 1, format: .text, text: text)
        let transformer = ArticleTransformer(sources: SourceMatcher(sources: sources))
        guard case .article(let article) = transformer.transform(record) else { return nil }
        return article
    }

    static let xinhua = Source(code: "xinhuanet", name: "新华网", homepage: nil, hosts: ["xinhuanet.com"], aliases: ["新华社"])

    @Test func theTransformKeepsTheCreditsOfRemovedLines() throws {
        let article = try #require(transform("""
            港口渡轮今冬首次不停航
            来源：新华社
            港务部门周一宣布，港口渡轮今年冬季将首次保持运营。
            原标题：渡轮冬季不停航
            责任编辑：王小明
            """, sources: [Self.xinhua]))
        #expect(article.body == "港务部门周一宣布，港口渡轮今年冬季将首次保持运营。")
        #expect(article.editor == "王小明")
        #expect(article.originalTitle == "渡轮冬季不停航")
        #expect(article.creditedOutlet == "新华社")
        #expect(article.outletSourceCode == "xinhuanet")
        let unknown = try #require(transform("市图书馆延长开放时间\n市图书馆下月起将开放至晚上九点。\n（来源：城市晚报）"))
        #expect(unknown.creditedOutlet == "城市晚报")
        #expect(unknown.outletSourceCode == Credits.sourceCode(outlet: "城市晚报"))
        let none = try #require(transform("市图书馆延长开放时间\n市图书馆下月起将开放至晚上九点。"))
        #expect(none.editor == nil && none.originalTitle == nil && none.creditedOutlet == nil && none.outletSourceCode == nil)
    }

    @Test func anOutletThatIsTheArticlesOwnSourceIsNoSecondSource() throws {
        let record = ExtractedRecord(root: "/in", path: "a.txt", recordNo: 1, format: .text,
                                     text: "标题\n来源：新华社\n正文第一段，内容足够长。", url: "http://www.xinhuanet.com/a.html")
        let transformer = ArticleTransformer(sources: SourceMatcher(sources: [Self.xinhua]))
        guard case .article(let article) = transformer.transform(record) else { Issue.record("rejected"); return }
        #expect(article.sourceCode == "xinhuanet")
        #expect(article.creditedOutlet == "新华社")
        #expect(article.outletSourceCode == nil)
    }

    @Test func aPageKeepsTheCreditsOfTheEdgeLinesItTrims() throws {
        let story = String(repeating: "港务部门周一宣布，港口渡轮今年冬季将首次保持运营，岛上居民出行将更加方便。", count: 4)
        let html = """
            <html><head><title>港口渡轮今冬首次不停航</title></head><body><article>
            <h1>港口渡轮今冬首次不停航</h1>
            <p>来源：新华社　2024-05-09</p>
            <p>\(story)</p><p>\(story)</p>
            <p>责任编辑：王小明</p>
            </article></body></html>
            """
        let page = try #require(HTMLText.extract(html))
        #expect(!page.paragraphs.contains { $0.contains("责任编辑") || $0.contains("来源") })
        #expect(page.credits == Credits(editor: "王小明", originalTitle: nil, outlet: "新华社"))
    }
}
