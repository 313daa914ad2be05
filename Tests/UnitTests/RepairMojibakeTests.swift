import Testing
import TextTools
@testable import Transform

/// Mojibake made here from our own sentences by decoding their bytes with the wrong charset, the
/// way a scraper would, and repaired again.
@Suite("mojibake repair")
struct RepairMojibakeTests {
    /// `text`'s UTF-8 bytes read as `charset`.
    static func misread(_ text: String, as charset: String) throws -> String {
        try #require(Charset.decode(Array(text.utf8), from: charset)).text
    }

    // Even numbers of characters (three UTF-8 bytes each make whole GBK pairs) whose bytes all
    // read as GBK: nothing is lost.
    @Test(arguments: ["城市地铁新线路今日开通，市民可以扫码乘车", "工程师们正在测试新的信号系统", "线路全长二十公里"])
    func utf8ReadAsGBKIsRepaired(text: String) throws {
        let damaged = try Self.misread(text, as: "gb18030")
        try #require(!damaged.contains("\u{FFFD}"))
        #expect(damaged != text)
        let outcome = MojibakeRepair.repair(damaged)
        #expect(outcome == MojibakeRepair.Outcome(text: text, repaired: true, unrepaired: false))
    }

    @Test func onlyTheDamagedPartOfASegmentChanges() throws {
        let damaged = "据报道，" + (try Self.misread("线路全长二十公里", as: "gb18030")) + "，明天开通。"
        #expect(MojibakeRepair.repair(damaged).text == "据报道，线路全长二十公里，明天开通。")
    }

    // 送 is E9 80 81 and 者 E8 80 85: GBK has no pair that starts with 80, so the decoder
    // replaced a byte; the other two bytes and the words around bring them back
    // (`RepairLostCharactersTests`).
    @Test(arguments: [("每天运送乘客三十万人次", "每天运送乘客三十万人次"),
                      ("記者從交通局獲悉這條線路下月通車", "記者從交通局獲悉這條線路下月通車")])
    func bytesALossyDecoderReplacedComeBackFromTheOthers(text: String, expected: String) throws {
        let damaged = try Self.misread(text, as: "gb18030")
        #expect(damaged.contains("\u{FFFD}"))
        let outcome = MojibakeRepair.repair(damaged)
        #expect(outcome == MojibakeRepair.Outcome(text: expected, repaired: true, unrepaired: false))
    }

    @Test(arguments: [
        ("espaÃ§o", "espaço"),
        ("The mayorâ€™s office", "The mayor’s office"),
        ("Ã©tÃ© Ã\u{A0} Paris", "été à Paris"),
        ("voilÃ le travail", "voilà le travail"),
        ("â€œquotedâ€\u{9D}", "“quoted”"),
        ("nÃƒÂ© Jim", "né Jim"),
        ("Ningboï¼ŒChina", "Ningbo，China"),
        ("ä¸­æ–‡ç½‘ç«™", "中文网站"),
        ("РґРѕСЂРѕРіРµ", "дороге"),
        ("C'est parlé\u{85} Tu sais", "C'est parlé… Tu sais"),
    ])
    func utf8ReadAsASingleBytePageIsRepaired(damaged: String, expected: String) {
        let outcome = MojibakeRepair.repair(damaged)
        #expect(outcome.text == expected)
        #expect(outcome.repaired)
    }

    @Test func big5ReadAsGBKIsRepaired() throws {
        let text = "臺北市政府宣布新的交通政策"
        let big5 = try #require(Charset.encode(text, to: "Big5-HKSCS"))
        let damaged = try #require(Charset.decode(big5, from: "gb18030")).text
        #expect(damaged != text)
        #expect(MojibakeRepair.repair(damaged).text == text)
    }

