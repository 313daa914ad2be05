import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

/// The whole pipeline against a fresh database per test.
@Suite("run: extract → transform → load into PostgreSQL")
struct PipelineTests {
    static let articles = [
        "2026-11-28/000_1111111111111111.txt": "First title\n\nFirst paragraph.\n\nSecond paragraph.\n",
        "2026-11-28/001_2222222222222222.txt": "第二篇标题\n\n第一段：工程师。\n第二段。\n",
        "2026-11-28/no-id-here.txt": "Third title\r\n\r\nOnly paragraph.\r\n",
    ]

    func pipeline(_ input: TempFolder, batchSize: Int = 200) -> Pipeline {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return Pipeline(settings: settings, logger: TestLog.quiet)
    }

    func withInput<R>(_ files: [String: String] = PipelineTests.articles,
                      _ body: (TempFolder, Connection, String) throws -> R) throws -> R {
        let input = try TempFolder()
        defer { input.remove() }
        for (path, text) in files { try input.write(path, text) }
        return try TestDatabase.withFreshDatabase { name, db in try body(input, db, name) }
    }

    /// Row versions of every warehouse table: equal before and after means nothing was rewritten.
    func rowVersions(_ db: Connection) throws -> [String: [String]] {
        var versions: [String: [String]] = [:]
        for (table, key) in [("news.articles", "article_id"), ("news.paragraphs", "article_id, ordinal"),
                             ("etl.files", "file_id"), ("etl.file_articles", "file_id, record_no")] {
            versions[table] = try db.query("SELECT xmin::text FROM \(table) ORDER BY \(key)", as: String.self)
        }
        return versions
    }

    @Test func threeTextFilesBecomeThreeArticles() throws {
        try withInput { input, db, _ in
            let summary = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(summary.status == .ok)
            #expect(summary.filesNew == 3)
            #expect(summary.articlesInserted == 3)
            let rows = try db.query("""
                SELECT article_key, title, body, lang, content_sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')
                FROM news.articles ORDER BY title
                """, as: (String, String, String, String, Bool).self)
            #expect(rows.map(\.1) == ["First title", "Third title", "第二篇标题"])
            #expect(rows[0].0 == "doc:1111111111111111")
            #expect(rows[1].0.hasPrefix("sha256:"))
            #expect(rows[0].2 == "First paragraph.\nSecond paragraph.")
            #expect(rows[2].3 == "zh")
            #expect(rows.allSatisfy { $0.4 })
            #expect(try db.query("SELECT count(*)::int FROM news.paragraphs", as: Int.self) == [5])
            #expect(try db.query("SELECT count(*)::int FROM etl.files WHERE status = 'loaded'", as: Int.self) == [3])
            let lineage = try db.query("SELECT path, record_no FROM etl.article_files ORDER BY path", as: (String, Int).self)
            #expect(lineage.map(\.0) == PipelineTests.articles.keys.sorted())
            #expect(lineage.allSatisfy { $0.1 == 1 })
        }
    }

    @Test func aRerunOverUnchangedFilesRewritesNoRow() throws {
        try withInput { input, db, _ in
            _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            let before = try rowVersions(db)
            let second = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(try rowVersions(db) == before)
            #expect(second.filesUnchanged == 3 && second.filesNew == 0 && second.articlesInserted == 0)
            #expect(second.status == .ok)
            // A new mtime with the same content is recorded in the ledger, not reloaded.
            let path = input.path + "/2026-11-28/000_1111111111111111.txt"
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
            let third = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            let after = try rowVersions(db)
            #expect(after["news.articles"] == before["news.articles"])
            #expect(after["news.paragraphs"] == before["news.paragraphs"])
            #expect(after["etl.file_articles"] == before["etl.file_articles"])
            #expect(third.filesUnchanged == 3 && third.articlesUpdated == 0)
        }
    }

