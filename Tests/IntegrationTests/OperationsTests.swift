import Extract
import Foundation
import Pipeline
import Postgres
import Testing
import TestSupport
import Warehouse
import Transform

@Suite("operations: backfill, dry runs, shards, interruption, reprocessing")
struct OperationsTests {
    func settings(_ input: TempFolder, batchSize: Int = 200) -> Settings {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return settings
    }

    func makeInput(days: [String: Int]) throws -> TempFolder {
        let input = try TempFolder()
        var n = 0
        for (day, count) in days.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<count {
                try input.write(String(format: "%@/%03d_%016x.txt", day, n, n + 1), "Title \(n)\nBody of article \(n) on \(day).\n")
                n += 1
            }
        }
        return input
    }

    func count(_ db: Connection, _ sql: String) throws -> Int {
        try db.query(sql, as: Int.self).first ?? -1
    }

    @Test func aDryRunWritesNothing() throws {
        let input = try makeInput(days: ["2026-11-27": 3, "2026-11-28": 2])
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let pipeline = Pipeline(settings: settings(input, batchSize: 2), logger: TestLog.quiet)
            let dry = try pipeline.run(connection: db, options: RunOptions(kind: .backfill, dryRun: true))
            #expect(dry.articlesInserted == 5 && dry.dryRun)
            for table in ["news.articles", "news.paragraphs", "etl.files", "etl.runs", "etl.file_articles"] {
                #expect(try count(db, "SELECT count(*)::int FROM \(table)") == 0, "\(table)")
            }
            let real = try pipeline.run(connection: db, options: RunOptions(kind: .backfill))
            #expect(real.articlesInserted == 5)
        }
    }

    @Test func aBackfillTakesItsDaysAndAFolder() throws {
        let input = try makeInput(days: ["2026-11-26": 1, "2026-11-27": 2, "2026-11-28": 3])
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let pipeline = Pipeline(settings: settings(input), logger: TestLog.quiet)
            let range = FileSelection(fromDay: "2026-11-27", toDay: "2026-11-27")
            #expect(try pipeline.run(connection: db, options: RunOptions(kind: .backfill, selection: range)).articlesInserted == 2)
            let folder = FileSelection(subpath: "2026-11-28")
            #expect(try pipeline.run(connection: db, options: RunOptions(kind: .backfill, selection: folder)).articlesInserted == 3)
            #expect(try count(db, "SELECT count(*)::int FROM news.articles") == 5)
            #expect(try db.query("SELECT kind FROM etl.runs ORDER BY run_id", as: String.self) == ["backfill", "backfill"])
        }
    }

    @Test func aBackfillByDateKeepsFilesOutsideDayFoldersByTheirPublishedDate() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("feed.jsonl", [
            #"{"url": "https://example.com/1", "title": "In range", "content": "Body one.", "time": "2026-11-27 09:00:00"}"#,
            #"{"url": "https://example.com/2", "title": "Also in", "content": "Body two.", "time": "2026-11-27 10:00:00"}"#,
        ].joined(separator: "\n"))
        try input.write("old.jsonl", #"{"url": "https://example.com/3", "title": "Too old", "content": "Body.", "time": "2025-01-01 09:00:00"}"# + "\n")
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let pipeline = Pipeline(settings: settings(input), logger: TestLog.quiet)
            let range = FileSelection(fromDay: "2026-11-27", toDay: "2026-11-28")
            _ = try pipeline.run(connection: db, options: RunOptions(kind: .backfill, selection: range))
            #expect(try db.query("SELECT title FROM news.articles ORDER BY title", as: String.self) == ["Also in", "In range"])
            // The file out of range was not recorded, so a later run still loads it.
            _ = try pipeline.run(connection: db, options: RunOptions(kind: .nightly))
            #expect(try count(db, "SELECT count(*)::int FROM news.articles") == 3)
        }
    }

    @Test func shardsSplitTheInputWithoutOverlap() throws {
        let input = try makeInput(days: ["2026-11-28": 40])
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (name: String, db: Connection) throws in
            let pipeline = Pipeline(settings: settings(input, batchSize: 5), logger: TestLog.quiet)
            var total = 0
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let other = try TestDatabase.connect(database: name)
            // Shard 1 holds its lock while shard 2 runs: shards run side by side.
            try RunLedger(connection: other).acquireLock(shard: "1/2")
            #expect(throws: RunLedger.LockHeld.self) {
                _ = try pipeline.run(connection: db, options: RunOptions(selection: FileSelection(shard: .init("1/2"))))
            }
            #expect(throws: RunLedger.LockHeld.self) { _ = try pipeline.run(connection: db, options: RunOptions()) }
            total += try pipeline.run(connection: db, options: RunOptions(selection: FileSelection(shard: .init("2/2")))).articlesInserted
            try RunLedger(connection: other).releaseLock(shard: "1/2")
            total += try pipeline.run(connection: db, options: RunOptions(selection: FileSelection(shard: .init("1/2")))).articlesInserted
            #expect(total == 40)
            #expect(try count(db, "SELECT count(*)::int FROM news.articles") == 40)
            let shards: [String] = try db.query("SELECT shard FROM etl.runs WHERE status = 'ok' ORDER BY run_id", as: String.self)
            #expect(shards == ["2/2", "1/2"])
        }
    }

    @Test func anInterruptedRunStopsBetweenBatchesAndARerunFinishes() throws {
        let input = try makeInput(days: ["2026-11-28": 30])
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let pipeline = Pipeline(settings: settings(input, batchSize: 3), logger: TestLog.quiet)
            let cancellation = Cancellation()
            cancellation.cancel(signal: SIGTERM)   // as if SIGTERM arrived before the first batch was produced
            let stopped = try pipeline.run(connection: db, options: RunOptions(), cancellation: cancellation)
            #expect(stopped.status == .interrupted)
            #expect(stopped.articlesInserted < 30)
            let rerun = try pipeline.run(connection: db, options: RunOptions())
            #expect(rerun.status == .ok)
            #expect(try count(db, "SELECT count(*)::int FROM news.articles") == 30)
            let errors: [String] = try db.query("SELECT coalesce(error, '') FROM etl.runs ORDER BY run_id LIMIT 1", as: String.self)
            #expect(errors.first?.contains("signal") == true)
        }
    }

    @Test func reprocessOutdatedReadsOnlyFilesFromAnOlderTransform() throws {
        let input = try makeInput(days: ["2026-11-28": 4])
        defer { input.remove() }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            let pipeline = Pipeline(settings: settings(input), logger: TestLog.quiet)
            _ = try pipeline.run(connection: db, options: RunOptions())
            try db.execute("UPDATE etl.files SET transform_version = transform_version - 1 WHERE path LIKE '%000_%'")
            try db.execute("UPDATE news.articles SET title = 'stale' WHERE article_key = 'doc:0000000000000001'")
            let nightly = try pipeline.run(connection: db, options: RunOptions())
            #expect(nightly.filesUnchanged == 4 && nightly.articlesUpdated == 0)
            let reprocess = try pipeline.run(connection: db, options: RunOptions(kind: .backfill, reprocess: .outdated))
            #expect(reprocess.articlesUpdated == 1)
            #expect(try db.query("SELECT title FROM news.articles WHERE article_key = 'doc:0000000000000001'", as: String.self) == ["Title 0"])
            #expect(try count(db, "SELECT count(*)::int FROM etl.files WHERE transform_version < \(Transform.ArticleTransformer.version)") == 0)
            let again = try pipeline.run(connection: db, options: RunOptions(kind: .backfill, reprocess: .outdated))
            #expect(again.articlesUpdated == 0 && again.filesUnchanged == 4)
        }
    }
}
