import Dispatch
import Foundation
import Records
import Testing
@testable import Transform

@Suite("entity list and matcher")
struct EntityMatcherTests {
    static let matcher = EntityMatcher.standard

    static func names(_ text: String, title: String = "") -> [String: Int] {
        var counts: [String: Int] = [:]
        for mention in matcher.mentions(title: title, body: text) { counts["\(mention.kind):\(mention.name)"] = mention.count }
        return counts
    }

    @Test func theStandardListLoadsWithoutConflicts() throws {
        let list = try EntityList.load(path: EntityList.defaultPath())
        #expect(list == EntityList.standard)
        #expect(list.entities.count >= 150)
        for kind in EntityKind.allCases {
            #expect(list.entities.filter { $0.kind == kind }.count >= 20, "\(kind)")
        }
        #expect(list.conflict() == nil)
    }

    /// Every name issue 7 lists, by each of its aliases, maps to its canonical name.
    @Test(arguments: [
        ("Meta", "org:Meta"), ("脸书", "org:Meta"), ("英伟达", "org:英伟达"), ("NVIDIA", "org:英伟达"), ("Nvidia", "org:英伟达"),
        ("谷歌", "org:谷歌"), ("Google", "org:谷歌"), ("微软", "org:微软"), ("Microsoft", "org:微软"), ("腾讯", "org:腾讯"),
        ("Tencent", "org:腾讯"), ("华为", "org:华为"), ("Huawei", "org:华为"), ("百度", "org:百度"), ("Baidu", "org:百度"),
        ("OpenAI", "org:OpenAI"), ("Scale AI", "org:Scale AI"), ("麻省理工学院", "org:麻省理工学院"), ("MIT", "org:麻省理工学院"),
        ("斯坦福", "org:斯坦福大学"), ("Stanford", "org:斯坦福大学"), ("清华", "org:清华大学"), ("Tsinghua", "org:清华大学"),
        ("欧盟", "org:欧盟"), ("EU", "org:欧盟"), ("马克·扎克伯格", "person:扎克伯格"), ("扎克伯格", "person:扎克伯格"),
        ("Mark Zuckerberg", "person:扎克伯格"), ("黄仁勋", "person:黄仁勋"), ("Jensen Huang", "person:黄仁勋"),
    ])
    func issueSevenNamesAndAliases(alias: String, expected: String) {
        #expect(Self.names("据报道，\(alias) 周一表示。") == [expected: 1])
    }

    @Test func theLongestAliasTakesItsSpan() {
        #expect(Self.names("马克·扎克伯格说，扎克伯格本人") == ["person:扎克伯格": 2])
        #expect(Self.names("麻省理工学院(MIT)的研究") == ["org:麻省理工学院": 2])
        #expect(Self.names("北约即北大西洋公约组织") == ["org:北约": 2])
        #expect(Self.names("北京东站") == ["place:北京": 1])
    }

    @Test func latinAliasesMatchOnWordBoundaries() {
        #expect(Self.names("metadata and metaverse") == [:])
        #expect(Self.names("Meta's plan; META.") == ["org:Meta": 2])
        #expect(Self.names("GPT-4o和GPT-4.5都强于GPT-4") == ["product:GPT-4o": 1, "product:GPT-4.5": 1, "product:GPT-4": 1])
        #expect(Self.names("Meta的Llama模型") == ["org:Meta": 1, "product:Llama": 1])
        #expect(Self.names("B站和bilibili") == ["org:哔哩哔哩": 2])
        #expect(Self.names("submit a commit") == [:])
    }

    @Test func traditionalAndFullWidthTextIsMatchedInTheSearchForm() {
        #expect(Self.names("騰訊與華為、英偉達的黃仁勛") == ["org:腾讯": 1, "org:华为": 1, "org:英伟达": 1, "person:黄仁勋": 1])
        #expect(Self.names("ＯｐｅｎＡＩ") == ["org:OpenAI": 1])
    }

    @Test func ignorePhrasesHideWhatLooksLikeAnAlias() {
        #expect(Self.names("三星堆遗址，思想升华为行动，喝小米粥") == [:])
        #expect(Self.names("三星发布新机，华为回应，小米跟进") == ["org:三星": 1, "org:华为": 1, "org:小米": 1])
    }

