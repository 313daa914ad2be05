import Foundation
import Pipeline
import Postgres
import Testing
import TestSupport
import Warehouse

/// Record files too large to read whole, loaded: a record over the limit is rejected alone, the
/// rest loads, and a run stopped in the middle is finished by the next.
@Suite("record files read as a stream, through the warehouse")
struct StreamedFeedTests {
    func feed(records: Int, hugeAt: Int? = nil) -> String {
        (1...records).map { n in
            if n == hugeAt { return "{\"url\": \"https://example.com/huge/23\", \"title\": \"Huge\", \"content\": \"" + String(repeating: "h", count: 5000) + "\"}" }
            if n == 7 { return "{\"url\": \"https://example.com/broken\", \"title\": " }
            return "{\"url\": \"https://example.com/a/\(n)\", \"title\": \"Story \(n) of the feed\", \"content\": \"First paragraph of story \(n), on the council's budget.\\nSecond paragraph, with its \(n * 3) figures.\"}"
        }.joined(separator: "\n") + "\n"
    }

    func pipeline(_ input: TempFolder, maxFileSize: Int64, batchSize: Int = 5) -> Pipeline {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        settings.maxFileSize = maxFileSize
        return Pipeline(settings: settings, logger: TestLog.quiet)
    }

    /// What the warehouse holds, as lines to compare.
    func digest(_ db: Connection) throws -> [String] {
        try db.query("""
            SELECT 'A|' || article_key || '|' || title || '|' || content_sha256 FROM news.articles
            UNION ALL SELECT 'L|' || path || '|' || record_no || '|' || a.article_key
                      FROM etl.article_files JOIN news.articles a USING (article_id)
            UNION ALL SELECT 'F|' || path || '|' || status || '|' || records || '|' || coalesce(sha256, '') FROM etl.files
            UNION ALL SELECT DISTINCT 'R|' || path || '|' || coalesce(record_no, 0) || '|' || code FROM etl.rejects
            ORDER BY 1
            """, as: String.self)
    }

    @Test func aFeedOverTheLimitLoadsAllButItsOversizeRecord() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-12-01/feed.jsonl", feed(records: 40, hugeAt: 23))
        let whole = try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws -> [String] in
            _ = try pipeline(input, maxFileSize: 1 << 20).run(connection: db, options: RunOptions())
            return try digest(db)
        }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            // 4,096 bytes: the file (about 6 KB) and its huge record are over the limit.
            let streamed = try pipeline(input, maxFileSize: 4096).run(connection: db, options: RunOptions())
            #expect(streamed.status == .partial)
            #expect(streamed.filesSeen == 1 && streamed.filesNew == 1)
            #expect(streamed.articlesInserted == 38)
            #expect(streamed.filesRejected == 0 && streamed.recordsRejected == 2)
            let rejects = try db.query("SELECT record_no, code FROM etl.rejects ORDER BY record_no", as: (Int, String).self)
            #expect(rejects.map(\.0) == [7, 23] && rejects.map(\.1) == ["invalid_json", "too_large"])
            let file = try db.query("SELECT status, records FROM etl.files", as: (String, Int).self)
            #expect(file.map(\.0) == ["partial"] && file.map(\.1) == [38])
            // The same warehouse as reading it whole, but for the huge record.
            let expected = whole.filter { !$0.contains("example.com/huge") && !$0.hasPrefix("F|") && !$0.hasPrefix("L|2026-12-01/feed.jsonl|23|") }
            #expect(try digest(db).filter { !$0.hasPrefix("F|") && !$0.hasPrefix("R|") } == expected.filter { !$0.hasPrefix("R|") })

            let rerun = try pipeline(input, maxFileSize: 4096).run(connection: db, options: RunOptions())
            #expect(rerun.status == .ok && rerun.filesUnchanged == 1 && rerun.articlesInserted + rerun.articlesUpdated == 0)
            // Touched (same content, new mtime): hashed, not read again.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                                  ofItemAtPath: input.path + "/2026-12-01/feed.jsonl")
            let touched = try pipeline(input, maxFileSize: 4096).run(connection: db, options: RunOptions())
            #expect(touched.status == .ok && touched.filesUnchanged == 1 && touched.articlesUnchanged == 0, "\(touched.line)")
        }
    }

    @Test func aLoadStoppedInsideAFeedIsFinishedByTheNextRun() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-12-01/feed.jsonl", feed(records: 40))
        let expected = try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws -> [String] in
            _ = try pipeline(input, maxFileSize: 4096).run(connection: db, options: RunOptions())
            return try digest(db)
        }
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            // The stages alone, with the load cut after the third part, as a kill would leave it.
            let stage = try TempFolder()
            defer { stage.remove() }
            let etl = pipeline(input, maxFileSize: 4096)
            try etl.extract(stageFolder: stage.path, connection: db)
            try etl.transform(stageFolder: stage.path)
            let path = stage.path + "/transform.jsonl"
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let fileLines = lines.indices.filter { lines[$0].contains("\"kind\":\"file\"") }
            // Eight parts of five records or rejects, and the last, empty, with the file's hash.
            #expect(fileLines.count == 9)
            try (lines[..<fileLines[3]].joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let cut = try etl.load(stageFolder: stage.path, connection: db)
            // Records 1 to 15, of which 7 is broken.
            #expect(cut.articlesInserted == 14 && cut.filesSeen == 0)
            #expect(try db.query("SELECT status, records FROM etl.files", as: (String, Int).self).map { "\($0.0) \($0.1)" } == ["loading 14"])
            #expect(try Pipeline(settings: etl.settings, logger: TestLog.quiet).pending(connection: db).new == 1)

            let rerun = try etl.run(connection: db, options: RunOptions())
            #expect(rerun.status == .partial && rerun.filesNew == 1 && rerun.articlesInserted == 25)
            #expect(try digest(db) == expected)
        }
    }
}
