import Foundation
import Records
import Testing
@testable import Transform

/// Aliases that are also ordinary words, given names or shared surnames, and aliases inside
/// addresses: each false friend is not counted, and the true use beside it still is.
@Suite("entity false friends")
struct EntityFalseFriendsTests {
    /// A small list of its own, so that the rules are tested apart from the curated list.
    static let list = EntityList(entities: [
        .init(kind: .org, name: "苹果", aliases: ["苹果公司", "Apple"], english: "Apple", commonWords: ["Apple"], otherSenses: ["pie", "juice"]),
        .init(kind: .org, name: "亚马逊", aliases: ["Amazon"], english: "Amazon", commonWords: ["Amazon"], otherSenses: ["rainforest", "river"]),
        .init(kind: .org, name: "Meta", english: "Meta", commonWords: ["Meta"]),
        .init(kind: .product, name: "Claude", commonWords: ["Claude"]),
        .init(kind: .product, name: "Llama", commonWords: ["Llama"]),
        .init(kind: .product, name: "Copilot", commonWords: ["Copilot"]),
        .init(kind: .person, name: "奥尔特曼", aliases: ["萨姆·奥尔特曼", "Sam Altman", "Altman"], english: "Sam Altman"),
        .init(kind: .person, name: "马斯克", aliases: ["埃隆·马斯克", "Elon Musk", "Musk"], english: "Elon Musk", commonWords: ["Musk"]),
        .init(kind: .place, name: "英国", aliases: ["UK"], english: "United Kingdom"),
        .init(kind: .org, name: "京东", aliases: ["JD.com"], english: "JD.com"),
    ], nameWords: ["Inc", "Watch", "Music", "Store", "Pay", "CEO", "Mr", "The", "Yesterday"])
    static let matcher = EntityMatcher(list: list)

    static func counts(_ body: String, title: String = "") -> [String: Int] {
        var counts: [String: Int] = [:]
        for mention in matcher.mentions(title: title, body: body) { counts[mention.name] = mention.count }
        return counts
    }

    // MARK: common words

    @Test(arguments: [
        "She was the apple of his eye.",
        "An apple a day keeps the doctor away.",
        "They moved to Apple Valley, California, last year.",
        "Fiona Apple released a record.",
        "He grew up in the Big Apple.",
        "The Amazon River floods every year.",
        "Deforestation of the Amazon rainforest went on.",
        "A painting by Claude Monet was sold.",
        "The music of Jean-Claude Risset and Claude Debussy.",
        "The copilot landed the plane.",
        "A llama stood in the field.",
        "He took a meta view of the debate.",
        // A line without a final stop, full of names, is not a headline in title case.
        "Manuel Barroso, the head of the Commission, and Jean-Claude\nTrichet agreed.",
    ])
    func aCommonWordUsedOtherwiseIsNotTheEntity(_ text: String) {
        #expect(Self.counts(text) == [:], "\(text)")
    }

    @Test(arguments: [
        ("Apple said on Tuesday that sales rose.", "苹果", 1),
        ("Shares of Apple fell, and Apple Inc. said nothing.", "苹果", 2),
        ("The new Apple Watch and Apple Music, said Apple CEO Tim Cook.", "苹果", 3),
        ("苹果公司发布了新手机，苹果称销量上升。", "苹果", 2),
        ("在Apple发布会上", "苹果", 1),
        ("Amazon shares rose; Amazon's cloud grew.", "亚马逊", 2),
        ("Anthropic's Claude answered, and Claude 3 was faster.", "Claude", 2),
        ("Meta Llama 3 is open; users of Llama praised it.", "Llama", 2),
        ("Microsoft said Copilot would be free.", "Copilot", 1),
    ])
    func theTrueUsesStillCount(_ text: String, _ name: String, _ count: Int) {
        #expect(Self.counts(text)[name] == count, "\(text): \(Self.counts(text))")
    }

    @Test func aCapitalThatOnlyStartsASentenceCountsUnlessTheArticleUsesTheWordOtherwise() {
        // "Apple pie" is another sense; the lone capital at the start of the next sentence is
        // the sentence's, since the article uses the word otherwise and never as the company.
        #expect(Self.counts("Apple pie is easy. Peel an apple first. Apple slices go on top.") == [:])
        // The same capital in an article about the company counts.
        #expect(Self.counts("Apple slices prices. Analysts said Apple would gain.")["苹果"] == 2)
        #expect(Self.counts("Apple unveiled a phone.")["苹果"] == 1)
        // A word in capitals is as written; in lower case it is not.
        #expect(Self.counts("APPLE SHARES JUMP")["苹果"] == 1)
    }

    @Test func aTitleCaseHeadlineIsNotReadForNames() {
        // In title case every word has a capital: "Apple Unveils" is not another name.
        #expect(Self.counts("Sales rose.", title: "Apple Unveils New Phone With Faster Chip")["苹果"] == 1)
        // But it is only weak evidence: a recipe headline stays a recipe.
        #expect(Self.counts("Peel an apple and bake it.", title: "Apple Recipes For Every Season") == [:])
    }

    // MARK: addresses

    @Test(arguments: [
        "See https://www.bbc.co.uk/news/apple for more.",
        "Read it at bbc.co.uk today.",
        "Write to press@apple.com or visit www.amazon.com/deals.",
        "Source: theguardian.co.uk/technology/claude",
    ])
    func nothingIsMatchedInsideAnAddress(_ text: String) {
        #expect(Self.counts(text) == [:], "\(text): \(Self.counts(text))")
    }

    @Test func anAliasThatIsAWholeAddressAndTextBesideAnAddressStillCount() {
        #expect(Self.counts("JD.com said the UK market grew (see https://example.co.uk/x).") == ["京东": 1, "英国": 1])
        #expect(Self.counts("The U.K. and the UK. More at bbc.co.uk.")["英国"] == 1)
    }

