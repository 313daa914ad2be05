import Foundation
import Records
import Testing
@testable import Transform

@Suite("search vectors built by the transform")
struct SearchVectorTests {
    /// The radix sort of Han lexemes gives what `sort()` gives, for lexemes in position order:
    /// bigrams and lone characters, repeated, across planes, with positions past the cap.
    @Test(arguments: [0, 1, 64, 65, 3_000, 20_000])
    func hanLexemesSortAsSortWould(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        let characters: [UInt64] = [0x4E00, 0x4E01, 0x5DE5, 0x7A0B, 0x9FA5, 0x3400, 0x20000, 0x2A6D6, 0xF900]
        var values: [UInt64] = []
        for position in 1...max(count, 1) where values.count < count {
            let first = characters.randomElement(using: &generator)!
            let second = Bool.random(using: &generator) ? 0 : characters.randomElement(using: &generator)!
            values.append((first << 18 | second) << 14 | UInt64(min(position, SearchTokens.maxPosition)))
        }
        var sorted = values
        SearchTokens.sortByCharacters(&sorted)
        #expect(sorted == values.sorted())
    }
}

@Suite("search vector stage form")
struct SearchVectorFormTests {
    @Test func theTextFormReadsBackToTheSameVector() throws {
        let vector = SearchTokens.tsvector("工程师说 engineers 2024 工程")
        #expect(vector.text == "2024:5 engineers:4 工程:1,6 师说:3 程师:2")
        #expect(try SearchVector(text: vector.text) == vector)
        let data = try JSONEncoder().encode([vector])
        #expect(String(decoding: data, as: UTF8.self).contains(#"["2024:5 engineers:4 工程:1,6"#))
        #expect(try JSONDecoder().decode([SearchVector].self, from: data) == [vector])
        #expect(try SearchVector(text: "") == SearchVector())
    }

    @Test func titleLexemesHaveWeightA() throws {
        let title = SearchText.form("工程师 U.S.")
        let vector = SearchTokens.tsvector(title + "\n" + SearchText.form("工程 e.g. us"), titleBytes: title.utf8.count)
        #expect(vector.text == "e.g:5 u.s:3A us:6 工程:1A,4 程师:2A")
        #expect(try SearchVector(text: vector.text) == vector)
        #expect(try SearchVector(text: "a:1A,2B,3C,4") .text == "a:1A,2B,3C,4")
        #expect(SearchTokens.tsvector("工程 e.g. us") == SearchTokens.tsvector("工程 e.g. us", titleBytes: 0))
    }

    @Test(arguments: ["'a':1", "a:1 ", "a", "a:0", "a:2,1", "a:1,1", "a:16384", "a:1D", "a:1AB", "a:2A,1", "a:1  b:2", ":1", "a b:1", "a:1,",
                       "b:1 a:2", "a:1 a:2", "a:" + (1...256).map(String.init).joined(separator: ","),
                       String(repeating: "x", count: 2_047) + ":1"])
    func damagedTextFormsAreRefused(_ text: String) {
        #expect(throws: SearchVector.Malformed.self) { try SearchVector(text: text) }
    }
}

@Suite("search lexemes")
struct SearchLexemeTests {
    static func lexemes(_ text: String) -> [String] {
        var found: [String] = []
        SearchTokens.withContiguousUTF8(SearchText.form(text)) { bytes in
            SearchTokens.forEachLexeme(in: bytes) { found.append(String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)) }
        }
        return found
    }

    /// Single letters each followed by a dot are one word (`news.search_query` reads a query the
    /// same way: the integration suite compares the two).
    @Test(arguments: [
        ("The U.S. and U.K, e.g.: a.m.", ["the", "u.s", "and", "u.k", "e.g", "a.m"]),
        ("U.S.A node.js x.y2 i.e政府 u.sa", ["u.s.a", "node", "js", "x", "y2", "i.e", "政府", "u", "sa"]),
        ("U S, US, U.S-led, Ｕ.Ｓ.", ["u", "s", "us", "u.s", "led", "u.s"]),
        ("a.b.c. 1.a.b 3.5 ok.", ["a.b.c", "1", "a.b", "3", "5", "ok"]),
        ("x.é y.z u.s.2 u.s.é", ["x", "é", "y.z", "u.s", "2", "u.s", "é"]),
    ])
    func dottedAbbreviationsAreOneWord(_ text: String, _ expected: [String]) {
        #expect(Self.lexemes(text) == expected)
    }
}
