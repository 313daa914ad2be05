import Testing
import TextTools

@Suite("ICU and OpenCC through TextTools")
struct TextToolsTests {
    @Test func legacyChineseEncodingsRoundTrip() throws {
        let text = "工程师扎克伯格，香港"
        let gbk = try #require(Charset.encode(text, to: "gb18030"))
        #expect(gbk.count == 20)
        #expect(Charset.decode(gbk, from: "gb18030") == Charset.Decoded(text: text, substitutions: 0))
        let big5 = try #require(Charset.encode("工程師", to: "Big5-HKSCS"))
        #expect(Charset.decode(big5, from: "Big5-HKSCS")?.text == "工程師")
    }

    @Test func invalidSequencesAreSubstitutedAndCounted() {
        let decoded = Charset.decode([0xB9, 0xA4, 0xFF, 0x41, 0x81], from: "gb18030")
        #expect(decoded?.text.hasPrefix("工") == true)
        #expect((decoded?.substitutions ?? 0) >= 1)
        #expect(decoded?.text.contains("A") == true)
    }

    @Test func unmappableCharactersFailEncoding() {
        #expect(Charset.encode("😀", to: "Big5") == nil)
        #expect(Charset.encode("abc", to: "no-such-charset") == nil)
    }

    @Test func uchardetNamesLegacyChinese() throws {
        let sample = String(repeating: "中华人民共和国国务院今天发布了关于进一步加强工程师培养的通知。", count: 4)
        #expect(Charset.guess(try #require(Charset.encode(sample, to: "gb18030"))) == "GB18030")
        #expect(Charset.guess(try #require(Charset.encode("國務院今天發布了關於進一步加強工程師培養的通知。", to: "Big5"))) == "BIG5")
    }

    @Test func openCCConvertsPhrasesToSimplified() throws {
        let converter = try #require(ChineseConverter.toSimplified)
        #expect(converter.convert("工程師們的頭髮") == "工程师们的头发")
        #expect(converter.convert("乾隆皇帝") == "乾隆皇帝")
        #expect(converter.convert("English stays") == "English stays")
    }
}
