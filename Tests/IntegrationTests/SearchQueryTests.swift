import Foundation
import Pipeline
import Postgres
import Records
import Testing
import TestSupport
import TextTools
@testable import Transform
import Warehouse

/// Search in either script (issue 27): a query goes through the conversion the index went through,
/// quoted words are a phrase, dotted abbreviations one word, title words weigh more, ranks are
/// divided by length, and news.search is inlined into the caller's query.
@Suite("search queries")
struct SearchQueryTests {
    func run(_ input: TempFolder, _ db: Connection) throws {
        var settings = Settings()
        settings.inputs = [input.path]
        _ = try Pipeline(settings: settings, logger: TestLog.quiet).run(connection: db, options: RunOptions(kind: .nightly))
    }

    /// A fresh database after one run over `articles` (title, body); `body` gets the article_id
    /// of each, in order.
    func withArticles(_ articles: [(title: String, body: String)], _ body: ([Int64], Connection) throws -> Void) throws {
        let input = try TempFolder()
        defer { input.remove() }
        for (index, article) in articles.enumerated() {
            try input.write(String(format: "%03d_%016x.txt", index, index + 1), article.title + "\n" + article.body + "\n")
        }
        try TestDatabase.withFreshDatabase { _, db in
            try run(input, db)
            var ids: [Int64] = []
            for index in articles.indices {
                let id = try db.query("SELECT article_id FROM news.articles WHERE article_key = $1",
                                      [String(format: "doc:%016x", index + 1)], as: Int64.self)
                ids.append(try #require(id.first))
            }
            try body(ids, db)
        }
    }

    func found(_ query: String, _ db: Connection) throws -> [Int64] {
        try db.query("SELECT article_id FROM news.search($1)", [query], as: Int64.self)
    }

    @Test func queriesFindTheSameArticlesInEitherScript() throws {
        let set = try LabelledQueries.load()
        try withArticles(set.articles.map { ($0.title, $0.body) }) { ids, db in
            var keyOf: [Int64: String] = [:]
            for (id, article) in zip(ids, set.articles) { keyOf[id] = article.key }
            // The labelled queries.
            var score = Score()
            for query in set.queries {
                let found = Set(try found(query.query, db).compactMap { keyOf[$0] })
                let expected = Set(query.expect)
                score.truePositives += found.intersection(expected).count
                score.falsePositives += found.subtracting(expected).count
                score.falseNegatives += expected.subtracting(found).count
                #expect(found == expected, "query \(query.query)")
            }
            print("search on Labelled/queries.json (\(set.queries.count) queries): \(score)")
            // Every word and its Traditional forms by OpenCC: the same articles. Taiwan's words
            // (s2twp: 软件 → 軟體) are kept in the index as written; the query looks for both.
            var pairs = 0, same = 0, otherWords: [String] = []
            for configuration in [ChineseConverter.Configuration.simplifiedToTraditional, .simplifiedToTaiwan,
                                  .simplifiedToTaiwanPhrases, .simplifiedToHongKong] {
                let converter = try ChineseConverter(configuration)
                for word in set.words {
                    let traditional = converter.convert(word)
                    let form = try db.query("SELECT news.search_form($1)", [traditional], as: String.self).first
                    let regional = configuration == .simplifiedToTaiwanPhrases && form != word
                    if regional { otherWords.append("\(word)→\(traditional)") }
                    pairs += 1
                    #expect(form == word || regional, "\(configuration.rawValue): \(word) → \(traditional) → \(form ?? "nil")")
                    let simplified = Set(try found(word, db)), converted = Set(try found(traditional, db))
                    if simplified == converted { same += 1 }
                    #expect(simplified == converted, "\(configuration.rawValue): \(word) → \(traditional)")
                }
            }
            print("search in both scripts: \(same) of \(pairs) query pairs find the same articles; Taiwan's words among them: \(otherWords.joined(separator: " "))")
            #expect(pairs >= 400)
        }
    }

    /// The conversion is OpenCC's own, longest match first, from what the loader stored.
    @Test func queriesAreConvertedAsTheIndexIs() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Pipeline.migrate(db, sqlFolder: "sql", logger: TestLog.quiet)
            let entries = try db.query("SELECT entries, variants FROM news.search_forms_version", as: (Int, Int).self)
            #expect((entries.first?.0 ?? 0) > 3_000)
            // The data files' stamp is kept, so the next run reads no dictionary.
            #expect(try SearchForms.storedStamp(db) == SearchText.simplifiedEntriesStamp())
            #expect(SearchText.simplifiedEntriesStamp()?.contains("TSPhrases.ocd2:") == true)
            #expect((entries.first?.1 ?? 0) > 100)
            #expect(try db.query("SELECT news.search_variant('人工智能'), news.search_variant('人工智慧')", as: (String, String).self)
                    .map { [$0.0, $0.1] } == [["人工智慧", "人工智能"]])
            for text in ["頭髮", "乾隆皇帝", "乾燥", "中國人", "這裡", "裏面", "佢哋喺度", "台灣的軟體", "ＵＳＡ 工程師", "發展與發佈"] {
                let ours = try db.query("SELECT news.search_form($1)", [text], as: String.self).first
                #expect(ours == SearchText.form(text), "\(text)")
            }
            // A second fill with the same dictionaries writes nothing; another version refills.
            let (configurations, all, variants) = try #require(SearchText.simplifiedEntries())
            let version = SearchForms.version(configurations: configurations, entries: all + variants)
            #expect(try SearchForms.refill(db, version: version, entries: all, variants: variants, logger: TestLog.quiet) == false)
            #expect(try SearchForms.refill(db, version: "older", entries: [("國", "国")], logger: TestLog.quiet))
            #expect(try db.query("SELECT news.search_form('中國頭髮')", as: String.self) == ["中国頭髮"])
            try Pipeline.fillSearchForms(db, logger: TestLog.quiet)
            #expect(try db.query("SELECT news.search_form('中國頭髮')", as: String.self) == ["中国头发"])
        }
    }

    /// The transform's lexemes and the query's agree on abbreviations, phrases and words.
    @Test func abbreviationsAndPhrasesAreOneWordOnBothSides() throws {
        try TestDatabase.withFreshDatabase { _, db in
            try Pipeline.migrate(db, sqlFolder: "sql", logger: TestLog.quiet)
            let text = "The U.S. and U.K, e.g.: a.m. U.S.A node.js x.y2 i.e政府 u.sa 3e8f2a u.s.2"
            let vector = SearchTokens.tsvector(SearchText.form(text)).text
            #expect(vector.contains("u.s:2,18 ") && vector.contains("u.k:4 ") && vector.contains("e.g:5 ") && vector.contains("i.e:12 "))
            let query = try db.query("SELECT news.search_query($1)::text", [text], as: String.self).first
            #expect(query == "'the' & 'u.s' & 'and' & 'u.k' & 'e.g' & 'a.m' & 'u.s.a' & 'node' & 'js' & 'x' & 'y2' & 'i.e' & '政府' & 'u' & 'sa' & '3e8' <-> 'f2a' & 'u.s' & '2'")
            #expect(try db.query("SELECT $1::tsvector @@ news.search_query($2)", [vector, text], as: Bool.self) == [true])
            #expect(try db.query("SELECT news.search_query($1)::text", [#""Artificial Intelligence" “中國 AI”"#], as: String.self)
                    == ["'artificial' <-> 'intelligence' & '中国' <-> 'ai'"])
        }
    }

    /// Title words weigh more than body words, and a long page does not win by its length.
    @Test func titlesWeighMoreAndLongPagesDoNotWinByLength() throws {
        let filler = String(repeating: "今天天气很好，我们去公园散步。", count: 12)
        let long = (0..<5).map { _ in filler + "钢铁产量" }.joined() + String(repeating: filler, count: 20)
        try withArticles([("新闻一", filler + "锂矿开采" + filler), ("锂矿开采", filler + "今天" + filler),
                          ("长文", long), ("短讯", "钢铁产量上升，钢铁价格下跌。")]) { ids, db in
            #expect(try found("锂矿", db) == [ids[1], ids[0]])
            #expect(try found("钢铁", db) == [ids[3], ids[2]])
            let stored = try db.query("SELECT search_vector::text FROM news.articles WHERE article_id = $1", [ids[1]], as: String.self)
            #expect(stored.first?.contains("'锂矿':1A") == true)
        }
    }

    /// The planner inlines news.search: a LIMIT reaches a top-N sort over the index's matches.
    @Test func theSearchIsInlinedIntoTheCallersQuery() throws {
        try withArticles([("工程师", "工程师的工作"), ("其他", "没有")]) { _, db in
            try db.execute("SET enable_seqscan = off")
            let plan = try db.query("""
                EXPLAIN SELECT a.title FROM news.search('工程師') s JOIN news.articles a USING (article_id)
                ORDER BY s.rank DESC LIMIT 10
                """, as: String.self).joined(separator: "\n")
            #expect(plan.contains("articles_search_vector_idx"), "\(plan)")
            #expect(!plan.contains("Function Scan on search "), "\(plan)")
            #expect(plan.contains("Function Scan on search_query"), "\(plan)")
        }
    }
}
