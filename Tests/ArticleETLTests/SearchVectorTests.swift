import Postgres
import Testing
import Transform

/// The transform writes each article's tsvector in PostgreSQL's input syntax so the server only
/// reads it. It must be the very value `to_tsvector('simple', …)` makes of the same lexemes, or
/// the index and `news.search_query` would disagree.
@Suite("search vectors built by the transform")
struct SearchVectorTests {
    /// `SearchTokens.tsvector(text)` read by the server, against the server's own `to_tsvector`.
    func compare(_ text: String, _ db: Connection) throws -> (ours: String, server: String) {
        let rows = try db.query("SELECT $1::tsvector::text, to_tsvector('simple', $2)::text",
                                [SearchTokens.tsvector(text), SearchTokens.string(text)], as: (String, String).self)
        return (rows[0].0, rows[0].1)
    }

    @Test(arguments: [
        "",
        "工程师说，工程师的工程。 Engineers ship 3 releases in 2024 — twice the 1.5 of 2023.",
        "单 字 句：我 你 他。 一",
        "𠝹𠝹𠝹 是 𠝹 和 𡃁仔",                              // Han beyond the Basic Plane
        "café naïve ελληνικά русский ありがとう 한국어 x²",  // letters the server's parser reads otherwise
    ])
    func theSameVectorAsTheServerMakes(_ text: String) throws {
        let db = try TestDatabase.connect()
        let (ours, server) = try compare(SearchText.form(text), db)
        #expect(ours == server)
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