    @Test func gbkReadAsBig5IsRepaired() throws {
        let text = "市政府宣布新的交通政策将从下月起实施"
        let gbk = try #require(Charset.encode(text, to: "gb18030"))
        let damaged = try #require(Charset.decode(gbk, from: "Big5-HKSCS")).text
        try #require(!damaged.contains("\u{FFFD}"))
        #expect(MojibakeRepair.repair(damaged).text == text)
    }

    @Test func gbkReadOneByteOffIsReadAgain() throws {
        // One byte lost in the middle of 公: the rest of the sentence was read one byte off.
        let text = "记者获悉，地铁公司最好的工程师团队已经完成测试"
        var bytes = try #require(Charset.encode(text, to: "gb18030"))
        let index = try #require(text.firstIndex(of: "公")).utf16Offset(in: text) * 2 + 1
        bytes.remove(at: index)
        let damaged = try #require(Charset.decode(bytes, from: "gb18030")).text
        let outcome = MojibakeRepair.repair(damaged)
        #expect(outcome.text.hasPrefix("记者获悉，地铁公司最好的工程师团队"), "\(outcome.text)")
        #expect(outcome.repaired)
    }

    @Test func gbkReadingsOfReplacementCharactersAreOneLostCharacter() {
        let outcome = MojibakeRepair.repair("锟斤拷锟斤拷的数据")
        #expect(outcome == MojibakeRepair.Outcome(text: "\u{FFFD}的数据", repaired: true, unrepaired: true))
    }

    /// Text that is not mojibake, including what looks like it: rare characters, Latin-1 letters
    /// that are right, Japanese, signs next to capitals.
    static let cleanTexts = [
        "今天天气很好，我们去公园散步。", "今天天氣很好，我們去公園散步。", "犇羴鱻驫，龘靐齉齾。", "魑魅魍魉，饕餮之徒",
        "東京", "東京の会社と香港的公司", "トヨタ自動車は東京の会社です。", "한국어 뉴스", "Москва — столица России",
        "Η Αθήνα είναι η πρωτεύουσα", "Café in Zürich, naïve façade, São Paulo", "Běijīng (北京) hé Shànghǎi",
        "NESTLÉ® and AHÅ™", "RETWEET SE VOCÊ…", "SELKÄ\u{A0}EDELLÄ", "(-1/2)! = √π", "5×£35", "C O N C L U S Ã O",
        "½ cup, 1,200 m², 30°C", "emoji 😀 and ❤️", "涓", "AT&T <b> x<y>", "王(Wang)先生", "Ångström", "Āø",
        // Signs and kana at home in Chinese text, and Chinese next to Latin words.
        "──新年特別報導──", "※聯絡電話：0938", "○新書推薦", "我把文章都移到Word Press去.", "目前AdCenter正在测试",
        "我们参加了忘年会（ぼうねんかい），大家一起吃饭。", "β受体阻滞剂和α粒子",
    ]

    @Test(arguments: RepairMojibakeTests.cleanTexts)
    func cleanTextIsUnchanged(text: String) {
        #expect(MojibakeRepair.repair(text) == MojibakeRepair.Outcome(text: text, repaired: false, unrepaired: false))
    }

    @Test func latinAccentReadAsGBKInsideALatinWordIsRepaired() throws {
        let damaged = try Self.misread("Zürich café", as: "gb18030")
        #expect(damaged == "Z眉rich caf茅")
        #expect(MojibakeRepair.repair(damaged).text == "Zürich café")
    }

    @Test func codePagesAreBuiltFromICU() {
        #expect(CodePage.gbk.character(lead: 0xD6, trail: 0xD0) == "中")
        #expect(CodePage.big5.character(lead: 0xA4, trail: 0xA4) == "中")
        #expect(CodePage.singleByte[0].character(0x80) == "€")
        #expect(CodePage.singleByte[0].character(0x81) == "\u{81}")
        var bytes: [UInt8] = []
        #expect(CodePage.gbk.append("国", to: &bytes) && bytes == [0xB9, 0xFA])
    }
}
