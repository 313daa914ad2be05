import Foundation
import Testing
import TextTools

@Suite("ICU and OpenCC through TextTools")
struct TextToolsTests {
    @Test(arguments: ["div", "DIV", "Article-Body main", "data-X", "", "ÉTÉ", "İstanbul", "中文Class", "a\u{0}B"])
    func fastLowerCaseIsLowerCase(text: String) {
        #expect(text.lowercasedASCIIFast() == text.lowercased())
        #expect(text.lowercasedASCIIFast().utf8.elementsEqual(text.lowercased().utf8))
    }

    @Test func asciiCapitalsAloneAreLowered() {
        #expect("Zürich ÉTÉ AbC".loweringASCIICapitals() == "zürich ÉtÉ abc")
    }

    /// `count(upTo: n)` is `min(count, n)` and `hasAtLeast(n)` is `count >= n`, for every n around
    /// the length, in characters: a letter with its combining accent, a flag and `\r\n` are one each.
    @Test(arguments: ["", "a", "工程师", "e\u{301}te\u{301}", "🇨🇳 x", "a\r\nb", "𠝹仔", "工程\u{302A}师", "か\u{3099}な",
                      "ｶ\u{FF9E}ﾅ", "a\u{200D}b", "Zürich 中文 e\u{301}", "한국어", "\u{1100}\u{1161}\u{11A8}"])
    func boundedCountsCountCharacters(text: String) {
        for n in 0...(text.count + 2) {
            #expect(text.count(upTo: n) == min(text.count, n), "\(n)")
            #expect(text.hasAtLeast(n) == (text.count >= n), "\(n)")
            #expect(text.dropFirst().hasAtLeast(n) == (text.dropFirst().count >= n), "\(n)")
        }
    }

