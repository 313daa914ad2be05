import Foundation
import Postgres
import Records
import Testing
@testable import Transform
import Warehouse

/// The transform builds each article's tsvector so the server only stores it. It must be the
/// very value `to_tsvector('simple', …)` makes of the same lexemes, or the index and
/// `news.search_query` would disagree — in the stage file's text form and in the binary form the
/// loader sends alike.
@Suite("search vectors built by the transform")
struct SearchVectorTests {
    /// A vector in tsvector's binary form, as the loader sends it.
    struct VectorRow: CopyRow {
        var vector: SearchVector
        static let table = "t_vectors"
        static let columns: [CopyColumn<VectorRow>] = [CopyColumn("v", "tsvector", binary: { $0.vector.postgresBinary })]
    }

    /// The lexemes of `text` joined by spaces, for the server's `to_tsvector('simple', …)`.
    static func tokens(_ text: String) -> String {
        var joined: [UInt8] = []
        SearchTokens.withContiguousUTF8(text) { bytes in
            SearchTokens.forEachLexeme(in: bytes) { lexeme in
                if !joined.isEmpty { joined.append(0x20) }
                joined.append(contentsOf: bytes[lexeme.start..<lexeme.end])
            }
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// `SearchTokens.tsvector(text)` as the server reads it (binary COPY, and the text form),
    /// against the server's own `to_tsvector`.
    func compare(_ text: String, _ db: Connection) throws -> (ours: String, server: String) {
        let vector = SearchTokens.tsvector(text)
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS t_vectors (v tsvector)")
        try db.execute("TRUNCATE t_vectors")
        try db.copy([VectorRow(vector: vector)])
        let rows = try db.query("SELECT v::text, $1::tsvector::text, to_tsvector('simple', $2)::text FROM t_vectors",
                                [vector.text, Self.tokens(text)], as: (String, String, String).self)
        #expect(rows[0].0 == rows[0].1, "binary and text forms differ")
        // In PostgreSQL's order already, so the server had nothing to sort.
        let quoted = vector.text.split(separator: " ").map { entry in
            let colon = entry.firstIndex(of: ":")!
            return "'\(entry[..<colon])'\(entry[colon...])"
        }
        #expect(rows[0].1 == quoted.joined(separator: " "))
        return (rows[0].0, rows[0].2)
    }

    @Test(arguments: [
        "",
        "工程师说，工程师的工程。 Engineers ship 3 releases in 2024 — twice the 1.5 of 2023.",
        "单 字 句：我 你 他。 一",
        "𠝹𠝹𠝹 是 𠝹 和 𡃁仔",                              // Han beyond the Basic Plane
        "café naïve ελληνικά русский ありがとう 한국어 x²",  // letters the server's parser reads otherwise
        "1e5x 3e8f2a 2e 1e5 12e34e5 a1e5 10e3b7 ௰ 五௰ x௰y",     // numbers the parser splits; a number that is no digit
    ])
    func theSameVectorAsTheServerMakes(_ text: String) throws {
        let db = try TestDatabase.connect()
        let (ours, server) = try compare(SearchText.form(text), db)
        #expect(ours == server)
    }

    /// Every golden text (repairs, transforms, HTML pages' expected text), in search form.
    @Test func theSameVectorForEveryGoldenText() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("UnitTests/Golden")
        let files = FileManager.default.enumerator(atPath: golden.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 40)
        let db = try TestDatabase.connect()
        for file in files.sorted() {
            let text = try String(contentsOf: golden.appendingPathComponent(file), encoding: .utf8)
            let (ours, server) = try compare(SearchText.form(text), db)
            #expect(ours == server, "\(file)")
        }
    }

    @Test func positionLimitsAreTheServers() throws {
        let db = try TestDatabase.connect()
        // 300 copies of one lexeme (255 positions kept), then positions past 16,383 (all 16,383).
        let text = String(repeating: "ab ", count: 300) + String(repeating: "工程 ", count: 17_000) + "cd ef cd"
        let (ours, server) = try compare(text, db)
        #expect(ours == server)
        #expect(ours.contains("'cd':16383 "))
    }

    @Test func longWordsAreLeftOutWithoutAPosition() throws {
        let db = try TestDatabase.connect()
        let text = "a " + String(repeating: "b", count: 2_046) + " " + String(repeating: "c", count: 2_047)
            + " " + String(repeating: "д", count: 1_100) + " e"
        let (ours, server) = try compare(text, db)
        #expect(ours == server)
        #expect(ours.contains("'e':3") && !ours.contains("ccc") && !ours.contains("дд"))
    }
}

extension SearchVectorTests {
    @Test func aVectorNeverOutgrowsWhatATsvectorHolds() throws {
        // 1,100 distinct words of 1,000 bytes: to_tsvector fails on it ("string is too long for
        // tsvector"); the built vector stops before 1 MB of lexemes and the server takes it.
        let text = (0..<1_100).map { String(format: "%04d", $0) + String(repeating: "x", count: 996) }.joined(separator: " ")
        let vector = SearchTokens.tsvector(text)
        #expect(vector.count > 1_000 && vector.count < 1_050)
        let db = try TestDatabase.connect()
        try db.execute("CREATE TEMP TABLE t_vectors (v tsvector)")
        try db.copy([VectorRow(vector: vector)])
        #expect(try db.query("SELECT length(v) FROM t_vectors", as: Int.self) == [vector.count])
    }
}
