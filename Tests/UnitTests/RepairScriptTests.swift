import Testing
import TextTools
@testable import Transform

@Suite("language, script and search text")
struct RepairScriptTests {
    @Test(arguments: [
        ("今天天气很好，我们去公园。", "zh", "Hans"),
        ("這竟然出自美國國會參議會的某場聽證會，發言者還是一位美國智庫的高級總監。", "zh", "Hant"),
        ("这家公司收购了台湾的“國泰”品牌。", "zh", "Hans"),
        ("トヨタ自動車は東京の会社です。", "ja", "Jpan"),
        ("서울의 날씨가 좋습니다.", "ko", "Kore"),
        ("Nvidia 英伟达发布新芯片，股价上涨。", "zh", "Hans"),
        ("The weather is fine today.", "en", "Latn"),
        ("The weather is fine today and the park is open.", "en", "Latn"),
        ("Le café est ouvert et la terrasse est pleine.", "fr", "Latn"),
        ("Der Zug ist pünktlich und die Stadt ist voll.", "de", "Latn"),
        ("El tren llega a la estación con los pasajeros.", "es", "Latn"),
        ("Nvidia RTX review", "en", "Latn"),
        ("Москва — столица России.", "und", "Cyrl"),
        ("12345 ... !!!", "und", nil),
    ] as [(String, String, String?)])
    func languageAndScriptFollowTheText(text: String, lang: String, script: String?) {
        #expect(ScriptDetection.detect(text) == ScriptDetection.Result(lang: lang, script: script))
    }

    /// Words split scalar by scalar are the runs of letters that splitting by characters gives,
    /// for every scalar the scalar split lets through and for text it must leave to the characters.
    @Test func wordsAreRunsOfLettersAsCharactersMake() {
        func byCharacters(_ text: String) -> [Substring] {
            SearchText.lowercased(text).split(whereSeparator: { !$0.isLetter })
        }
        var texts = ["Le café coûte 3 €, à Zürich.", "£5\u{A0}million for Ørsted’s “wind”", "İstanbul'da ½ ĲSSEL",
                     "naïve\u{301}s cafe\u{301}", "a\u{200D}b\u{200C}c", "x\r\ny ⁿ ª º µ ß ǅ Ǆ", "Škoda Łódź ĳ ſ ǈ"]
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value), String.isCharacterAlone(scalar) else { continue }
            texts.append("ab\(scalar)cd é")
        }
        for text in texts {
            #expect(ScriptDetection.lowercasedWords(text) == byCharacters(text), "\(text.debugDescription)")
        }
        // The scalar split is the one taken for Latin text with signs, not the characters'.
        #expect(SearchText.lowercased("Le café coûte 3 €").unicodeScalars.allSatisfy(String.isCharacterAlone))
        #expect(!"İstanbul".lowercased().unicodeScalars.allSatisfy(String.isCharacterAlone))
    }

    @Test func searchTextIsSimplifiedNormalizedAndLowerCase() {
        #expect(SearchText.make(title: "工程師們的頭髮", body: "ＡＩ　Ｌａｂ") == "工程师们的头发\nai lab")
        #expect(SearchText.make(title: "Scale AI", body: "乾隆皇帝") == "scale ai\n乾隆皇帝")
        #expect(SearchText.make(title: "這個軟體裡", body: "") == "这个软体里\n")
    }

    /// The fast lower case holds for every character it lets through, and for text with lost
    /// characters, signs and accented small letters among Chinese, as Unicode's lower case does.
    @Test func searchTextLowersCaseAsUnicodeDoes() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), SearchText.isASCIIOrCaseless(scalar) else { continue }
            let text = String(scalar)
            #expect(text.lowercased() == text || (0x41...0x5A).contains(value), "U+\(String(value, radix: 16))")
        }
        let mixed = "Zürich的工程師�說：ABC ★ ▲ ─ é × ㄅ 한국 ÉTÉ Ω Ⅳ"
        #expect(SearchText.lowercased(mixed) == mixed.lowercased())
        #expect(SearchText.lowercased("工程师�说：ABC ★ ─ é × ㄅ 한국") == "工程师�说：abc ★ ─ é × ㄅ 한국")
    }

    @Test func hongKongTextUsesHongKongForms() {
        #expect(SearchText.simplified("佢哋喺綫上開會") == "佢哋喺线上开会")
    }

    @Test func linesWithoutRegionalVariantsGiveWhatTheRegionalConversionGives() throws {
        // t2s leaves 抬, 著 and 衞 as they are; tw2s and hk2s change them. Runs of lines with and
        // without such characters, an empty line among them.
        let taiwan = "他的著作很有名。\n頭髮與軟體\n\n抬頭看著天空\n這個軟體裡的資料\n最後一行"
        let tw2s = try #require(ChineseConverter.forThisThread(.taiwanToSimplified))
        #expect(Array(SearchText.simplified(taiwan).utf8) == Array(tw2s.convert(taiwan).utf8))
        #expect(SearchText.simplified(taiwan).contains("擡头看着天空"))
        let hongKong = "佢哋喺綫上開會\n衞生署今日公布\n普通話節目"
        let hk2s = try #require(ChineseConverter.forThisThread(.hongKongToSimplified))
        #expect(Array(SearchText.simplified(hongKong).utf8) == Array(hk2s.convert(hongKong).utf8))
        #expect(SearchText.simplified(hongKong).contains("卫生署"))
        #expect(["著", "抬"].allSatisfy(SearchText.RegionalVariants.taiwan.variantCharacters.contains))
        #expect(!SearchText.RegionalVariants.taiwan.variantCharacters.contains("頭"))
    }

    @Test func linesOfEachKindGiveWhatOpenCCGives() throws {
        // A line with a Taiwan variant (著), one with a character t2s's phrases treat otherwise
        // (乾: 干 alone, kept in 乾隆), lines for the character table, and one that holds all three.
        let text = "抬頭看著天空\n乾隆皇帝\n頭髮與軟體\n他們在於是\n乾隆的頭髮抬頭看著\n最後一行"
        let tw2s = try #require(ChineseConverter.forThisThread(.taiwanToSimplified))
        #expect(Array(SearchText.simplified(text).utf8) == Array(tw2s.convert(text).utf8))
        #expect(SearchText.simplified(text).contains("乾隆皇帝\n头发与软体"))
        let t2s = try #require(ChineseConverter.toSimplified)
        let plain = "天氣乾燥\n頭髮與軟體\n乾隆皇帝\n\n電腦"
        #expect(Array(SearchText.simplified(plain).utf8) == Array(t2s.convert(plain).utf8))
    }

    @Test func simplifiedFormsComeFromOpenCC() {
        #expect(SimplifiedForms.simplified("國") == "国")
        #expect(SimplifiedForms.simplified("国") == "国")
        #expect(SimplifiedForms.isTraditional("們"))
        #expect(!SimplifiedForms.isTraditional("们"))
    }
}