    /// Every scalar the bounded count counts alone is a character of its own beside any other
    /// such scalar, or beside itself.
    @Test func scalarsCountedAloneAreCharacters() {
        let neighbours: [Unicode.Scalar] = ["a", "\n", "中", "。", "ー", "é", "ｱ", "\u{A0}", "“", "€", "\u{2060}", "\u{200B}"]
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), String.isCharacterAlone(scalar) else { continue }
            for other in neighbours + [scalar] {
                #expect(String(String.UnicodeScalarView([scalar, other])).count == 2, "U+\(String(value, radix: 16))")
                #expect(String(String.UnicodeScalarView([other, scalar])).count == 2, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test(arguments: ["", "abc", "工程师 e\u{301}", "𠝹🇨🇳\r\n"])
    func scalarArraysAreTheScalars(text: String) {
        #expect(text.scalarArray == Array(text.unicodeScalars))
        #expect(text.mapScalars(\.value) == text.unicodeScalars.map(\.value))
    }

    @Test func trimmingLooksAtTheEndsAndAgreesWithFoundation() {
        let cases = ["", " ", "\n\r\n\t", "  {\"a\": 1}\r", "\u{3000}标题\u{3000}", "\u{A0}x y\u{2028}",
                     "x", " \u{301}", "\u{FEFF}{}\n", "内容 \u{1F600} ", "\u{85}a\u{85}"]
        for text in cases {
            #expect(String(text.trimmingScalars(in: .whitespacesAndNewlines)) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let line = Substring("#" + text + "#").dropFirst().dropLast()
            #expect(String(line.trimmingScalars(in: .whitespaces)) == line.trimmingCharacters(in: .whitespaces))
        }
    }

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

    @Test func characterConversionGivesOpenCCsOutputOrLeavesTheLineToIt() throws {
        let converter = try #require(ChineseConverter.toSimplified)
        let table = try #require(CharacterConversion(.traditionalToSimplified))
        // The characters that t2s's phrases convert otherwise than alone: a few, not their neighbours.
        #expect(["乾", "於", "藉", "瞭"].allSatisfy { table.phraseCharacters.contains($0) })
        #expect(!table.phraseCharacters.contains("燥") && !table.phraseCharacters.contains("頭"))
        #expect(table.phraseCharacters.count < 100)
        // A line with one of the phrases that treat them otherwise is OpenCC's to convert; one
        // with the character elsewhere is the table's.
        #expect(table.convert("乾隆皇帝"[...]) == nil && table.convert("他說乾隆皇帝"[...]) == nil)
        #expect(converter.convert("乾隆皇帝") == "乾隆皇帝" && converter.convert("乾") == "干")
        // Phrases whose character stands after their first (徵 of 變徵 and 角徵, 征 alone), at a
        // line's start and after other characters.
        for line in ["變徵", "變徵之聲", "宮商角徵羽"] {
            #expect(table.convert(line[...]) == nil, "\(line)")
            #expect(converter.convert(line).contains("徵"), "\(line)")
        }
        #expect(converter.convert("徵") == "征")
        let clean = "衣服很乾淨，於是"
        #expect(table.convert(clean[...]).map { Array($0.utf8) } == Array(converter.convert(clean).utf8))
        // Lines without: OpenCC's output byte for byte (phrases too), ASCII, full width and other planes kept.
        for line in ["工程師們的頭髮", "頭髮", "這個軟體裡的資料 2024 AI（ＭＩＴ）", "𠀾們開會。", "", "English only"] {
            #expect(table.convert(line[...]).map { Array($0.utf8) } == Array(converter.convert(line).utf8), "\(line)")
        }
        #expect(table.form(of: "們") == "们" && table.form(of: "A") == "A")
        #expect(table.changedCharacters.contains("們") && !table.changedCharacters.contains("们"))
        // Every Han character of the Basic Multilingual Plane, in one line.
        let han = String(String.UnicodeScalarView((0x3400...0x9FFF).compactMap(Unicode.Scalar.init)))
        #expect(table.convert(han[...]).map { Array($0.utf8) } == Array(converter.convert(han).utf8))
    }

    @Test func unicodeTablesAnswerAsTheStandardLibrary() {
        var wrong: [UInt32] = []
        for scalar in (0..<UInt32(0x10000)).compactMap(Unicode.Scalar.init) {
            let alphabetic = scalar.properties.isAlphabetic
            let alphanumeric = alphabetic || scalar.properties.generalCategory == .decimalNumber
            if UnicodeTables.isAlphabetic(scalar) != alphabetic || UnicodeTables.isAlphanumeric(scalar) != alphanumeric {
                wrong.append(scalar.value)
            }
        }
        #expect(wrong.isEmpty)
        #expect(UnicodeTables.isAlphabetic("〇") && UnicodeTables.isAlphabetic("中") && !UnicodeTables.isAlphabetic("，"))
        #expect(UnicodeTables.isAlphanumeric("٣") && !UnicodeTables.isAlphabetic("٣"))
        // Beyond the Basic Multilingual Plane: an Extension B ideograph, a mathematical digit.
        #expect(UnicodeTables.isAlphabetic("𠀾") && UnicodeTables.isAlphanumeric("𝟘") && !UnicodeTables.isAlphabetic("𝟘"))
    }

    @Test func icuNormalizesToNFCAndNFKC() {
        // Decomposed é and Å become one character each; NFKC also folds full-width and ligatures.
        #expect(Normalization.normalized("Cafe\u{301} A\u{30A}", .canonical) == "Café Å")
        #expect(Normalization.normalized("Ｇｏｏｇｌｅ２０２４，ﬁ", .compatibility) == "Google2024,fi")
        // NFC keeps compatibility characters; text already normal comes back as it is.
        #expect(Normalization.normalized("Ｇ２，ﬁ", .canonical) == "Ｇ２，ﬁ")
        #expect(Normalization.normalized("工程师 huì", .compatibility) == "工程师 huì")
        #expect(Normalization.normalized("plain ASCII", .compatibility) == "plain ASCII")
        // Only the part after the normal prefix is rebuilt, joined at the boundary.
        let long = String(repeating: "工程师", count: 2_000) + "e\u{301}"
        #expect(Normalization.normalized(long, .canonical) == String(repeating: "工程师", count: 2_000) + "é")
        // A form longer than its source (one character decomposes into three) is retried larger.
        #expect(Normalization.normalized(String(repeating: "㍿", count: 50), .compatibility)
                == String(repeating: "株式会社", count: 50))
    }

