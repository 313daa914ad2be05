import Foundation
import Testing
import TextTools
@testable import Transform

/// Lossy mojibake made here from our own sentences — UTF-8 read as GBK by a decoder that replaced
/// what it could not read with U+FFFD or `?`, and GBK read one byte off — and the characters the
/// decoder lost brought back from the bytes of theirs that survive.
@Suite("lost characters")
struct RepairLostCharactersTests {
    /// `text`'s UTF-8 bytes read as GBK; every byte the decoder could not read is U+FFFD.
    static func misreadAsGBK(_ text: String) throws -> String {
        try #require(Charset.decode(Array(text.utf8), from: "gb18030")).text
    }

    // Sentences whose UTF-8 bytes do not all read as GBK: each replacement stands for one byte
    // of a character whose other bytes survive.
    static let lossy = [
        "每天运送乘客三十万人次",
        "記者從交通局獲悉這條線路下月通車",
        "这座城市的公交系统每天运送大量乘客",
        "记者从交通部门获悉新线路将于下月通车",
        "政府宣布将在明年完成这项改造工程",
        "学生们在图书馆里安静地读书",
        "这项技术已经在多个国家得到应用",
    ]

    @Test(arguments: RepairLostCharactersTests.lossy)
    func utf8ReadAsGBKWithReplacementsComesBack(text: String) throws {
        let damaged = try Self.misreadAsGBK(text)
        try #require(damaged.contains("\u{FFFD}"), "the fixture must lose bytes: \(damaged)")
        #expect(MojibakeRepair.repair(damaged) == MojibakeRepair.Outcome(text: text, repaired: true, unrepaired: false))
    }

    // The same with `?` for the lost bytes, as many decoders write.
    @Test(arguments: RepairLostCharactersTests.lossy)
    func utf8ReadAsGBKWithQuestionMarksComesBack(text: String) throws {
        let damaged = try Self.misreadAsGBK(text).replacingOccurrences(of: "\u{FFFD}", with: "?")
        #expect(MojibakeRepair.repair(damaged) == MojibakeRepair.Outcome(text: text, repaired: true, unrepaired: false))
    }

    @Test func gbkReadOneByteOffGetsItsLostHalvesBack() throws {
        // The second byte of 程 lost: the rest was read one byte off; 程 has one byte left, and so
        // has the last character, whose second byte the decoder could not read alone.
        let text = "据报道，这家公司最好的工程师团队已经完成了测试"
        var bytes = try #require(Charset.encode(text, to: "gb18030"))
        let index = try #require(text.firstIndex(of: "程")).utf16Offset(in: text) * 2 + 1
        bytes.remove(at: index)
        let damaged = try #require(Charset.decode(bytes, from: "gb18030")).text
        #expect(damaged != text)
        let outcome = MojibakeRepair.repair(damaged)
        #expect(outcome.text == text)
        #expect(outcome.repaired && !outcome.unrepaired)
    }

    @Test func candidatesOfEachKindOfClue() {
        // 國 is 87 F8 in GBK, 中 is E4 B8 AD in UTF-8.
        #expect(LostCharacters.candidates(.gbkLead(0x87)).contains("國"))
        #expect(LostCharacters.candidates(.gbkTrail(0xF8)).contains("國"))
        let utf8 = LostCharacters.candidates(.utf8(bytes: [0xE4, 0xAD], missing: 1))
        #expect(utf8.contains("中") && utf8.count <= 64)
        #expect(LostCharacters.candidates(.gbkTrail(0x20)).isEmpty)
    }

    @Test func aCharacterIsChosenByItsNeighbours() throws {
        let lexicon = try #require(ChineseFrequencies.shared)
        let left = Array("我们去偷中".unicodeScalars), right = Array("的工程师".unicodeScalars)
        #expect(LostCharacters.restore([.gbkLead(0x87)], left: left[...], right: right[...], lexicon: lexicon) == ["國"])
    }

    @Test func noCredibleCandidateLeavesTheLoss() throws {
        let lexicon = try #require(ChineseFrequencies.shared)
        // Nothing around to choose by.
        #expect(LostCharacters.restore([.gbkLead(0x87)], left: [], right: [], lexicon: lexicon) == nil)
    }

    // A lost character with a ruby reading after it, realigned: `崿F(xiàn)` is 8D AC 46, where AC 46
    // is 現 and 8D the second byte of the character before.
    @Test func aRealignedAnnotationGetsTheCharacterBeforeItBack() {
        let outcome = RubyPinyin.strip("關鍵領域?qū)崿F(xiàn)突破")
        #expect(outcome.text == "關鍵領域實現突破")
        #expect(outcome.lost == 0)
    }

    // Damaged in many ways at once — bytes dropped, replaced by `?`, read one byte off — the
    // repair never fails (a lost character may come back as two: a pair read as one).
    @Test func anyDamageIsSurvived() throws {
        let sentences = ["記者從交通局獲悉這條線路下月通車", "这座城市的公交系统每天运送大量乘客", "据报道，这家公司最好的工程师团队已经完成了测试",
                         "“讓我們去看看中國的工程師，有了他們，我們更容易成功”"]
        var state: UInt64 = 28
        func random(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        for round in 0..<400 {
            let sentence = sentences[round % sentences.count]
            var bytes = round % 2 == 0 ? Array(sentence.utf8) : try #require(Charset.encode(sentence, to: "gb18030"))
            for _ in 0..<(1 + random(4)) {
                let at = random(bytes.count)
                switch random(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = 0x3F
                default: bytes.insert(UInt8(0x80 + random(0x7F)), at: at)
                }
            }
            let damaged = try #require(Charset.decode(bytes, from: "gb18030")).text
            let outcome = MojibakeRepair.repair(damaged)
            #expect(!outcome.text.isEmpty && outcome.text.unicodeScalars.count <= damaged.unicodeScalars.count * 2, "\(damaged) → \(outcome.text)")
            _ = TextRepair().repair(title: damaged, body: damaged + "\n" + damaged)
        }
    }

    /// Prints what the seed's title and its lossy body line now read as (`../shared/samples/seed`,
    /// outside the project): the report quotes it. Checks only that they were read.
    @Test(.enabled(if: RepairGoldenTests.seedPresent, "../shared/samples/seed is absent: nothing printed"))
    func seedTitleAsRepaired() throws {
        let text = try String(contentsOfFile: RepairGoldenTests.seedPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let result = TextRepair().repair(title: lines[0], body: lines.dropFirst().joined(separator: "\n"))
        print("seed title: \(result.title)")
        for paragraph in result.paragraphs where paragraph.contains("突破") { print("seed body: \(paragraph)") }
        #expect(!result.title.isEmpty)
    }
}
