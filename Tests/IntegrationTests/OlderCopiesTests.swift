import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

@Suite("older copies of an article in a run")
struct OlderCopiesRunTests {
    let canonical = #"<link rel="canonical" href="https://news.example.com/river.html">"#

    func run(_ input: TempFolder, _ db: Connection, batchSize: Int = 200) throws -> RunSummary {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
    }

    func setMTime(_ input: TempFolder, _ path: String, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)],
                                              ofItemAtPath: input.path + "/" + path)
    }

    func files(_ db: Connection) throws -> [String: String] {
        let rows = try db.query("SELECT path, status || ' ' || records FROM etl.files", as: (String, String).self)
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// The day-by-day copies of one page: the newest is transformed and inserted, the older ones are
    /// recorded (ledger, lineage) without an upsert of their own, and a rerun writes nothing.
    @Test func olderCopiesInTheRunAreRecordedUntransformed() throws {
        let input = try TempFolder()
        defer { input.remove() }
        for (day, offset) in [("2026-11-26", 0.0), ("2026-11-27", 86_400), ("2026-11-28", 172_800)] {
            try input.write("\(day)/000_river.html", page(head: canonical, paragraph: "Copy of \(day): the river rose"))
            try setMTime(input, "\(day)/000_river.html", 1_790_000_000 + offset)
        }
        try TestDatabase.withFreshDatabase { _, db in
            let summary = try run(input, db)
            // Transformed in day order, the older copies would have been inserted, then updated twice.
            #expect(summary.articlesInserted == 1 && summary.articlesUpdated == 0 && summary.articlesUnchanged == 0)
            #expect(summary.recordsSuperseded == 2)
            #expect(summary.line.contains(" records_superseded=2 "))
            #expect(try files(db) == ["2026-11-26/000_river.html": "loaded 1", "2026-11-27/000_river.html": "loaded 1",
                                      "2026-11-28/000_river.html": "loaded 1"])
            let bodies = try db.query("SELECT body FROM news.articles", as: String.self)
            #expect(bodies.count == 1 && bodies[0].contains("Copy of 2026-11-28"))
            let lineage = try db.query("""
                SELECT count(DISTINCT fa.article_id)::int, count(*)::int FROM etl.file_articles fa
                """, as: (Int, Int).self)
            #expect(lineage[0] == (1, 3))

            let again = try run(input, db)
            #expect(again.articlesInserted + again.articlesUpdated == 0 && again.filesNew == 0 && again.recordsSuperseded == 0)
        }
    }

    /// JSON Lines records are keyed by their URL field and observed at their crawl time: the
    /// older copies of a feed's items are recorded without an upsert; an item only the older file
    /// has, or whose newer copy is older, is transformed; the older file's bad line is rejected.
    @Test(arguments: ["jsonl", "ndjson"])
    func olderFeedItemsAreRecordedUntransformed(_ ext: String) throws {
        let input = try TempFolder()
        defer { input.remove() }
        func item(_ n: Int, _ crawled: String, _ text: String) -> String {
            #"{"url": "https://news.example.com/\#(n).html", "title": "标题\#(n)", "content": "\#(text)", "crawl_time": "\#(crawled)"}"#
        }
        try input.write("2026-11-27/feed.\(ext)", [item(1, "2026-11-27 08:00:00", "第一条消息的旧版本。"),
                                                  item(2, "2026-11-27 08:00:00", "只在旧文件里的消息。"),
                                                  item(3, "2026-11-27 09:00:00", "第三条消息，旧文件里的反而较新。"),
                                                  "{bad"].joined(separator: "\n") + "\n")
        try input.write("2026-11-28/feed.\(ext)", [item(1, "2026-11-28 08:00:00", "第一条消息的新版本。"),
                                                  item(3, "2026-11-27 07:00:00", "第三条消息，抓得更早。")].joined(separator: "\n") + "\n")
        try TestDatabase.withFreshDatabase { _, db in
            // A file a batch: both files hold older copies and come last, the newer file first.
            let summary = try run(input, db, batchSize: 1)
            // Item 1's old copy is not upserted; items 2 and 3 of the older file are (3 over the "newer" file's copy).
            #expect(summary.articlesInserted == 3)
            #expect(summary.articlesUpdated == 1)
            #expect(summary.articlesUnchanged == 0)
            #expect(summary.recordsSuperseded == 1)
            #expect(try files(db) == ["2026-11-27/feed.\(ext)": "partial 3", "2026-11-28/feed.\(ext)": "loaded 2"])
            let bodies = try db.query("SELECT body FROM news.articles ORDER BY article_key", as: String.self)
            #expect(bodies == ["第一条消息的新版本。", "只在旧文件里的消息。", "第三条消息，旧文件里的反而较新。"])
            #expect(try db.query("SELECT count(*)::int FROM etl.file_articles", as: Int.self).first == 5)
            #expect(try db.query("SELECT code FROM etl.rejects", as: String.self) == ["invalid_json"])
        }
    }

    /// An older copy is transformed after all when its newer copy yields no article.
    @Test func anOlderCopyLoadsWhenTheNewerIsRejected() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-11-27/000_river.html", page(head: canonical))
        try input.write("2026-11-28/000_river.html", "<html><head>\(canonical)</head><body></body></html>")
        try setMTime(input, "2026-11-27/000_river.html", 1_790_000_000)
        try setMTime(input, "2026-11-28/000_river.html", 1_790_086_400)
        try TestDatabase.withFreshDatabase { _, db in
            let summary = try run(input, db)
            #expect(summary.articlesInserted == 1)
            #expect(try files(db) == ["2026-11-27/000_river.html": "loaded 1", "2026-11-28/000_river.html": "rejected 0"])
        }
    }

    /// An older copy that arrives after its newer copy was stored is not transformed either; a newer
    /// one that arrives later is loaded over the stored article.
    @Test func aCopyOlderThanTheStoredArticleIsSupersededAndANewerOneLoads() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-11-27/000_river.html", page(head: canonical, paragraph: "Second copy"))
        try setMTime(input, "2026-11-27/000_river.html", 1_790_086_400)
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db)
            try input.write("2026-11-26/000_river.html", page(head: canonical, paragraph: "First copy"))
            try setMTime(input, "2026-11-26/000_river.html", 1_790_000_000)
            let late = try run(input, db)
            // Transformed, it would count as one unchanged article.
            #expect(late.articlesInserted + late.articlesUpdated + late.articlesUnchanged == 0 && late.filesNew == 1)
            #expect(late.recordsSuperseded == 1)
            #expect(try files(db)["2026-11-26/000_river.html"] == "loaded 1")

            try input.write("2026-11-28/000_river.html", page(head: canonical, paragraph: "Third copy"))
            try setMTime(input, "2026-11-28/000_river.html", 1_790_172_800)
            let newer = try run(input, db)
            #expect(newer.articlesUpdated == 1)
            #expect(try db.query("SELECT body FROM news.articles", as: String.self).first?.contains("Third copy") == true)
            #expect(try db.query("SELECT count(*)::int FROM etl.file_articles", as: Int.self).first == 3)
        }
    }
}
