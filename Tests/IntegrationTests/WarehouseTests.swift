import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

@Suite("the warehouse contract")
struct WarehouseTests {
    func run(_ input: TempFolder, _ db: Connection, batchSize: Int = 200) throws -> RunSummary {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
    }

    /// A fresh database after one run over `files` (path, content); `body` also gets the input
    /// folder, for tests that change it and run again.
    func withOneRun(over files: [(String, String)], _ body: (TempFolder, Connection) throws -> Void) throws {
        let input = try TempFolder()
        defer { input.remove() }
        for (path, content) in files { try input.write(path, content) }
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db)
            try body(input, db)
        }
    }

    /// xmin of every row of every table in news and etl: unchanged means not rewritten.
    func allRowVersions(_ db: Connection) throws -> [String: String] {
        let tables: [String] = try db.query("""
            SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname IN ('news', 'etl') ORDER BY 1
            """, as: String.self)
        var versions: [String: String] = [:]
        for table in tables {
            versions[table] = try db.query("SELECT coalesce(string_agg(xmin::text, ',' ORDER BY ctid), '') FROM \(table)",
                                           as: String.self).first
        }
        return versions
    }

    @Test func aRerunRewritesNoRowInAnyTable() throws {
        try withOneRun(over: [
            ("2026-11-28/000_1111111111111111.txt", "标题一\n正文：工程师。\n第二段。\n"),
            ("2026-11-28/001_2222222222222222.txt", "Title two\nBody with https://example.com.\n"),
            ("2026-11-28/002_3333333333333333.txt", ""),
            ("2026-11-28/feed.jsonl", #"{"url": "https://news.163.com/a.html", "title": "三", "content": "正文三"}"# + "\n{bad\n"),
        ]) { input, db in
            let before = try allRowVersions(db)
            #expect(before["news.sources"]?.isEmpty == false)
            let second = try run(input, db)
            var after = try allRowVersions(db)
            // The second run adds its own etl.runs row; every row that existed is untouched.
            let runs = try #require(after["etl.runs"])
            after["etl.runs"] = String(runs.split(separator: ",").dropLast().joined(separator: ","))
            #expect(after == before)
            #expect(second.articlesInserted + second.articlesUpdated == 0)
        }
    }

    /// Without statistics the planner takes each batch's staging tables for large ones and reads
    /// whole warehouse tables to join them (a cost that grows with the warehouse), so the loader
    /// analyzes them; and its session plans for rows reached by key, without JIT.
    @Test func theLoaderPlansWithStatisticsOfItsStagingTables() throws {
        try withOneRun(over: [("2026-11-28/000_1111111111111111.txt", "标题一\n正文：工程师。\n")]) { _, db in
            let analyzed = try db.query("""
                SELECT DISTINCT tablename::text FROM pg_stats WHERE schemaname::regnamespace = pg_my_temp_schema() ORDER BY 1
                """, as: String.self)
            for table in ["changed_articles", "stage_articles", "stage_files", "stage_vectors"] {
                #expect(analyzed.contains(table), "\(table) has no statistics")
            }
            #expect(try db.query("SELECT current_setting('jit') || ' ' || current_setting('random_page_cost')",
                                 as: String.self) == ["off 1.1"])
        }
    }

    @Test func aBatchHoldingTheSameKeyTwiceLoads() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("a/000_abcdefabcdefabcd.txt", "Same key\nFirst copy.\n")
        try input.write("b/000_abcdefabcdefabcd.txt", "Same key\nSecond copy, newer.\n")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)],
                                              ofItemAtPath: input.path + "/a/000_abcdefabcdefabcd.txt")
        try TestDatabase.withFreshDatabase { _, db in
            let summary = try run(input, db)
            #expect(summary.status == .ok)
            #expect(try db.query("SELECT body FROM news.articles", as: String.self) == ["Second copy, newer."])
            #expect(try db.query("SELECT count(*)::int FROM etl.article_files", as: Int.self) == [2])
        }
    }

    @Test func hostileTextIsStoredVerbatimAndNULsAreRemoved() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("000_1111111111111111.txt", "Robert'); DROP TABLE news.articles;--\nBody \\ with \t tab.\n")
        try input.write("001_2222222222222222.txt", "NUL title\nA body\u{0} with a NUL.\n")
        try TestDatabase.withFreshDatabase { _, db in
            #expect(try run(input, db).articlesInserted == 2)
            let rows = try db.query("SELECT title, body, defects FROM news.articles ORDER BY article_key", as: (String, String, [String]).self)
            #expect(rows[0].0 == "Robert'); DROP TABLE news.articles;--")
            #expect(rows[0].1 == "Body \\ with tab.")
            #expect(rows[1].1 == "A body with a NUL.")
            #expect(rows[1].2.contains("control_chars"))
        }
    }

    @Test func theReaderRoleCannotWrite() throws {
        try withOneRun(over: [("000_1111111111111111.txt", "Title\nBody.\n")]) { _, db in
            try db.execute("SET ROLE news_reader")
            #expect(try db.query("SELECT count(*)::int FROM news.articles", as: Int.self) == [1])
            #expect(try db.query("SELECT count(*)::int FROM etl.runs", as: Int.self) == [1])
            #expect(try db.query("SELECT count(*)::int FROM news.search('body')", as: Int.self) == [1])
            for statement in ["UPDATE news.articles SET title = 'x'", "DELETE FROM etl.files",
                              "INSERT INTO news.sources (code, name) VALUES ('x', 'x')", "TRUNCATE etl.rejects"] {
                let error = #expect(throws: PostgresError.self) { try db.execute(statement) }
                #expect(error?.code == PostgresError.Code("42501"), "\(statement)")
            }
            try db.execute("RESET ROLE")
            try db.execute("SET ROLE news_writer")
            try db.execute("UPDATE news.sources SET homepage = homepage")
        }
    }

    @Test func everyFunctionIsDocumentedToo() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let undocumented = try db.query("""
                SELECT p.proname::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname IN ('news', 'etl') AND obj_description(p.oid, 'pg_proc') IS NULL
                """, as: String.self)
            #expect(undocumented == [])
        }
    }

    @Test func searchFindsWordsInSimplifiedAndTraditionalArticles() throws {
        let set = try LabelledSet.load()
        let input = try TempFolder()
        defer { input.remove() }
        for (index, article) in set.articles.enumerated() {
            try input.write(String(format: "%03d_%016x.txt", index, index + 1), article.title + "\n" + article.body + "\n")
        }
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db)
            var keyOf: [Int64: String] = [:]
            for (index, article) in set.articles.enumerated() {
                let id = try db.query("SELECT article_id FROM news.articles WHERE article_key = $1",
                                      [String(format: "doc:%016x", index + 1)], as: Int64.self)
                keyOf[try #require(id.first)] = article.key
            }
            var score = Score()
            for query in set.queries {
                let found = Set(try db.query("SELECT article_id FROM news.search($1)", [query.query], as: Int64.self)
                    .compactMap { keyOf[$0] })
                let expected = Set(query.expect)
                score.truePositives += found.intersection(expected).count
                score.falsePositives += found.subtracting(expected).count
                score.falseNegatives += expected.subtracting(found).count
                #expect(found == expected, "query \(query.query)")
            }
            print("search on the labelled set (\(set.queries.count) queries): \(score)")
            // The index is used.
            try db.execute("SET enable_seqscan = off")
            let plan = try db.query("EXPLAIN SELECT * FROM news.search('工程师')", as: String.self).joined(separator: "\n")
            _ = plan
            let inner = try db.query("""
                EXPLAIN SELECT article_id FROM news.articles WHERE search_vector @@ news.search_query('工程师')
                """, as: String.self).joined(separator: "\n")
            #expect(inner.contains("articles_search_vector_idx"))
        }
    }

    @Test func searchFindsWordsWithCharactersBeyondTheBasicPlane() throws {
        // 𠝹 (U+2077A) is of CJK Extension B, outside the Basic Multilingual Plane.
        try withOneRun(over: [("000_1111111111111111.txt", "出席活动\n今天，黄𠝹明在会上发言。\n"),
                              ("001_2222222222222222.txt", "另一篇\n今天，黄明在会上发言。\n")]) { _, db in
            let found = try db.query("""
                SELECT a.article_key FROM news.search('黄𠝹明') s JOIN news.articles a USING (article_id)
                """, as: String.self)
            #expect(found == ["doc:1111111111111111"])
        }
    }

    @Test func duplicatesPointAtTheEarliestCopy() throws {
        let set = try LabelledSet.load()
        let input = try TempFolder()
        defer { input.remove() }
        var index = 0
        for group in set.duplicates {
            for copy in group.copies {
                try input.write(String(format: "%03d_%016x.txt", index, index + 1), "\(group.group) copy\n\(copy)\n")
                index += 1
            }
        }
        // An exact copy under another name.
        try input.write("zz_exact.txt", "d1 copy\n\(set.duplicates[0].copies[0])\n")
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db, batchSize: 3)
            let rows = try db.query("""
                SELECT a.title, a.article_key, d.article_key, a.defects FROM news.articles a
                LEFT JOIN news.articles d ON d.article_id = a.duplicate_of ORDER BY a.article_id
                """, as: (String, String, String?, [String]).self)
            var score = Score()
            var firstOfGroup: [String: String] = [:]
            for row in rows {
                let group = String(row.0.prefix(2))
                let original = firstOfGroup[group]
                if original == nil { firstOfGroup[group] = row.1 }
                switch (row.2, original) {
                case (let found?, let expected?) where found == expected: score.truePositives += 1
                case (.some, _): score.falsePositives += 1
                case (nil, .some): score.falseNegatives += 1
                case (nil, nil): break
                }
            }
            print("duplicate_of on the labelled set: \(score)")
            #expect(score.falsePositives == 0)
            #expect(score.recall >= 0.6)
            let exact = try db.query("SELECT defects FROM news.articles WHERE article_key = 'sha256:' || content_sha256", as: [String].self)
            #expect(exact.first?.contains("exact_duplicate") == true)
        }
    }

    /// Rows updated in a table, as this session's statistics count them (flushed first).
    func rowsUpdated(_ table: String, _ db: Connection) throws -> Int {
        _ = try db.execute("SELECT pg_stat_force_next_flush()")
        _ = try db.execute("SELECT pg_stat_clear_snapshot()")
        return try db.query("SELECT n_tup_upd::int FROM pg_stat_user_tables WHERE relid = $1::regclass",
                            [table], as: Int.self).first ?? -1
    }

    @Test func aCopyOfAnEarlierBatchIsWrittenOnceWithItsOriginal() throws {
        let input = try TempFolder()
        defer { input.remove() }
        let body = """
            工程师在上海发布了新的芯片，售价为三千元，首批产品将于下个月交付给合作伙伴。
            这款芯片的性能比上一代提高了一倍，功耗降低了三成，研发团队用了整整三年时间。
            公司负责人表示，新芯片主要面向数据中心和智能汽车市场，明年的出货量有望翻番。
            业内人士认为，这次发布说明国内企业在高端芯片设计上又向前迈进了一步。
            """
        try input.write("2026-11-27/000_1111111111111111.txt", "原文\n\(body)\n")
        try input.write("2026-11-28/000_2222222222222222.txt", "转载\n\(body)\n")
        try input.write("2026-11-28/001_3333333333333333.txt", "转载二\n\(body)又及。\n")
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db, batchSize: 1)
            let rows = try db.query("""
                SELECT a.article_key, d.article_key, a.defects FROM news.articles a
                LEFT JOIN news.articles d ON d.article_id = a.duplicate_of ORDER BY a.article_id
                """, as: (String, String?, [String]).self)
            #expect(rows.map(\.1) == [nil, "doc:1111111111111111", "doc:1111111111111111"])
            #expect(rows.map(\.2) == [[], ["exact_duplicate"], ["near_duplicate"]])
            // Each copy's original was stored by an earlier batch: no row was written twice.
            #expect(try rowsUpdated("news.articles", db) == 0)
        }
    }

    /// The upsert guesses originals from the articles stored before the batch; when the batch
    /// also rewrites that original, its cluster is split and settled again with the batch stored:
    /// the remaining copies point at the first of them (by date, then key), not at a copy.
    @Test func aCopyWhoseOriginalTheSameBatchRewritesPointsAtTheNextCopy() throws {
        let body = """
            工程师在上海发布了新的芯片，售价为三千元，首批产品将于下个月交付给合作伙伴。
            这款芯片的性能比上一代提高了一倍，功耗降低了三成，研发团队用了整整三年时间。
            公司负责人表示，新芯片主要面向数据中心和智能汽车市场，明年的出货量有望翻番。
            """
        let other = """
            今年秋天的雨水比往年多，江南不少地方的稻田推迟了收割，农民们只好等天晴再下地。
            气象部门预计，下周起冷空气南下，降温明显，各地要注意防范大风和霜冻天气。
            """
        try withOneRun(over: [
            ("2026-11-27/000_1111111111111111.txt", "原文\n\(body)\n"),
            ("2026-11-27/001_2222222222222222.txt", "转载\n\(body)\n"),
        ]) { input, db in
            try input.write("2026-11-27/000_1111111111111111.txt", "改写\n\(other)\n")
            try input.write("2026-11-28/000_3333333333333333.txt", "再转载\n\(body)\n")
            let summary = try run(input, db)
            #expect(summary.articlesUpdated == 1 && summary.articlesInserted == 1)
            let rows = try db.query("""
                SELECT a.article_key, d.article_key FROM news.articles a
                LEFT JOIN news.articles d ON d.article_id = a.duplicate_of ORDER BY a.article_id
                """, as: (String, String?).self)
            #expect(rows.map(\.1) == [nil, nil, "doc:2222222222222222"])
        }
    }

    @Test func anEditWritesOnlyTheParagraphsThatChanged() throws {
        try withOneRun(over: [("2026-11-28/000_1111111111111111.txt", "标题\n第一段不变。\n第二段原文。\n第三段将被删去。\n")]) { input, db in
            let paragraphs = "SELECT ordinal, text, xmin::text FROM news.paragraphs ORDER BY ordinal"
            let before = try db.query(paragraphs, as: (Int, String, String).self)
            try input.write("2026-11-28/000_1111111111111111.txt", "标题\n第一段不变。\n第二段改过了。\n")
            let summary = try run(input, db)
            #expect(summary.articlesUpdated == 1)
            let after = try db.query(paragraphs, as: (Int, String, String).self)
            #expect(after.map(\.1) == ["第一段不变。", "第二段改过了。"])
            #expect(after[0].2 == before[0].2)   // the unchanged paragraph was not rewritten
            #expect(after[1].2 != before[1].2)
        }
    }
}
