import Foundation

/// The search set in `Labelled/queries.json`: articles in Simplified, Traditional (Taiwan, Hong
/// Kong) and English, Simplified words to query in both scripts, and queries with the articles
/// they must find.
public struct LabelledQueries: Decodable {
    public struct Article: Decodable { public var key: String; public var title: String; public var body: String }
    public struct Query: Decodable { public var query: String; public var expect: [String] }

    public var articles: [Article]
    public var words: [String]
    public var queries: [Query]

    public static func load() throws -> LabelledQueries {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Labelled/queries.json")
        return try JSONDecoder().decode(LabelledQueries.self, from: Data(contentsOf: url))
    }
}
