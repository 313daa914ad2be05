import Foundation

/// The labelled set in `Labelled/articles.json`: articles, queries with their expected matches,
/// and groups of copies (every pair inside a group is a duplicate; pairs across groups are not).
struct LabelledSet: Decodable {
    struct Article: Decodable { var key: String; var title: String; var body: String }
    struct Query: Decodable { var query: String; var expect: [String] }
    struct Group: Decodable { var group: String; var copies: [String] }

    var articles: [Article]
    var queries: [Query]
    var duplicates: [Group]

    static func load() throws -> LabelledSet {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Labelled/articles.json")
        return try JSONDecoder().decode(LabelledSet.self, from: Data(contentsOf: url))
    }
}

/// Precision and recall of a set of predictions against the truth.
struct Score: CustomStringConvertible {
    var truePositives = 0, falsePositives = 0, falseNegatives = 0
    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var description: String {
        String(format: "precision %.2f, recall %.2f (tp %d, fp %d, fn %d)", precision, recall, truePositives, falsePositives, falseNegatives)
    }
}
