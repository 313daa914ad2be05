import Foundation
import Postgres
import Records
import Testing
import TestSupport
import Warehouse
import Pipeline

/// Credits stored (`sql/016_credits.sql`): editor, original title, credited outlet, and the outlet
/// as a source of its own when the platform only republished it.
@Suite("credits stored")
struct CreditsLoadTests {
    @Test func creditsAreLoadedAndTheOutletBecomesASource() throws {
        let input = try TempFolder()
        defer { input.remove() }
        // A republished story crediting a configured outlet (新华社 is an alias of xinhuanet), and one
        // crediting an outlet no configuration knows.
        try input.write("2026-11-28/000_1111222233334444.txt", """
            港口渡轮今冬首次不停航
            来源：新华社
            港务部门周一宣布，港口渡轮今年冬季将首次保持运营。此前，渡轮每年十一月停航。
            港务部门预计，工作日每天将有约三百名乘客乘坐渡轮。
            原标题：渡轮冬季不停航 岛民出行更方便
            责任编辑：王小明
            """)
        try input.write("2026-11-28/000_5555666677778888.txt", """
            市图书馆延长开放时间
            市图书馆下月起将开放至晚上九点。此前的问卷调查中，不少学生希望晚间有更多自习空间。
            （来源：城市晚报）
            """)
        try TestDatabase.withFreshDatabase { _, db in
            var settings = Settings()
            settings.inputs = [input.path]
            let pipeline = Pipeline(settings: settings, logger: TestLog.quiet)
            let first = try pipeline.run(connection: db, options: RunOptions())
            #expect(first.articlesInserted == 2)
            let rows = try db.query("""
                SELECT a.title, a.editor, a.original_title, a.credited_outlet, o.code, o.name, a.body
                FROM news.articles a LEFT JOIN news.sources o ON o.source_id = a.outlet_source_id ORDER BY a.title
                """, as: (String, String?, String?, String?, String?, String?, String).self)
            #expect(rows.count == 2)
            let ferry = try #require(rows.first { $0.0.hasPrefix("港口") })
            #expect(ferry.1 == "王小明")
            #expect(ferry.2 == "渡轮冬季不停航 岛民出行更方便")
            #expect(ferry.3 == "新华社")
            #expect(ferry.4 == "xinhuanet")
            #expect(!ferry.6.contains("来源") && !ferry.6.contains("责任编辑") && !ferry.6.contains("原标题"))
            let library = try #require(rows.first { $0.0.hasPrefix("市图书馆") })
            #expect(library.1 == nil && library.2 == nil)
            #expect(library.3 == "城市晚报")
            #expect(library.4?.hasPrefix("outlet-") == true && library.4?.count == 19)
            #expect(library.5 == "城市晚报")
            #expect(!library.6.contains("来源"))
            // A rerun writes no row: not the articles, not the sources.
            let before = try db.query("SELECT xmin::text FROM news.articles UNION ALL SELECT xmin::text FROM news.sources ORDER BY 1",
                                      as: String.self)
            let second = try pipeline.run(connection: db, options: RunOptions(reprocess: .all))
            #expect(second.articlesInserted == 0 && second.articlesUpdated == 0)
            #expect(try db.query("SELECT xmin::text FROM news.articles UNION ALL SELECT xmin::text FROM news.sources ORDER BY 1",
                                 as: String.self) == before)
        }
    }

    @Test func theLoaderWritesCreditsOnceAndFollowsAChange() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runs = RunLedger(connection: db)
            let runID = try runs.start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet)
            var article = ArticleRecord(root: "/in", path: "a.txt", recordNo: 1, articleKey: "k1", title: "T", lang: "zh",
                                        script: "Hans", body: "正文。", searchText: "正文。",
                                        contentSHA256: String(repeating: "a", count: 64), defects: [], observedAtMicros: 1,
                                        transformVersion: 1)
            article.editor = "张三"
            article.creditedOutlet = "城市晚报"
            article.outletSourceCode = "outlet-0123456789ab"
            _ = try loader.load(LoadBatch(articles: [article]), runID: runID)
            let stored = try db.query("""
                SELECT a.editor, a.credited_outlet, o.code, o.name FROM news.articles a
                JOIN news.sources o ON o.source_id = a.outlet_source_id
                """, as: (String?, String?, String, String).self)
            #expect(stored.count == 1 && stored.first?.0 == "张三" && stored.first?.2 == "outlet-0123456789ab"
                    && stored.first?.3 == "城市晚报")
            let versions = try db.query("SELECT xmin::text FROM news.articles UNION ALL SELECT xmin::text FROM news.sources",
                                        as: String.self)
            _ = try loader.load(LoadBatch(articles: [article]), runID: runID)
            #expect(try db.query("SELECT xmin::text FROM news.articles UNION ALL SELECT xmin::text FROM news.sources",
                                 as: String.self) == versions)
            // A newer copy whose credits changed (with its body) brings its credits along.
            article.body = "新的正文。"
            article.contentSHA256 = String(repeating: "b", count: 64)
            article.observedAtMicros = 2
            article.editor = nil
            article.outletSourceCode = nil
            article.creditedOutlet = nil
            _ = try loader.load(LoadBatch(articles: [article]), runID: runID)
            let changed = try db.query("SELECT editor, credited_outlet, outlet_source_id FROM news.articles",
                                       as: (String?, String?, Int?).self)
            #expect(changed.count == 1 && changed.first?.0 == nil && changed.first?.1 == nil && changed.first?.2 == nil)
        }
    }
}
