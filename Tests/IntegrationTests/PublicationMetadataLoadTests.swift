import Foundation
import Postgres
import Records
import Testing
import TestSupport
import Warehouse
import Pipeline

/// The columns of issue 27 (published_date, published_precision, published_offset) and the sources
/// made from hosts, loaded; a rerun writes nothing.
@Suite("loading publication dates and sources made from hosts")
struct PublicationMetadataLoadTests {
    static func htmlPage(url: String, siteName: String, published: String?) -> String {
        page(head: """
            <link rel="canonical" href="\(url)">
            <meta property="og:site_name" content="\(siteName)">
            \(published.map { "<meta property=\"article:published_time\" content=\"\($0)\">" } ?? "")
            """)
    }

    @Test func datesAndSourcesAreLoadedAndARerunWritesNothing() throws {
        let input = try TempFolder()
        defer { input.remove() }
        // A date alone in the URL of a .com site; a stated offset; a zone-less time on a .cn site;
        // a site config/sources.json knows (bbc.co.uk).
        try input.write("a.html", Self.htmlPage(url: "https://nfl.si.com/2012/11/12/river-rises", siteName: "SI.com", published: nil))
        try input.write("b.html", Self.htmlPage(url: "https://nfl.si.com/2012/11/13/river-falls", siteName: "SI.com",
                                                published: "2012-11-13T23:30:00-05:00"))
        try input.write("c.html", Self.htmlPage(url: "https://news.example.cn/2024/05/09/1.html", siteName: "Example",
                                                published: "2024-05-09 10:21"))
        try input.write("d.html", Self.htmlPage(url: "https://www.bbc.co.uk/news/1", siteName: "BBC News",
                                                published: "2024-05-09"))
        try TestDatabase.withFreshDatabase { _, db in
            var settings = Settings()
            settings.inputs = [input.path]
            let first = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions())
            #expect(first.articlesInserted == 4)
            let rows = try db.query("""
                SELECT a.url, a.published_date::text, a.published_precision, a.published_offset::text,
                       to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), s.code
                FROM news.articles a LEFT JOIN news.sources s USING (source_id) ORDER BY a.url
                """, as: (String, String?, String?, String?, String?, String?).self)
            #expect(rows.count == 4)
            let byURL = Dictionary(uniqueKeysWithValues: rows.map { ($0.0, $0) })
            let si = byURL["https://nfl.si.com/2012/11/12/river-rises"]
            #expect(si?.1 == "2012-11-12" && si?.2 == "day" && si?.3 == nil && si?.4 == "2012-11-12 00:00" && si?.5 == "nfl.si.com")
            let stated = byURL["https://nfl.si.com/2012/11/13/river-falls"]
            #expect(stated?.1 == "2012-11-13" && stated?.2 == "second" && stated?.3 == "-05:00:00" && stated?.4 == "2012-11-14 04:30")
            let cn = byURL["https://news.example.cn/2024/05/09/1.html"]
            #expect(cn?.1 == "2024-05-09" && cn?.2 == "minute" && cn?.3 == nil && cn?.4 == "2024-05-09 02:21" && cn?.5 == "news.example.cn")
            let bbc = byURL["https://www.bbc.co.uk/news/1"]
            #expect(bbc?.1 == "2024-05-09" && bbc?.2 == "day" && bbc?.4 == "2024-05-08 23:00" && bbc?.5 == "bbc")
            // The sources made from hosts, once each; the configured one is not rewritten.
            let made = try db.query("""
                SELECT code, name, coalesce(homepage, '') FROM news.sources
                WHERE code IN ('nfl.si.com', 'news.example.cn', 'bbc', 'bbc.co.uk') ORDER BY code
                """, as: (String, String, String).self)
            #expect(made.map(\.0) == ["bbc", "news.example.cn", "nfl.si.com"])
            #expect(made.first { $0.0 == "nfl.si.com" }?.1 == "SI.com")
            #expect(made.first { $0.0 == "nfl.si.com" }?.2 == "https://nfl.si.com/")
            #expect(made.first { $0.0 == "bbc" }?.1 == "BBC")

            let versions = "SELECT 'a' || article_id || ':' || xmin::text FROM news.articles UNION ALL SELECT 's' || source_id || ':' || xmin::text FROM news.sources ORDER BY 1"
            let before = try db.query(versions, as: String.self)
            let second = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions())
            #expect(second.articlesInserted == 0 && second.articlesUpdated == 0)
            #expect(try db.query(versions, as: String.self) == before)
        }
    }

    func article(_ key: String, date: String, precision: String, offset: Int?, source: String, name: String) -> ArticleRecord {
        var record = ArticleRecord(root: "/in", path: key + ".html", recordNo: 1, articleKey: key, sourceCode: source,
                                   url: key, title: "T " + key, publishedAt: date + "T00:00:00+00:00", lang: "en",
                                   script: "Latn", body: "Body of " + key, searchText: "body",
                                   contentSHA256: String(repeating: "c", count: 63) + String(key.count % 10),
                                   defects: [], observedAtMicros: 1, transformVersion: 1)
        record.publishedDate = date
        record.publishedPrecision = precision
        record.publishedOffsetMinutes = offset
        record.sourceName = name
        record.sourceHomepage = "https://" + source + "/"
        return record
    }

    /// Straight through the loader: a batch loaded twice writes no row the second time (articles,
    /// sources); a changed publication day or offset is written.
    @Test func theLoaderWritesTheColumnsOnceAndAChangeAgain() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Migrator(folder: "sql", logger: TestLog.quiet).migrate(db)
            let runID = try RunLedger(connection: db).start(kind: .manual, arguments: [:], programVersion: "test")
            let loader = BatchLoader(connection: db, logger: TestLog.quiet)
            // Two articles of one new site with two names: one row, the name first in order.
            let batch = [article("https://b.example.com/1", date: "2012-11-12", precision: "day", offset: nil,
                                 source: "b.example.com", name: "B Site"),
                         article("https://b.example.com/2", date: "2012-11-13", precision: "minute", offset: 480,
                                 source: "b.example.com", name: "A Site")]
            let first = try loader.load(LoadBatch(articles: batch), runID: runID)
            #expect(first.articlesInserted == 2)
            #expect(try db.query("SELECT name FROM news.sources WHERE code = 'b.example.com'", as: String.self) == ["A Site"])
            #expect(try db.query("SELECT published_offset::text FROM news.articles WHERE published_offset IS NOT NULL",
                                 as: String.self) == ["08:00:00"])
            let versions = "SELECT xmin::text FROM news.articles UNION ALL SELECT xmin::text FROM news.sources"
            let before = try db.query(versions, as: String.self)
            let sequence = try db.query("SELECT last_value::text FROM news.sources_source_id_seq", as: String.self)
            let again = try loader.load(LoadBatch(articles: batch), runID: runID)
            #expect(again.articlesInserted == 0 && again.articlesUpdated == 0)
            #expect(try db.query(versions, as: String.self) == before)
            #expect(try db.query("SELECT last_value::text FROM news.sources_source_id_seq", as: String.self) == sequence)
            var changed = batch[1]
            changed.publishedOffsetMinutes = -300
            let update = try loader.load(LoadBatch(articles: [changed]), runID: runID)
            #expect(update.articlesUpdated == 1)
        }
    }
}