    @Test func byteRangeFindsFirstAndLastOccurrences() throws {
        let text = "标题 - 科技 - 腾讯网"
        let first = try #require(text.byteRange(of: " - "))
        #expect(text[..<first.lowerBound] == "标题")
        let last = try #require(text.byteRange(of: " - ", backwards: true))
        #expect(text[last.upperBound...] == "腾讯网")
        // Overlapping occurrences: the last one starts at the last place the needle fits.
        #expect("aaaa".byteRange(of: "aa", backwards: true).map { "aaaa".utf8.distance(from: "aaaa".startIndex, to: $0.lowerBound) } == 2)
        #expect(text.byteRange(of: "新闻") == nil)
        #expect(text.byteRange(of: "") == nil)
        #expect("网".byteRange(of: "腾讯网") == nil)
        #expect(text.includes("科技"))
        #expect(!text.includes("科学"))
        // Substrings search within their own bounds.
        let tail = text[first.upperBound...]
        #expect(tail.byteRange(of: "标题") == nil)
        #expect(tail.includes("腾讯"))
    }

    @Test func byteSearchFindsASCIIWordsInEitherCaseWithinBounds() {
        let page = Array("<META Charset=GBK><p>x</SCRIPT>".utf8)
        page.withUnsafeBufferPointer { html in
            #expect(ByteSearch.find("charset", in: html, ignoringASCIICase: true) == 6)
            #expect(ByteSearch.find("charset", in: html) == nil)
            #expect(ByteSearch.find("</script", in: html, ignoringASCIICase: true) == 22)
            // Only within [from, to).
            #expect(ByteSearch.find("charset", in: html, from: 7, ignoringASCIICase: true) == nil)
            #expect(ByteSearch.find("<", in: html, from: 1, to: 18) == nil)
            #expect(ByteSearch.find("<", in: html, from: 1) == 18)
            #expect(ByteSearch.matches("meta", in: html, at: 1, ignoringASCIICase: true))
            #expect(!ByteSearch.matches("meta", in: html, at: 1))
            // Case folding is for letters only: `@` is not a capital backquote.
            #expect(Array("@".utf8).withUnsafeBufferPointer { ByteSearch.find("`", in: $0, ignoringASCIICase: true) } == nil)
        }
    }

    @Test func scalarSetHoldsItsScalarsOnBothSidesOfThePlaneBoundary() {
        let set = ScalarSet(["著", "$", "\u{FFFF}", "𠀀", "\u{10000}", "著"] as [Unicode.Scalar])
        #expect(set.count == 5)
        for scalar in ["著", "$", "\u{FFFF}", "𠀀", "\u{10000}"] as [Unicode.Scalar] { #expect(set.contains(scalar)) }
        for scalar in ["着", "#", "\u{FFFE}", "𠀁", "\u{0}"] as [Unicode.Scalar] { #expect(!set.contains(scalar)) }
        #expect(ScalarSet([] as [Unicode.Scalar]).isEmpty)
    }

    /// A list of words looked for at once agrees with looking for each word alone (`includes`,
    /// `begins(with:)`), words of one byte, words that share their first two bytes, a word at the
    /// very end, Chinese words and Substrings among the cases.
    @Test func aKeywordSetFindsWhatEachWordFinds() {
        let words = ["©", "app", "apple", "apply", "版权", "版权所有", "关注我们", "sign up", "x"]
        let set = KeywordSet(words)
        let texts = ["", "a", "ap", "the app", "an appl", "applied", "版权", "版", "本站版权所有", "请关注我", "请关注我们",
                     "sign-up", "Sign up", "sign up", "© 2024", "max", "中文x", "ABC", "AP P"]
        for text in texts {
            #expect(set.occurs(in: text) == words.contains { text.includes($0) }, "\(text)")
            #expect(set.occurs(in: Substring("..." + text).dropFirst(3)) == words.contains { text.includes($0) }, "\(text)")
            #expect(set.begins(text) == words.contains { text.utf8.starts(with: $0.utf8) }, "\(text)")
        }
        #expect(!KeywordSet([]).occurs(in: "anything") && !KeywordSet([""]).occurs(in: "anything"))
    }
}
