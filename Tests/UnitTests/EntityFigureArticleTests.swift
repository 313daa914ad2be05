import Foundation
import Records
import Testing
@testable import Transform

/// Entities and figures of whole articles: one written for this test with the same kinds of sums,
/// percentages and names as the seed article, and the seed article itself when it is present.
@Suite("entities and figures of an article")
struct EntityFigureArticleTests {
    static let money: Set<String> = ["100000000 USD", "14800000000 USD", "29000000000 USD", "1000000 CNY"]
    static let percents: Set<String> = ["49", "0.3", "5", "35", "30", "300", "37", "75"]
    static let entities: Set<String> = ["Meta", "OpenAI", "Scale AI", "英伟达", "腾讯", "华为", "百度", "扎克伯格", "黄仁勋", "亚历山大·王"]

    static let syntheticTitle = "硅谷抢人：Meta开出1亿美元薪酬包"
    static let syntheticBody = """
        据知情人士透露，Meta本月向至少4名研究员开出约1亿美元的薪酬包，并限他们在48小时内答复。
        今年6月，马克·扎克伯格宣布以148亿美元入股Scale AI，拿下49%的股份，这家数据公司的估值随之达到290亿美元。
        Scale AI创始人亚历山大·王将加盟Meta，负责新设的实验室。该公司称其标注错误率已降至0.3%，而同行普遍在5%左右。
        业内估计，Scale AI处理了全球约35%的模型训练数据，客户包括OpenAI。OpenAI原定7月推出的o2模型随之推迟。
        扎克伯格的焦虑不难理解：Meta在2024年发布的Llama 4拥有1.8万亿参数，表现仍不及GPT-4.5；其社交语料中约有30%质量偏低。
        英伟达CEO黄仁勋同样在招揽人才，一位新入职的工程师曾让训练效率提升300%，开价据说是同行的3-5倍。
        一项调查显示，顶尖研究者中有37%在中国接受过本科教育，开源多模态项目中有75%由华人研究者主导。
        在国内，腾讯、华为、百度也在加码招聘，华为为少数应届生开出百万人民币年薪，客服电话400-800-1234。
        """

    static func check(_ figures: [Figure], _ mentions: [Mention]) {
        let money = Set(figures.filter { $0.kind == .money }.map { "\($0.value) \($0.unit ?? "")" })
        let percents = Set(figures.filter { $0.kind == .percent }.map(\.value))
        #expect(money == Self.money)
        #expect(percents == Self.percents)
        #expect(figures.filter { $0.kind == .percent }.allSatisfy { $0.unit == "%" })
        let names = Set(mentions.map(\.name))
        #expect(Self.entities.subtracting(names).isEmpty, "missing: \(Self.entities.subtracting(names).sorted())")
        #expect(mentions.first { $0.name == "亚历山大·王" }?.kind == .person)
    }

    @Test func aSyntheticArticleLikeTheSeed() {
        let figures = FigureGrammar.figures(title: Self.syntheticTitle, body: Self.syntheticBody)
        let mentions = EntityMatcher.standard.mentions(title: Self.syntheticTitle, body: Self.syntheticBody)
        Self.check(figures, mentions)
        #expect(figures.first == Figure(kind: .money, raw: "1亿美元", value: "100000000", unit: "USD", position: nil))
        #expect(figures.filter { $0.kind == .quantity }.map(\.raw) == ["1.8万亿", "3-5倍"])
        #expect(figures.count == 15)
        #expect(mentions.first { $0.name == "Meta" }?.count == 4)
        #expect(mentions.first { $0.name == "扎克伯格" }?.count == 2)
        #expect(mentions.first { $0.name == "OpenAI" }?.count == 2)
    }

    static let seedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/samples/seed/000_11748bc2aa869176.txt").standardized.path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: EntityFigureArticleTests.seedPath),
                   "the seed article ../shared/samples/seed/000_11748bc2aa869176.txt is not on this machine"))
    func theSeedArticle() throws {
        let text = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
        // The flattened ruby pinyin (會(huì)) out, roughly: the real repair is the text-repair stage's.
        let repaired = text.replacing(/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/, with: "")
        let lines = repaired.split(separator: "\n", maxSplits: 1)
        let (title, body) = (String(lines[0]), lines.count > 1 ? String(lines[1]) : "")
        Self.check(FigureGrammar.figures(title: title, body: body), EntityMatcher.standard.mentions(title: title, body: body))
    }
}
