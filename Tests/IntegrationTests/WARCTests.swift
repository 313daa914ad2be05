import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Warehouse

/// Crawl archives as input, through the warehouse: pages become articles with their lineage.
@Suite("WARC and ARC files, through the warehouse")
struct WARCTests {
    @Test func anArchiveWithNoPageIsReadWholeAndRejectsNothing() throws {
        let input = try TempFolder()
        defer { input.remove() }
        let records = try CrawlArchive.crawl()
        try input.write("2025-03-04/requests.warc", bytes: Data(records[0] + records[1] + records[4] + records[7]))
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            var settings = Settings()
            settings.inputs = [input.path]
            let run = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions())
            #expect(run.status == .ok && run.filesRejected == 0 && run.articlesInserted == 0, "\(run.line)")
            #expect(try db.query("SELECT status || ' ' || records || ' ' || records_skipped FROM etl.files", as: String.self)
                    == ["loaded 0 4"])
        }
    }

    @Test func aCrawlLoadsWithItsLineageAndTheNewerCrawlWins() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2025-03-04/crawl-1.warc.gz", bytes: Data(try CrawlArchive.crawl().map { try gzip($0) }.joined()))
        try TestDatabase.withFreshDatabase { (_: String, db: Connection) throws in
            var settings = Settings()
            settings.inputs = [input.path]
            let pipeline = Pipeline(settings: settings, logger: TestLog.quiet)
            let first = try pipeline.run(connection: db, options: RunOptions())
            #expect(first.status == .ok && first.articlesInserted == 5, "\(first.line)")
            let lineage = try db.query("""
                SELECT record_no, url, warc_record_id, byte_offset FROM etl.article_files ORDER BY record_no
                """, as: (Int, String?, String, Int64).self)
            #expect(lineage.map(\.0) == [3, 4, 10, 11, 12])
            #expect(lineage[0].1 == "https://news.example.org/zh/1")
            #expect(lineage[1].2 == "<urn:uuid:00000000-0000-0000-0000-000000000004>")
            #expect(try db.query("SELECT records_skipped FROM etl.files", as: Int.self) == [8])
            #expect(try pipeline.run(connection: db, options: RunOptions()).filesUnchanged == 1)

            // Crawls of one URL with other text: the newer WARC-Date wins, the older changes nothing.
            func crawl(_ name: String, day: String, date: String) throws {
                let text = CrawlArchive.page.replacingOccurrences(of: "on Tuesday", with: "on " + day)
                try input.write(name, bytes: Data(CrawlArchive.response(1, body: Array(text.utf8), uri: "https://news.example.org/story/4", date: date)))
            }
            func body() throws -> String {
                try db.query("SELECT body FROM news.articles WHERE url = 'https://news.example.org/story/4'", as: String.self).first ?? ""
            }
            try crawl("2025-03-09/crawl-2.warc", day: "Wednesday", date: "2025-03-09T00:00:00Z")
            _ = try pipeline.run(connection: db, options: RunOptions())
            #expect(try body().contains("on Wednesday"))
            try crawl("2025-02-01/crawl-0.warc", day: "Monday", date: "2025-02-01T00:00:00Z")
            _ = try pipeline.run(connection: db, options: RunOptions())
            #expect(try body().contains("on Wednesday"))
        }
    }
}