    @Test func anEditRewritesExactlyItsOwnArticle() throws {
        try withInput { input, db, _ in
            _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            let before = try db.query("SELECT article_key, xmin::text FROM news.articles ORDER BY article_key", as: (String, String).self)
            try input.append("2026-11-28/001_2222222222222222.txt", "第三段，新增。\n")
            let summary = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(summary.filesChanged == 1 && summary.articlesUpdated == 1 && summary.articlesInserted == 0)
            let after = try db.query("SELECT article_key, xmin::text FROM news.articles ORDER BY article_key", as: (String, String).self)
            let rewritten = zip(before, after).filter { $0.1 != $1.1 }.map { $0.0.0 }
            #expect(rewritten == ["doc:2222222222222222"])
            let paragraphs = try db.query("""
                SELECT p.text FROM news.paragraphs p JOIN news.articles a USING (article_id)
                WHERE a.article_key = 'doc:2222222222222222' ORDER BY p.ordinal
                """, as: String.self)
            #expect(paragraphs == ["第一段：工程师。", "第二段。", "第三段，新增。"])
            #expect(try db.query("SELECT count(*)::int FROM news.articles WHERE last_changed_run_id = 2", as: Int.self) == [1])
        }
    }

    @Test func badFilesAreRejectedWithReasonsAndTheRunGoesOn() throws {
        var files = PipelineTests.articles
        files["2026-11-28/empty.txt"] = ""
        files["2026-11-28/title-only.txt"] = "Just a title\n"
        try withInput(files) { input, db, _ in
            try input.write("2026-11-28/noise.txt", bytes: Data((0..<600).map { UInt8(truncatingIfNeeded: ($0 * 7919 + 13) % 251) | 0x80 }))
            let summary = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(summary.status == .partial)
            #expect(summary.articlesInserted == 3)
            let rejects = try db.query("SELECT path, stage, code FROM etl.rejects ORDER BY path", as: (String, String, String).self)
            #expect(rejects.map(\.2) == ["empty", "undecodable", "no_body"])
            #expect(rejects.map(\.1) == ["extract", "extract", "transform"])
            #expect(summary.filesRejected == 3)
            // Rejected files are in the ledger, so the next run neither rereads nor re-rejects them.
            let second = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(second.status == .ok)
            #expect(try db.query("SELECT count(*)::int FROM etl.rejects", as: Int.self) == [3])
        }
    }

