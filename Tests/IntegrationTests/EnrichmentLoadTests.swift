import Foundation
import Postgres
import Records
import Testing
import TestSupport
import Warehouse
import Pipeline

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
            let first = article("k1", body: "英伟达花了148亿美元。", mentions: [Mention(kind: .org, name: "英伟达", count: 1)],
                                figures: [Figure(kind: .money, raw: "148亿美元", value: "14800000000", unit: "USD", position: 4)])
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
                Mention(kind: .org, name: "腾讯", count: 1), Mention(kind: .org, name: "英伟达", count: 1)],
                figures: [Figure(kind: .money, raw: "290亿美元", value: "29000000000", unit: "USD", position: 7),
                          Figure(kind: .percent, raw: "0.3%", value: "0.3", unit: "%", position: 14)])
            changed.contentSHA256 = String(repeating: "b", count: 64)
            changed.observedAtMicros = 2
            _ = try loader.load(LoadBatch(articles: [changed]), runID: runID)
            #expect(try db.query("SELECT raw FROM news.figures ORDER BY ordinal", as: String.self) == ["290亿美元", "0.3%"])
            #expect(try db.query("SELECT e.name FROM news.mentions JOIN news.entities e USING (entity_id) ORDER BY 1", as: String.self) == ["腾讯", "英伟达"])
        }
    }

    @Test func englishNamesAreLoadedOnceAndExistingEntitiesGetTheirs() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runs = RunLedger(connection: db)
            let runID = try runs.start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet)
            // An entity stored before English names existed: its row has none.
            try db.execute("INSERT INTO news.entities (kind, name) VALUES ('org', '苹果')")
            let first = article("k1", body: "苹果和杰弗里·奥尔特曼", mentions: [
                Mention(kind: .org, name: "苹果", count: 1, english: "Apple"),
                Mention(kind: .person, name: "杰弗里·奥尔特曼", count: 1)], figures: [])
            let second = article("k22", body: "苹果", mentions: [Mention(kind: .org, name: "苹果", count: 1, english: "Apple")], figures: [])
            _ = try loader.load(LoadBatch(articles: [first, second]), runID: runID)
            #expect(try db.query("SELECT name, coalesce(name_en, '-') FROM news.entities ORDER BY name", as: (String, String).self)
                .map { "\($0.0)=\($0.1)" } == ["杰弗里·奥尔特曼=-", "苹果=Apple"])
            // Found in either language, in any case.
            #expect(try db.query("SELECT name FROM news.find_entities('apple')", as: String.self) == ["苹果"])
            #expect(try db.query("SELECT name FROM news.find_entities('苹果')", as: String.self) == ["苹果"])
            #expect(try db.query("SELECT name FROM news.find_entities('奥尔特曼')", as: String.self) == ["杰弗里·奥尔特曼"])
            // A rerun writes no row.
            let versions = try db.query("SELECT xmin::text FROM news.entities ORDER BY entity_id", as: String.self)
            _ = try loader.load(LoadBatch(articles: [first, second]), runID: runID)
            #expect(try db.query("SELECT xmin::text FROM news.entities ORDER BY entity_id", as: String.self) == versions)
            // The list's English name changes: the next load that names the entity writes it.
            var renamed = second
            renamed.mentions = [Mention(kind: .org, name: "苹果", count: 1, english: "Apple Inc.")]
            _ = try loader.load(LoadBatch(articles: [renamed]), runID: runID)
            #expect(try db.query("SELECT name_en FROM news.entities WHERE name = '苹果'", as: String.self) == ["Apple Inc."])
        }
    }
}

@Suite("entities and figures through the pipeline")
struct EnrichmentPipelineTests {
    @Test func anArticleGetsItsMentionsAndFigures() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-11-28/000_1234123412341234.txt", """
            英伟达与腾讯的人才之争
            英伟达CEO黄仁勋表示，公司将投入148亿美元。腾讯的股价上涨了0.3%，而华为计划招聘300%以上的新员工。
            扎克伯格和亚历山大·王在2024年谈妥了交易，对价1亿美元。
            """)
        try TestDatabase.withFreshDatabase { _, db in
            var settings = Settings()
            settings.inputs = [input.path]
            _ = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions())
            let figures = try db.query("SELECT kind, value::text, coalesce(unit, '') FROM news.figures ORDER BY ordinal",
                                       as: (String, String, String).self)
            #expect(figures.map(\.1) == ["14800000000", "0.3", "300", "100000000"])
            #expect(figures.map(\.2) == ["USD", "%", "%", "USD"])
            let names: [String] = try db.query("SELECT e.name FROM news.mentions JOIN news.entities e USING (entity_id) ORDER BY 1",
                                               as: String.self)
            for name in ["英伟达", "腾讯", "华为", "黄仁勋", "亚历山大·王"] {
                #expect(names.contains(name), "\(name) in \(names)")
            }
            #expect(names.contains { $0.contains("扎克伯格") })
            let english: [String] = try db.query("SELECT name_en FROM news.entities WHERE name IN ('英伟达', '黄仁勋') ORDER BY name_en",
                                                 as: String.self)
            #expect(english == ["Jensen Huang", "Nvidia"])
            // The raw text of every figure stands at its position in the body.
            let misplaced = try db.query("""
                SELECT count(*)::int FROM news.figures f JOIN news.articles a USING (article_id)
                WHERE f.position IS NOT NULL AND substr(a.body, f.position + 1, length(f.raw)) <> f.raw
                """, as: Int.self)
            #expect(misplaced == [0])
        }
    }
}
