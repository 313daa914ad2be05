import Testing
@testable import Transform

@Suite("ruby pinyin")
struct RepairRubyPinyinTests {
    @Test(arguments: [
        ("國會(huì)議員", "國會議員"),
        ("發(fā)言者", "發言者"),
        ("開（kāi）通", "開通"),
        ("會(hui4)議", "會議"),
        ("綠(lv4)色", "綠色"),
        ("他們(men)說", "他們說"),
        ("行(háng)業與行(xíng)動", "行業與行動"),
        ("銀行(hang2)", "銀行"),
    ])
    func annotationsThatAreReadingsGo(text: String, expected: String) throws {
        let outcome = RubyPinyin.strip(text)
        #expect(outcome.text == expected)
        #expect(outcome.removed >= 1)
    }

    @Test(arguments: [
        "麻省理工學院(MIT)輟學", "人工智能(AI)", "2024年(2024)", "王(Wang)先生", "會(fā)議",
        "會 (huì)議", "會(Huì)議", "標識（biāo）", "方案(a)", "ABC(xiàn)", "(huì)開頭", "會(huìhuì)",
    ])
    func otherBracketsStay(text: String) {
        #expect(RubyPinyin.strip(text) == RubyPinyin.Outcome(text: text, removed: 0, lost: 0))
    }

    /// The readings are loaded only where this finds a possible annotation: every text the rules
    /// change must pass it.
    @Test func onlyABracketClosingPinyinLettersCanEndAnAnnotation() {
        for text in ["會(huì)議", "會(hui4)議", "發（fā）", "讓我們?nèi)偷", "領域崿F(xiàn)突破", "方案(a)", "(e.g. x)", "证(zhèng )", "王(Wang )"] {
            #expect(RubyPinyin.mayHoldAnnotation(text), "\(text)")
        }
        for text in ["麻省理工學院(MIT)輟學", "2024年(2024)", "（3）", "會議", "王(WANG)", "見(圖)"] {
            #expect(!RubyPinyin.mayHoldAnnotation(text), "\(text)")
        }
    }

    @Test func aRemnantWhoseCharacterWasLostBecomesOneReplacementCharacter() {
        #expect(RubyPinyin.strip("讓我們?nèi)\u{FFFD}偷").text == "讓我們\u{FFFD}偷")
        #expect(RubyPinyin.strip("領域?qū)突破").text == "領域\u{FFFD}突破")
        #expect(RubyPinyin.strip("真的?好)").text == "真的?好)")
        #expect(RubyPinyin.strip("why?no)").text == "why?no)")
    }

    @Test func aCharacterReadOneByteOffIsFoundByItsReading() {
        // 現 is AC 46 in GBK; with the byte before it, 8D AC 46 read as 崿 and F. 8D is what is
        // left of the character before, and 實 (8C 8D) makes a word with 現.
        let outcome = RubyPinyin.strip("領域崿F(xiàn)突破")
        #expect(outcome.text == "領域實現突破")
        #expect(outcome.removed == 1 && outcome.lost == 0)
    }

    @Test func toneDigitsBecomeToneMarks() {
        #expect(PinyinReadings.toneMarked("hui4") == "huì")
        #expect(PinyinReadings.toneMarked("zhong1") == "zhōng")
        #expect(PinyinReadings.toneMarked("lv4") == "lǜ")
        #expect(PinyinReadings.toneMarked("gou3") == "gǒu")
        #expect(PinyinReadings.toneMarked("liu2") == "liú")
        #expect(PinyinReadings.toneMarked("men5") == "men")
        #expect(PinyinReadings.toneMarked("Wang") == nil)
        #expect(PinyinReadings.toneMarked("2024") == nil)
    }

    @Test func unihanGivesEveryReading() throws {
        let readings = try #require(PinyinReadings.shared)
        #expect(readings.isReading("háng", of: "行"))
        #expect(readings.isReading("xíng", of: "行"))
        #expect(readings.isReading("zhǎng", of: "長"))
        #expect(!readings.isReading("wang", of: "王"))
        #expect(readings.isSyllable("nèi"))
    }
}
