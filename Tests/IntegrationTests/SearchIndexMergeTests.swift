import Foundation
import Postgres
import Records
import Testing
import TestSupport
@testable import Transform
@testable import Warehouse

/// The loader merges the search index's pending list on a second session while it loads, and
/// what is left when it finishes; its estimate of the list's size follows the list.
@Suite("merging the search index beside the load")
struct SearchIndexMergeTests {
    /// Article `number`: a Chinese text of its own (so its bigrams are its own too) and a word
    /// every article has.
    func article(_ number: Int) -> ArticleRecord {
        let own = (0..<40).map { Character(Unicode.Scalar(0x4E00 + UInt32((number * 40 + $0) % 20000))!) }
        let body = "工程师" + String(own) + "。"
        return ArticleRecord(root: "/in", path: "\(number).txt", recordNo: 1, articleKey: "k\(number)",
                             title: "标题\(number)", lang: "zh", script: "Hans", body: body, searchText: body,
                             searchVector: SearchTokens.tsvector(body),
                             contentSHA256: String(format: "%064x", number), defects: [],
                             observedAtMicros: 1, transformVersion: 1)
    }

    /// The pending list's pages now, and the bytes each holds for entries (8 KB less the page
    /// header and GIN's page opaque data).
    func pendingPages(_ db: Connection) throws -> Int {
        try #require(try db.query("""
            SELECT pending_pages::int8 FROM pgstatginindex('news.articles_search_vector_idx')
            """, as: Int64.self).first).map(Int.init) ?? 0
    }
    static let pageRoom = 8192 - 24 - 8

    @Test func theListIsMergedBesideTheLoadAndWhatIsLeftAtTheEnd() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            try db.execute("CREATE EXTENSION pgstattuple")
            let runID = try RunLedger(connection: db).start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet, mergeThreshold: 1)
            _ = try loader.load(LoadBatch(articles: (0..<20).map(article)), runID: runID)
            // The first batch woke the merging session: wait for its merge.
            let deadline = Date().addingTimeInterval(30)
            while loader.mergesSoFar == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            #expect(loader.mergesSoFar >= 1)
            _ = try loader.load(LoadBatch(articles: (20..<40).map(article)), runID: runID)
            try loader.finish()
            #expect(loader.backgroundMerges >= 1)
            #expect(try pendingPages(db) == 0)
            // Articles of both batches are found through the index.
            try db.execute("SET enable_seqscan = off")
            #expect(try db.query("SELECT count(*)::int FROM news.search('工程师')", as: Int.self) == [40])
            let late = String(article(33).body.dropFirst(3).prefix(4))
            #expect(try db.query("SELECT count(*)::int FROM news.search($1)", [late], as: Int.self) == [1])
        }
    }

    /// Without the merging session the list holds every entry the batches added: the estimate the
    /// merges are timed by is within a fifth of its size.
    @Test func theEstimateFollowsTheListsSize() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            try db.execute("CREATE EXTENSION pgstattuple")
            let runID = try RunLedger(connection: db).start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet, mergeThreshold: nil)
            let articles = (0..<400).map(article)
            _ = try loader.load(LoadBatch(articles: Array(articles[..<200])), runID: runID)
            _ = try loader.load(LoadBatch(articles: Array(articles[200...])), runID: runID)
            let estimate = articles.reduce(0) { $0 + $1.searchVector.pendingListBytes }
            let actual = try pendingPages(db) * Self.pageRoom
            #expect(actual > 30 * Self.pageRoom)
            print("pending list estimate \(estimate) bytes, list \(actual) bytes")
            #expect(Double(estimate) >= 0.8 * Double(actual) && Double(estimate) <= 1.2 * Double(actual),
                    "estimate \(estimate) bytes, list \(actual) bytes")
            try loader.finish()
            #expect(loader.backgroundMerges == 0)
            #expect(try pendingPages(db) == 0)
        }
    }
}
