import Testing
@testable import Transform

@Suite("layout: hard wraps and punctuation width")
struct RepairLayoutTests {
    @Test func chineseLinesBrokenMidSentenceAreJoined() {
        let outcome = HardWraps.join(["科研環境的差異也是重要因素。在美國，科研機構和企業允許", "科學家長期專注于研究。"])
        #expect(outcome == HardWraps.Outcome(paragraphs: ["科研環境的差異也是重要因素。在美國，科研機構和企業允許科學家長期專注于研究。"], joins: 1))
    }

    @Test func englishLinesBrokenMidSentenceAreJoinedWithASpace() {
        let outcome = HardWraps.join(["The council said the renovation would begin next spring and", "take two years; a well-", "known firm will build it."])
        #expect(outcome.paragraphs == ["The council said the renovation would begin next spring and take two years; a well-known firm will build it."])
        #expect(outcome.joins == 2)
    }

    @Test(arguments: [
        ["第一段到此结束。", "第二段另起一行。"],
        ["改造期间的交通安排", "施工期间，部分公交线路将临时改道。"],
        ["根据计划，老城区将新增三处公园，包括", "", "另一段。"],
        ["市政府公布了三项措施，分别是：", "一、增加公交线路"],
        ["根据计划，老城区将新增三处公园和", "1. 第一项"],
        ["The renovation will take two years.", "the next line starts small but follows a full stop."],
        ["Short heading", "continues in lower case"],
        ["A Title In Capitals For The Story", "Body starts here."],
    ])
    func linesThatEndWhereAParagraphMayEndStay(lines: [String]) {
        #expect(HardWraps.join(lines).joins == 0)
    }

    @Test(arguments: [
        ("你敢信?這竟然是真的!", "你敢信？這竟然是真的！"),
        ("當時,deepseek模型橫空出世", "當時，deepseek模型橫空出世"),
        ("壓低至0.3%,這一水平", "壓低至0.3%，這一水平"),
        ("他表示:这是好事;但还不够", "他表示：这是好事；但还不够"),
        ("你好 , 世界", "你好，世界"),
        ("OpenAI,谷歌和微软", "OpenAI，谷歌和微软"),
        ("“青云计划”,在2025年", "“青云计划”，在2025年"),
        ("维修由市交通局负责.", "维修由市交通局负责。"),
        ("暴雨 过后", "暴雨过后"),
        ("形成\"中西結合\"的體系", "形成“中西結合”的體系"),
    ])
    func punctuationInChineseBecomesFullWidth(text: String, expected: String) {
        #expect(PunctuationWidth.apply(text).text == expected)
    }

    @Test(arguments: [
        "The bridge, built in 1924, is long: repairs start soon; any questions?",
        "全长1,200米，早上7:30开始", "官网 https://example.org/a?id=12 上", "人口为3.5亿。", "GPT - 4.5 和 GPT-4",
        "他说\"AI\"很重要", "Meta, Google 和 OpenAI", "对中国 AI 人才", "他说……", "等等...",
    ])
    func punctuationThatBelongsStays(text: String) {
        let outcome = PunctuationWidth.apply(text)
        #expect(outcome.text == text)
        #expect(!outcome.widened)
    }
}
