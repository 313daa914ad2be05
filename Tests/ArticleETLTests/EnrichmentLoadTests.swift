import Foundation
import Postgres
import Records
import Testing
import Warehouse

@Suite("loading mentions and figures")
struct EnrichmentLoadTests {
    func article(_ key: String, body: String, mentions: [Mention], figures: [Figure]) -> ArticleRecord {
        var record = ArticleRecord(root: "/in", path: key + ".txt", recordNo: 1, articleKey: key, title: "T " + key,
                                   lang: "zh", script: "Hans", body: body, searchText: body,
                                   contentSHA256: String(repeating: "a", count: 63) + String(key.count % 10),
                                   defects: [], observedAtMicros: 1, transformVersion: 1)
        record.mentions = mentions
        record.figures = figures
        return record
    }

    @Test func childRowsAreWrittenOnceAndReplacedWhenTheArticleChanges() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runs = RunLedger(connection: db)
            let runID = try runs.start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet)
            let first = article("k1", body: "英伟达花了148亿美元。", mentions: [Mention(kind: "org", name: "英伟达", count: 1)],
                                figures: [Figure(kind: "money", raw: "148亿美元", value: "14800000000", unit: "USD", position: 4)])
            _ = try loader.load(LoadBatch(articles: [first]), runID: runID)
            let rows = try db.query("""
                SELECT e.name, m.count, f.raw, f.value::text, f.unit FROM news.mentions m JOIN news.entities e USING (entity_id)
                JOIN news.figures f USING (article_id)
                """, as: (String, Int, String, String, String?).self)
            #expect(rows.count == 1)
            #expect(rows.first?.0 == "英伟达" && rows.first?.3 == "14800000000" && rows.first?.4 == "USD")
            let versions = try db.query("SELECT xmin::text FROM news.figures UNION ALL SELECT xmin::text FROM news.mentions", as: String.self)
            _ = try loader.load(LoadBatch(articles: [first]), runID: runID)
            #expect(try db.query("SELECT xmin::text FROM news.figures UNION ALL SELECT xmin::text FROM news.mentions", as: String.self) == versions)
            var changed = article("k1", body: "英伟达和腾讯花了290亿美元和0.3%。", mentions: [
                Mention(kind: "org", name: "腾讯", count: 1), Mention(kind: "org", name: "英伟达", count: 1)],
                figures: [Figure(kind: "money", raw: "290亿美元", value: "29000000000", unit: "USD", position: 7),
                          Figure(kind: "percent", raw: "0.3%", value: "0.3", unit: "%", position: 14)])
            changed.contentSHA256 = String(repeating: "b", count: 64)
            changed.observedAtMicros = 2
            _ = try loader.load(LoadBatch(articles: [changed]), runID: runID)
            #expect(try db.query("SELECT raw FROM news.figures ORDER BY ordinal", as: String.self) == ["290亿美元", "0.3%"])
            #expect(try db.query("SELECT e.name FROM news.mentions JOIN news.entities e USING (entity_id) ORDER BY 1", as: String.self) == ["腾讯", "英伟达"])
        }
    }
}
