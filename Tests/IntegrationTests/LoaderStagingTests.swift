import Foundation
import Postgres
import Records
import Testing
import TestSupport
@testable import Warehouse

/// The loader's staging: one winner per key, decided in Swift as the server would order the copies,
/// and paragraphs split in Swift into the lines the server's `string_to_table(body, E'\n')` gives.
@Suite("the loader's staging")
struct LoaderStagingTests {
    func article(_ key: String, path: String, body: String, observed: Int64?, sha: Character = "a") -> ArticleRecord {
        ArticleRecord(root: "/in", path: path, recordNo: 1, articleKey: key, title: "T " + path, lang: "zh",
                      script: "Hans", body: body, searchText: body, contentSHA256: String(repeating: sha, count: 64),
                      defects: [], observedAtMicros: observed, transformVersion: 1)
    }

    /// The paragraphs are the body's lines exactly as `string_to_table(body, E'\n')` gives them.
    @Test func paragraphsAreTheLinesTheServerWouldSplit() throws {
        let db = try TestDatabase.connect()
        for body in ["", "one", "one\n", "\none", "one\n\ntwo", "one\r\ntwo", "工程师\n扎克伯格\n😀", "\n", "é\u{301}\nx"] {
            let ours = article("k", path: "p", body: body, observed: nil).paragraphs.map(String.init)
            let server = try db.query("SELECT t FROM string_to_table($1, E'\\n') WITH ORDINALITY AS s(t, n) ORDER BY n",
                                      [body], as: String.self)
            #expect(ours == server, "\(body.debugDescription)")
        }
    }

    /// Swift's rule picks the copy the server's order (the collation of the test database, C.UTF-8
    /// as `scripts/pg-start` creates it) puts first: times, then hashes, then paths that Swift's `<`
    /// would order otherwise (canonically equivalent, or beyond the Basic Plane).
    @Test func theWinnerIsTheCopyTheServerOrdersFirst() throws {
        let db = try TestDatabase.connect()
        let paths = ["a/b", "a-b", "ab", "B", "é", "e\u{301}", "\u{FF21}", "𠝹", "\u{E000}", "a b"]
        var copies: [ArticleRecord] = []
        for (index, path) in paths.enumerated() {
            copies.append(article("k", path: path, body: "b", observed: index < 3 ? 5 : nil, sha: index % 2 == 0 ? "a" : "b"))
            copies.append(article("k", path: path, body: "b", observed: 7, sha: "c"))
        }
        copies[4].recordNo = 2
        try db.execute("CREATE TEMP TABLE t_copies (n int, observed_us bigint, content_sha256 text, root text, path text, record_no int)")
        for (index, copy) in copies.enumerated() {
            try db.execute("INSERT INTO t_copies VALUES ($1, $2, $3, $4, $5, $6)",
                           [index, copy.observedAtMicros, copy.contentSHA256, copy.root, copy.path, copy.recordNo])
        }
        let serverOrder = try db.query("""
            SELECT n FROM t_copies ORDER BY observed_us DESC NULLS LAST, content_sha256, root, path, record_no
            """, as: Int.self)
        let swiftOrder = copies.indices.sorted { InBatchWinner.wins(copies[$0], over: copies[$1]) }
        #expect(swiftOrder == serverOrder)
        #expect(InBatchWinner.winners(of: copies) == [copies[serverOrder[0]]])
    }

    /// Keys that are one text to Swift's `String` but two byte strings (`é` precomposed and `e` with
    /// a combining accent) are two articles in the warehouse, so the batch loads both.
    @Test func keysThatDifferInTheirBytesAreTwoArticles() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runID = try RunLedger(connection: db).start(kind: .manual, arguments: [:], programVersion: "test")
            let composed = article("https://x.example/caf\u{E9}", path: "a.txt", body: "一", observed: 1, sha: "a")
            let decomposed = article("https://x.example/cafe\u{301}", path: "b.txt", body: "二", observed: 1, sha: "b")
            #expect(InBatchWinner.winners(of: [composed, decomposed]).count == 2)
            let files = [composed, decomposed].map {
                FileEntry(root: "/in", path: $0.path, size: 1, mtimeMicros: 1, sha256: String(repeating: "1", count: 64), format: .text, change: .new)
            }
            let counts = try BatchLoader(connection: db, logger: TestLog.quiet)
                .load(LoadBatch(files: files, articles: [composed, decomposed]), runID: runID)
            #expect(counts.articlesInserted == 2)
            #expect(try db.query("SELECT path FROM etl.article_files ORDER BY path", as: String.self) == ["a.txt", "b.txt"])
        }
    }

    /// Two copies of one key in a batch: the article, its paragraphs and its mentions all come
    /// from the newer; both records point at it.
    @Test func theWinnersChildrenAreLoadedAndEveryRecordIsItsLineage() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runID = try RunLedger(connection: db).start(kind: .manual, arguments: [:], programVersion: "test")
            var older = article("k", path: "old.txt", body: "旧的一段\n旧的二段\n旧的三段", observed: 1, sha: "a")
            older.mentions = [Mention(kind: .org, name: "旧", count: 1)]
            var newer = article("k", path: "new.txt", body: "新的一段\n\n新的三段", observed: 2, sha: "b")
            newer.mentions = [Mention(kind: .org, name: "新", count: 2)]
            let files = [older, newer].map {
                FileEntry(root: "/in", path: $0.path, size: 1, mtimeMicros: 1, sha256: String(repeating: $0.path == "new.txt" ? "1" : "2", count: 64), format: .text, change: .new)
            }
            let counts = try BatchLoader(connection: db, logger: TestLog.quiet)
                .load(LoadBatch(files: files, articles: [newer, older]), runID: runID)
            #expect(counts.articlesInserted == 1 && counts.articlesUnchanged == 0)
            #expect(try db.query("SELECT body FROM news.articles", as: String.self) == [newer.body])
            #expect(try db.query("SELECT text FROM news.paragraphs ORDER BY ordinal", as: String.self) == ["新的一段", "", "新的三段"])
            #expect(try db.query("SELECT e.name FROM news.mentions JOIN news.entities e USING (entity_id)", as: String.self) == ["新"])
            #expect(try db.query("SELECT path FROM etl.article_files ORDER BY path", as: String.self) == ["new.txt", "old.txt"])
        }
    }
}
