import Foundation
import Pipeline
import Postgres
import Testing
import TestSupport

/// The views analysts and BI tools read (sql/017), as the read-only role reads them.
@Suite("the analyst layer: overview, defects, days, files by path")
struct AnalystLayerTests {
    func page(url: String, title: String, published: String, site: String, paragraphs: [String]) -> String {
        """
        <!DOCTYPE html><html lang="en"><head><title>\(title)</title><link rel="canonical" href="\(url)">
        <meta property="og:site_name" content="\(site)"><meta property="article:published_time" content="\(published)"></head>
        <body><article><h1>\(title)</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article></body></html>
        """
    }

    @Test func theViewsAnswerInPlainColumns() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("a.html", page(url: "https://www.nfl.example.com/2012/11/12/giants-win", title: "Giants win in the rain",
                                       published: "2012-11-12", site: "NFL Example", paragraphs: [
            "The Giants beat the visitors by ten points on a wet Sunday night at home.",
            "Their quarterback threw three touchdowns and ran for another in the last quarter.",
            "The coach said the team had practised in the rain all week for this game.",
            "They play their next game away, against the league leaders, in two weeks.",
        ]))
        try input.write("b.html", page(url: "https://news.example.org/2012/11/13/library", title: "Library reopens",
                                       published: "2012-11-13T09:30:00+08:00", site: "Example News", paragraphs: [
            "The old library reopened on Tuesday after two years of work on its roof and halls.",
            "Readers queued from early morning; the children's room was full by nine o'clock.",
            "The council paid for most of the work with money from the regional culture fund.",
            "Opening hours are longer than before: the reading room now stays open until ten.&nbsp;&lt;br&gt;",
        ]))
        try TestDatabase.withFreshDatabase { _, db in
            var settings = Settings()
            settings.inputs = [input.path]
            _ = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
            try db.execute("SET ROLE news_reader")
            let overview = try db.query("""
                SELECT host, source_code, published_date::text, published_precision, is_original, defect_count
                FROM news.article_overview ORDER BY published_date
                """, as: (String?, String?, String?, String?, Bool, Int).self)
            #expect(overview.map(\.0) == ["nfl.example.com", "news.example.org"])
            #expect(overview.allSatisfy { $0.1 != nil && $0.4 })
            #expect(overview.map(\.2) == ["2012-11-12", "2012-11-13"])
            #expect(overview.map(\.3) == ["day", "second"])
            // One row per defect, as many as the arrays hold.
            let defects = try db.query("SELECT count(*)::int FROM news.article_defects", as: Int.self)
            #expect(defects == [overview.reduce(0) { $0 + $1.5 }])
            #expect(try db.query("SELECT sum(articles)::int FROM news.daily_articles", as: Int.self) == [2])
            // No search or fingerprint column in the overview.
            let columns = try db.query("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = 'news' AND table_name = 'article_overview'
                """, as: String.self)
            #expect(!columns.contains { ["search_text", "search_vector", "fingerprint", "body"].contains($0) })
            try db.execute("RESET ROLE")
            // A file is found by its path through an index.
            try db.execute("SET enable_seqscan = off")
            let plan = try db.query("EXPLAIN SELECT file_id FROM etl.files WHERE path = 'a.html'", as: String.self)
            #expect(plan.joined().contains("files_path_idx"))
        }
    }
}