    @Test func theStagesAloneGiveWhatRunGives() throws {
        try withInput { input, db, name in
            let stage = try TempFolder()
            defer { stage.remove() }
            let etl = pipeline(input, batchSize: 1)
            let extracted = try etl.extract(stageFolder: stage.path, connection: db)
            #expect(extracted.filesSeen == 3)
            try etl.transform(stageFolder: stage.path)
            let summary = try etl.load(stageFolder: stage.path, connection: db)
            #expect(summary.articlesInserted == 3 && summary.filesNew == 3 && summary.status == .ok)
            // Every stage file starts with a versioned header and is one JSON object per line.
            let lines = try String(contentsOfFile: stage.path + "/transform.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.contains("\"stage\":\"transform\"") == true)
            #expect(lines.first?.contains("\"version\":2") == true)
            #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
            // `run` over the same input into another database gives the same articles.
            let viaStages = try db.query("SELECT article_key, title, body FROM news.articles ORDER BY 1", as: (String, String, String).self)
            try TestDatabase.withFreshDatabase { _, other in
                _ = try pipeline(input).run(connection: other, options: RunOptions(kind: .nightly))
                let viaRun = try other.query("SELECT article_key, title, body FROM news.articles ORDER BY 1", as: (String, String, String).self)
                #expect(viaRun.map(\.0) == viaStages.map(\.0))
                #expect(viaRun.map(\.2) == viaStages.map(\.2))
            }
            _ = name
        }
    }

    @Test func aBrokenStageLineFailsTheLoadAfterTheBatchesBeforeIt() throws {
        try withInput { input, db, _ in
            let stage = try TempFolder()
            defer { stage.remove() }
            let etl = pipeline(input, batchSize: 1)
            _ = try etl.extract(stageFolder: stage.path, connection: db)
            try etl.transform(stageFolder: stage.path)
            // Break the stage just before its third file line. One file per batch: the first file
            // loads; the second is not, since the broken line might have been one of its articles.
            let path = stage.path + "/transform.jsonl"
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            let fileLines = lines.indices.filter { lines[$0].contains("\"kind\":\"file\"") }
            #expect(fileLines.count == 3)
            lines.insert("{broken", at: fileLines[2])
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

            let error = #expect(throws: StageFileError.self) { _ = try etl.load(stageFolder: stage.path, connection: db) }
            #expect(error?.line == fileLines[2] + 1)
            #expect(try db.query("SELECT count(*)::int FROM news.articles", as: Int.self) == [1])
            #expect(try db.query("SELECT status FROM etl.runs", as: String.self) == ["failed"])
        }
    }

    @Test func aSecondRunIsRefusedWhileTheLockIsHeld() throws {
        try withInput { input, db, name in
            _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            let other = try TestDatabase.connect(database: name)
            try RunLedger(connection: other).acquireLock()
            let error = #expect(throws: RunLedger.LockHeld.self) {
                _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            }
            #expect(error != nil)
            try RunLedger(connection: other).releaseLock()
            #expect(try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly)).status == .ok)
        }
    }

    @Test func aRunLeftRunningByAKilledProcessIsMarkedAbandoned() throws {
        try withInput { input, db, _ in
            _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            try db.execute("INSERT INTO etl.runs (kind) VALUES ('nightly')")   // as a killed run leaves it
            _ = try pipeline(input).run(connection: db, options: RunOptions(kind: .nightly))
            let statuses = try db.query("SELECT status FROM etl.runs ORDER BY run_id", as: String.self)
            #expect(statuses == ["ok", "abandoned", "ok"])
        }
    }

    @Test func aFailingBatchCommitsNothingAndARerunFinishesTheJob() throws {
        try withInput { input, db, _ in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            // Make the second batch fail inside the database: a trigger refuses one title.
            try db.executeScript("""
                CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.title = '第二篇标题' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON news.articles FOR EACH ROW EXECUTE FUNCTION public.refuse();
                """)
            #expect(throws: PostgresError.self) {
                _ = try pipeline(input, batchSize: 1).run(connection: db, options: RunOptions(kind: .nightly))
            }
            // Batch 1 committed; batch 2 left no trace (no article, no ledger row, no paragraph).
            #expect(try db.query("SELECT title FROM news.articles", as: String.self) == ["First title"])
            #expect(try db.query("SELECT count(*)::int FROM etl.files", as: Int.self) == [1])
            #expect(try db.query("SELECT count(*)::int FROM news.paragraphs", as: Int.self) == [2])
            #expect(try db.query("SELECT status FROM etl.runs", as: String.self) == ["failed"])
            try db.execute("DROP TRIGGER refuse ON news.articles")
            let rerun = try pipeline(input, batchSize: 1).run(connection: db, options: RunOptions(kind: .nightly))
            #expect(rerun.status == .ok && rerun.articlesInserted == 2 && rerun.filesUnchanged == 1)
        }
    }

    @Test func anOlderCopyNeverOverwritesANewerOne() throws {
        try withInput([:]) { input, db, _ in
            try input.write("new/000_abcdefabcdefabcd.txt", "Title\n\nNewer text.\n")
            try input.write("old/000_abcdefabcdefabcd.txt", "Title\n\nOlder text.\n")
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)],
                                                  ofItemAtPath: input.path + "/old/000_abcdefabcdefabcd.txt")
            var settings = Settings()
            settings.inputs = [input.path + "/new"]
            _ = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
            settings.inputs = [input.path + "/old"]
            let backfill = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .backfill))
            #expect(backfill.articlesUpdated == 0)
            #expect(try db.query("SELECT body FROM news.articles", as: String.self) == ["Newer text."])
            // Both files point at the one article.
            #expect(try db.query("SELECT count(*)::int FROM etl.article_files", as: Int.self) == [2])
        }
    }
}