    @Test(arguments: [
        ("首席研究官马克·陈在内部表示", "马克·陈"),
        ("创始人亚历山大·王在加入后", "亚历山大·王"),
        ("德国总理奥拉夫·朔尔茨表示", "奥拉夫·朔尔茨"),
        ("研究员萨拉·史密斯特别强调", "萨拉·史密斯"),
        ("作者克里斯托弗·约翰·诺兰说", "克里斯托弗·约翰·诺兰"),
        ("马克•陈、马克・陈和马克.陈", "马克·陈"),
    ])
    func transliteratedNamesAreFoundAsPersonCandidates(text: String, name: String) {
        let found = Self.names(text)
        #expect(found.keys.filter { $0.hasPrefix("person:") } == ["person:\(name)"], "\(found)")
    }

    @Test(arguments: ["新闻·观察", "2024·北京", "·前言", "第一章·总则", "Meta·AI"])
    func otherMiddleDotsAreNotNames(text: String) {
        #expect(Self.names(text).keys.filter { $0.hasPrefix("person:") } == [])
    }

    @Test func countsAddUpTitleAndBodyAndComeSortedByKindThenName() {
        let mentions = Self.matcher.mentions(title: "腾讯与OpenAI", body: "腾讯、华为在北京；亚历山大·王加入OpenAI。ChatGPT")
        #expect(mentions == [
            Mention(kind: .org, name: "OpenAI", count: 2, english: "OpenAI"), Mention(kind: .org, name: "华为", count: 1, english: "Huawei"),
            Mention(kind: .org, name: "腾讯", count: 2, english: "Tencent"), Mention(kind: .person, name: "亚历山大·王", count: 1),
            Mention(kind: .place, name: "北京", count: 1, english: "Beijing"), Mention(kind: .product, name: "ChatGPT", count: 1, english: "ChatGPT"),
        ])
        #expect(Self.matcher.mentions(title: "", body: "") == [])
    }

    @Test func aMatcherIsSharedAcrossThreads() {
        let text = String(repeating: "马克·扎克伯格的Meta以148亿美元入股Scale AI，英伟达的黄仁勋和腾讯、华为、百度也在抢人。", count: 200)
        let expected = Self.matcher.mentions(title: "", body: text)
        let results = ConcurrentResults(Array(repeating: [Mention](), count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            results.set(index, Self.matcher.mentions(title: "", body: text))
        }
        #expect(results.values.allSatisfy { $0 == expected })
        #expect(expected.first { $0.name == "扎克伯格" }?.count == 200)
    }

    @Test func aSmallListFromItsParts() {
        let list = EntityList(entities: [EntityList.Entity(kind: .org, name: "Acme", aliases: ["艾克米"])], ignore: ["艾克米亚"])
        let matcher = EntityMatcher(list: list)
        #expect(matcher.mentions(title: "ACME", body: "艾克米；艾克米亚") == [Mention(kind: .org, name: "Acme", count: 2)])
        #expect(EntityMatcher(list: EntityList(entities: [])).mentions(title: "", body: "马克·陈") == [Mention(kind: .person, name: "马克·陈", count: 1)])
    }

    @Test(arguments: [
        (#"{"organizations": [{"name": "A"}], "peoples": []}"#, "unknown key 'peoples'"),
        (#"{"organizations": [{"name": "A", "aliases": ["x"]}, {"name": "B", "aliases": ["X"]}]}"#, "'X' is claimed by both org A and org B"),
        (#"{"people": [{"aliases": ["x"]}]}"#, "people[0] has no name"),
        (#"{"places": [{"name": "A", "alias": ["x"]}]}"#, "may hold only aliases, common_words, en, name, other_senses"),
        (#"{"ignore": "x"}"#, "'ignore' must be a list of phrases"),
        (#"["#, "not valid JSON"),
    ])
    func badListsAreRejectedWithTheReason(json: String, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("entities-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try EntityList.load(path: path)
        } throws: { error in
            "\(error)".contains(message)
        }
        #expect(throws: EntityList.LoadError.self) { try EntityList.load(path: path + ".missing") }
    }
}

/// Results written by concurrent workers, each to its own slot.
private final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value]
    init(_ values: [Value]) { storage = values }
    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }
    var values: [Value] { lock.withLock { storage } }
}
