import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import Transform
import Warehouse

/// A page of article text under `head`, long enough to be taken for an article.
private func page(head: String, paragraph: String = "The river rose through the night") -> String {
    let paragraphs = (1...4).map { "<p>\(paragraph), paragraph \($0), and the people of the town moved what they could to higher ground before the water reached the square.</p>" }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head>\(head)</head>\n<body><article><h1>River rises</h1>\(paragraphs.joined())</article></body></html>\n"
}

@Suite("the canonical URL read from a page's first bytes")
struct CanonicalHintTests {
    func hint(_ html: String) -> String? { CanonicalHint.key(in: Array(html.utf8)) }

    @Test func theFirstCanonicalLinkOfAPlainHead() {
        #expect(hint(page(head: #"<meta charset="utf-8"><title>River rises</title><link rel="canonical" href="https://news.example.com/river.html">"#))
                == "https://news.example.com/river.html")
        #expect(hint(page(head: #"<META NAME=x CONTENT='a > b'><LINK REL="Canonical" HREF=https://news.example.com/r?id=7>"#))
                == "https://news.example.com/r?id=7")
        #expect(hint(page(head: #"<link rel="stylesheet" href="/s.css"><link rel=canonical href="http://a.example/1"><link rel=canonical href="http://a.example/2">"#))
                == "http://a.example/1")
    }

    @Test func withoutACanonicalLinkTheFirstOGURLServes() {
        let og = #"<meta property="og:title" content="River"><meta property="og:url" content="https://news.example.com/og.html">"#
        #expect(hint(page(head: og)) == "https://news.example.com/og.html")
        #expect(hint(page(head: #"<meta name="OG:URL" content="http://a.example/n"><meta property="og:url" content="http://a.example/p">"#))
                == "http://a.example/n")
        // An empty content does not count; the next one does.
        #expect(hint(page(head: #"<meta property="og:url" content=""><meta property="og:url" content="http://a.example/2">"#))
                == "http://a.example/2")
        // Not when the page names a canonical link anywhere, nor when the first og:url holds an entity.
        #expect(hint(page(head: og).replacingOccurrences(of: "</article>", with: #"<link rel="canonical" href="https://c.example/">"#)) == nil)
        #expect(hint(page(head: #"<meta property="og:url" content="https://a.example/?a=1&amp;b=2"><meta property="og:url" content="https://a.example/">"#)) == nil)
        #expect(hint(page(head: #"<meta property="og:url" content="/relative.html">"#)) == nil)
    }

    @Test func scriptsStylesAndCommentsArePassedOverAsTheParserDoes() {
        let head = #"<script>var s = '<link rel="canonical" href="https://fake.example/">';</script><style>a{}</style>"#
            + #"<!-- <link rel="canonical" href="https://old.example/"> --><link rel="canonical" href="https://real.example/a">"#
        #expect(hint(page(head: head)) == "https://real.example/a")
    }

    @Test func whatItIsNotSureOfGivesNoKey() {
        let cases = [
            #"<noscript><link rel="canonical" href="https://a.example/x"></noscript>"#,           // the tree skips noscript
            #"<div></div><link rel="canonical" href="https://a.example/x">"#,                      // another element first
            #"<link rel="canonical" href="https://a.example/x?a=1&amp;b=2">"#,                   // an entity the parser decodes
            #"<link rel="canonical" href="/x.html">"#,                                              // relative
            #"<link rel="canonical">"#,                                                             // no href: og:url would serve
            #"<link rel="canonical" href="https://a.example/a b">"#,                               // a blank
            #"<title>a <b> c</title><link rel="canonical" href="https://a.example/x">"#,          // markup in the title
            #"<link rel="canonical" href="https://a.example/x"#,                                   // unclosed quote
            #"<link rel="canonical" -x href="https://a.example/x">"#,                             // an odd attribute name
            #"<!-- open <link rel="canonical" href="https://a.example/x">"#,                      // unclosed comment
        ]
        for head in cases { #expect(hint(page(head: head)) == nil, "\(head)") }
        #expect(hint(page(head: "")) == nil)
        let utf16 = Array(page(head: #"<link rel="canonical" href="https://a.example/x">"#).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(CanonicalHint.key(in: utf16) == nil)
    }

    /// Corpus check over the real pages in ../shared/samples (when present): wherever the hint
    /// gives a key and the page is an article, the page's canonical URL (its article key) is that key.
    @Test(.enabled(if: SamplePages.present))
    func theHintAgreesWithTheParsedPageOnEverySamplePage() throws {
        var hinted = 0
        for page in try SamplePages.all() {
            guard let key = CanonicalHint.key(in: Array(page.text.utf8.prefix(CanonicalHint.prefixLength))) else { continue }
            hinted += 1
            guard let extracted = HTMLText.extract(page.text), extracted.isArticle else { continue }
            #expect(extracted.canonicalURL == key, "\(page.path)")
        }
        #expect(hinted > 0)
    }

    /// Where it gives a key, the transform gives the page's article the same one.
    @Test func theKeyIsTheArticleKeyTheTransformGives() throws {
        let heads = [
            #"<title>River rises</title><link rel="canonical" href="https://news.example.com/river.html">"#,
            #"<base href="https://other.example/"><meta property="og:url" content="https://og.example/x"><link rel=canonical href=https://news.example.com/b>"#,
            #"<script>document.write('<div>')</script><link rel="CANONICAL" href="HTTPS://News.Example.com/C">"#,
            #"<meta property="og:url" content="https://news.example.com/og.html"><title>River rises</title>"#,
        ]
        for head in heads {
            let html = page(head: head)
            let key = try #require(hint(html))
            let record = ExtractedRecord(root: "/in", path: "2026-11-28/a.html", recordNo: 1, format: .html, text: html)
            guard case .article(let article) = ArticleTransformer().transform(record) else {
                Issue.record("not an article: \(head)")
                continue
            }
            #expect(article.articleKey == key)
        }
    }
}

@Suite("older copies of an article in a run")
struct OlderCopiesRunTests {
    let canonical = #"<link rel="canonical" href="https://news.example.com/river.html">"#

    func run(_ input: TempFolder, _ db: Connection, batchSize: Int = 200) throws -> RunSummary {
        var settings = Settings()
        settings.inputs = [input.path]
        settings.batchSize = batchSize
        return try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
    }

    func setMTime(_ input: TempFolder, _ path: String, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)],
                                              ofItemAtPath: input.path + "/" + path)
    }

    func files(_ db: Connection) throws -> [String: String] {
        let rows = try db.query("SELECT path, status || ' ' || records FROM etl.files", as: (String, String).self)
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// The day-by-day copies of one page: the newest is transformed and inserted, the older ones are
    /// recorded (ledger, lineage) without an upsert of their own, and a rerun writes nothing.
    @Test func olderCopiesInTheRunAreRecordedUntransformed() throws {
        let input = try TempFolder()
        defer { input.remove() }
        for (day, offset) in [("2026-11-26", 0.0), ("2026-11-27", 86_400), ("2026-11-28", 172_800)] {
            try input.write("\(day)/000_river.html", page(head: canonical, paragraph: "Copy of \(day): the river rose"))
            try setMTime(input, "\(day)/000_river.html", 1_790_000_000 + offset)
        }
        try TestDatabase.withFreshDatabase { _, db in
            let summary = try run(input, db)
            // Transformed in day order, the older copies would have been inserted, then updated twice.
            #expect(summary.articlesInserted == 1 && summary.articlesUpdated == 0 && summary.articlesUnchanged == 0)
            #expect(summary.recordsSuperseded == 2)
            #expect(summary.line.contains(" records_superseded=2 "))
            #expect(try files(db) == ["2026-11-26/000_river.html": "loaded 1", "2026-11-27/000_river.html": "loaded 1",
                                      "2026-11-28/000_river.html": "loaded 1"])
            let bodies = try db.query("SELECT body FROM news.articles", as: String.self)
            #expect(bodies.count == 1 && bodies[0].contains("Copy of 2026-11-28"))
            let lineage = try db.query("""
                SELECT count(DISTINCT fa.article_id)::int, count(*)::int FROM etl.file_articles fa
                """, as: (Int, Int).self)
            #expect(lineage[0] == (1, 3))

            let again = try run(input, db)
            #expect(again.articlesInserted + again.articlesUpdated == 0 && again.filesNew == 0 && again.recordsSuperseded == 0)
        }
    }

    /// JSON Lines records are keyed by their URL field and observed at their crawl time: the
    /// older copies of a feed's items are recorded without an upsert; an item only the older file
    /// has, or whose newer copy is older, is transformed; the older file's bad line is rejected.
    @Test(arguments: ["jsonl", "ndjson"])
    func olderFeedItemsAreRecordedUntransformed(_ ext: String) throws {
        let input = try TempFolder()
        defer { input.remove() }
        func item(_ n: Int, _ crawled: String, _ text: String) -> String {
            #"{"url": "https://news.example.com/\#(n).html", "title": "标题\#(n)", "content": "\#(text)", "crawl_time": "\#(crawled)"}"#
        }
        try input.write("2026-11-27/feed.\(ext)", [item(1, "2026-11-27 08:00:00", "第一条消息的旧版本。"),
                                                  item(2, "2026-11-27 08:00:00", "只在旧文件里的消息。"),
                                                  item(3, "2026-11-27 09:00:00", "第三条消息，旧文件里的反而较新。"),
                                                  "{bad"].joined(separator: "\n") + "\n")
        try input.write("2026-11-28/feed.\(ext)", [item(1, "2026-11-28 08:00:00", "第一条消息的新版本。"),
                                                  item(3, "2026-11-27 07:00:00", "第三条消息，抓得更早。")].joined(separator: "\n") + "\n")
        try TestDatabase.withFreshDatabase { _, db in
            // A file a batch: both files hold older copies and come last, the newer file first.
            let summary = try run(input, db, batchSize: 1)
            // Item 1's old copy is not upserted; items 2 and 3 of the older file are (3 over the "newer" file's copy).
            #expect(summary.articlesInserted == 3)
            #expect(summary.articlesUpdated == 1)
            #expect(summary.articlesUnchanged == 0)
            #expect(summary.recordsSuperseded == 1)
            #expect(try files(db) == ["2026-11-27/feed.\(ext)": "partial 3", "2026-11-28/feed.\(ext)": "loaded 2"])
            let bodies = try db.query("SELECT body FROM news.articles ORDER BY article_key", as: String.self)
            #expect(bodies == ["第一条消息的新版本。", "只在旧文件里的消息。", "第三条消息，旧文件里的反而较新。"])
            #expect(try db.query("SELECT count(*)::int FROM etl.file_articles", as: Int.self).first == 5)
            #expect(try db.query("SELECT code FROM etl.rejects", as: String.self) == ["invalid_json"])
        }
    }

    /// An older copy is transformed after all when its newer copy yields no article.
    @Test func anOlderCopyLoadsWhenTheNewerIsRejected() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-11-27/000_river.html", page(head: canonical))
        try input.write("2026-11-28/000_river.html", "<html><head>\(canonical)</head><body></body></html>")
        try setMTime(input, "2026-11-27/000_river.html", 1_790_000_000)
        try setMTime(input, "2026-11-28/000_river.html", 1_790_086_400)
        try TestDatabase.withFreshDatabase { _, db in
            let summary = try run(input, db)
            #expect(summary.articlesInserted == 1)
            #expect(try files(db) == ["2026-11-27/000_river.html": "loaded 1", "2026-11-28/000_river.html": "rejected 0"])
        }
    }

    /// An older copy that arrives after its newer copy was stored is not transformed either; a newer
    /// one that arrives later is loaded over the stored article.
    @Test func aCopyOlderThanTheStoredArticleIsSupersededAndANewerOneLoads() throws {
        let input = try TempFolder()
        defer { input.remove() }
        try input.write("2026-11-27/000_river.html", page(head: canonical, paragraph: "Second copy"))
        try setMTime(input, "2026-11-27/000_river.html", 1_790_086_400)
        try TestDatabase.withFreshDatabase { _, db in
            _ = try run(input, db)
            try input.write("2026-11-26/000_river.html", page(head: canonical, paragraph: "First copy"))
            try setMTime(input, "2026-11-26/000_river.html", 1_790_000_000)
            let late = try run(input, db)
            // Transformed, it would count as one unchanged article.
            #expect(late.articlesInserted + late.articlesUpdated + late.articlesUnchanged == 0 && late.filesNew == 1)
            #expect(late.recordsSuperseded == 1)
            #expect(try files(db)["2026-11-26/000_river.html"] == "loaded 1")

            try input.write("2026-11-28/000_river.html", page(head: canonical, paragraph: "Third copy"))
            try setMTime(input, "2026-11-28/000_river.html", 1_790_172_800)
            let newer = try run(input, db)
            #expect(newer.articlesUpdated == 1)
            #expect(try db.query("SELECT body FROM news.articles", as: String.self).first?.contains("Third copy") == true)
            #expect(try db.query("SELECT count(*)::int FROM etl.file_articles", as: Int.self).first == 3)
        }
    }
}
