import Testing
import TextTools
@testable import Transform

/// Repairs that meet in one line give the same text whichever runs first, where the code lets
/// them run in either order. The pairs whose order is fixed — controls out before mojibake,
/// mojibake before remnants and again after them, remnants before ruby pinyin and punctuation
/// width (a tag or an entity hides what those rules look at), lines joined after all of them —
/// are checked through the whole chain in the golden files `Golden/repair/compose-*`.
@Suite("repairs compose")
struct RepairCompositionTests {
    typealias Rule = @Sendable (String) -> String

    static let width: Rule = { PunctuationWidth.apply($0).text }
    static let ruby: Rule = { RubyPinyin.strip($0).text }
    static let mojibake: Rule = { MojibakeRepair.repair($0).text }
    static let normalize: Rule = { TextLayout.normalize($0).text }

    static func misread(_ text: String) -> String {
        Charset.decode(Array(text.utf8), from: "gb18030")?.text ?? text
    }

    struct Pair: Sendable, CustomTestStringConvertible {
        var name: String
        var first: Rule
        var second: Rule
        var input: String
        var expected: String
        var testDescription: String { name }
    }

    static let pairs: [Pair] = [
        Pair(name: "ruby pinyin and punctuation width", first: ruby, second: width,
             input: "記者拿到的證( zhèng)件顯示,會(huì)議將持續兩天;規劃（huà ）何時實施?",
             expected: "記者拿到的證件顯示，會議將持續兩天；規劃何時實施？"),
        Pair(name: "ruby pinyin after a comma made full-width", first: ruby, second: width,
             input: "今天的會(huì) ,由市政府召開(kāi),討論新政策.",
             expected: "今天的會，由市政府召開，討論新政策。"),
        Pair(name: "mojibake and punctuation width", first: mojibake, second: width,
             input: misread("新线路全长二十公里") + "," + misread("预计明年年底通车") + "!",
             expected: "新线路全长二十公里，预计明年年底通车！"),
        Pair(name: "ruby pinyin and invisible characters", first: ruby, second: normalize,
             input: "新線路開(kā\u{200B}i)通，發(fā\u{AD})展前景很好",
             expected: "新線路開通，發展前景很好"),
    ]

    @Test(arguments: RepairCompositionTests.pairs)
    func eitherOrderGivesTheSameText(pair: Pair) {
        let forward = pair.second(pair.first(pair.input))
        let backward = pair.first(pair.second(pair.input))
        #expect(forward == pair.expected)
        #expect(backward == pair.expected)
    }

    // The whole chain, with the damages of each pair in one line.
    @Test func theWholeChainRepairsEachPair() {
        let result = TextRepair().repair(title: "會議通(tōng)知,發布", body: """
            證( zhèng)件顯示,會(huì)議將持續兩天.
            \(Self.misread("新线路全长二十公里"))\u{200B}\(Self.misread("预计明年年底通车"))!
            """)
        #expect(result.title == "會議通知，發布")
        #expect(result.paragraphs == ["證件顯示，會議將持續兩天。", "新线路全长二十公里预计明年年底通车！"])
    }
}