    @Test func addressRunsAreFound() {
        func runs(_ text: String) -> [String] {
            let scalars = Array(text.unicodeScalars)
            return EntityMatcher.addresses(in: scalars.map(\.value)).map { String(String.UnicodeScalarView(scalars[$0])) }
        }
        #expect(runs("a https://x.co.uk/p?q=1 b") == ["https://x.co.uk/p?q=1"])
        #expect(runs("mail a.b@ex.com.") == ["a.b@ex.com"])
        #expect(runs("at bbc.co.uk. Next") == ["bbc.co.uk"])
        #expect(runs("e.g. the U.S. and GPT-4.5 said.Apple") == [])
        #expect(runs("访问www.apple.com.cn了解") == ["www.apple.com.cn"])
    }

    // MARK: surnames

    @Test func aSurnameAfterAnotherGivenNameIsAnotherPerson() {
        #expect(Self.counts("Jeffrey Altman, a professor, spoke.")["奥尔特曼"] == nil)
        // A later bare surname in that article is not the listed person either.
        #expect(Self.counts("Jeffrey Altman, a professor, spoke. Altman said the data was old.")["奥尔特曼"] == nil)
        #expect(Self.counts("金巴尔·马斯克表示，马斯克家族很大。")["马斯克"] == nil)
        #expect(Self.counts("Kimbal Musk spoke first.")["马斯克"] == nil)
    }

    @Test func theSurnameOfANamedPersonStillCounts() {
        #expect(Self.counts("Sam Altman spoke. Yesterday Altman said more.")["奥尔特曼"] == 2)
        #expect(Self.counts("OpenAI CEO Altman said so; Mr Altman agreed.")["奥尔特曼"] == 2)
        #expect(Self.counts("Altman said so.")["奥尔特曼"] == 1)
        #expect(Self.counts("萨姆·奥尔特曼称，奥尔特曼此前表示……")["奥尔特曼"] == 2)
        // Named in full, the listed person's bare surname counts even beside a namesake.
        #expect(Self.counts("Sam Altman and his brother Jack Altman spoke. Altman said more.")["奥尔特曼"] == 2)
        #expect(Self.counts("Elon Musk said. Musk added more.")["马斯克"] == 2)
    }

    @Test func theTransliteratedNamesakeIsFoundAsAPersonOfItsOwn() {
        let mentions = Self.matcher.mentions(title: "", body: "杰弗里·奥尔特曼表示")
        #expect(mentions == [Mention(kind: .person, name: "杰弗里·奥尔特曼", count: 1)])
    }

    @Test func surnamesAreTheOneWordEndsOfAPersonsOtherAliases() {
        let forms = ["sam altman", "altman", "奥尔特曼", "萨姆·奥尔特曼"].map { Array($0.unicodeScalars.map(\.value)) }
        #expect(EntityMatcher.isSurname(forms[1], among: forms))
        #expect(EntityMatcher.isSurname(forms[2], among: forms))
        #expect(!EntityMatcher.isSurname(forms[0], among: forms))
        #expect(!EntityMatcher.isSurname(Array("小扎".unicodeScalars.map(\.value)), among: forms))
    }

    // MARK: English names

    @Test func mentionsCarryTheEnglishNameAndItMatchesLikeAnAlias() {
        let mentions = Self.matcher.mentions(title: "", body: "The United Kingdom and 英国 and Apple said.")
        #expect(mentions.contains(Mention(kind: .place, name: "英国", count: 2, english: "United Kingdom")))
        #expect(mentions.contains(Mention(kind: .org, name: "苹果", count: 1, english: "Apple")))
    }

    @Test func theStandardListGivesEveryEntityAnEnglishName() throws {
        let list = try EntityList.load(path: EntityList.defaultPath())
        #expect(list.entities.filter { $0.english == nil }.map(\.name) == [])
        let apple = list.entities.first { $0.name == "苹果" }
        #expect(apple?.english == "Apple" && apple?.commonWords == ["Apple"])
        #expect(!list.nameWords.isEmpty)
    }

    @Test func theStandardListKeepsItsFalseFriendsApart() {
        func names(_ text: String) -> Set<String> { Set(EntityMatcher.standard.mentions(title: "", body: text).map(\.name)) }
        #expect(names("She was the apple of his eye in Apple Valley, and Claude Monet painted.") == [])
        #expect(names("Details at https://www.bbc.co.uk/news.") == [])
        #expect(names("Jeffrey Altman studied it. Altman said.") == [])
        #expect(names("Apple said on Tuesday that Sam Altman met Altman's team.") == ["苹果", "奥尔特曼"])
        #expect(names("苹果公司和亚马逊") == ["苹果", "亚马逊"])
        #expect(names("Nikola Tesla knew the alphabet; a tesla is a unit.") == [])
        #expect(names("Tesla Model 3 sales rose, Alphabet Inc. said, and Intel Core chips sold.") == ["特斯拉", "Alphabet", "英特尔"])
    }

    @Test func aCommonWordMustBeOneOfTheEntitysSpellings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("entities.json").path
        try #"{"organizations": [{"name": "苹果", "en": "Apple", "aliases": [], "common_words": ["Apples"]}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: EntityList.LoadError.self) { try EntityList.load(path: path) }
        try #"{"organizations": [{"name": "苹果", "en": "Apple", "aliases": [], "common_words": ["Apple"], "other_senses": ["pie"]}], "name_words": ["Inc"]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let list = try EntityList.load(path: path)
        #expect(list.entities == [.init(kind: .org, name: "苹果", english: "Apple", commonWords: ["Apple"], otherSenses: ["pie"])])
        #expect(list.nameWords == ["Inc"])
    }
}
