import Foundation

/// The labelled set in `Labelled/articles.json`: articles, queries with their expected matches,
/// and groups of copies (every pair inside a group is a duplicate; pairs across groups are not).
public struct LabelledSet: Decodable {
    public struct Article: Decodable { public var key: String; public var title: String; public var body: String }
    public struct Query: Decodable { public var query: String; public var expect: [String] }
    public struct Group: Decodable { public var group: String; public var copies: [String] }

    public var articles: [Article]
    public var queries: [Query]
    public var duplicates: [Group]

    public static func load() throws -> LabelledSet {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Labelled/articles.json")
        return try JSONDecoder().decode(LabelledSet.self, from: Data(contentsOf: url))
    }
}

/// Precision and recall of a set of predictions against the truth.
public struct Score: CustomStringConvertible {
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0
    public init() {}
    public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var description: String {
        String(format: "precision %.2f, recall %.2f (tp %d, fp %d, fn %d)", precision, recall, truePositives, falsePositives, falseNegatives)
    }
}

/// The labelled set of copies in `Labelled/duplicates.json` (written by `Labelled/make_duplicates.py`):
/// groups of bodies that are copies of one story; bodies of different groups are not copies. Long
/// pages of one site and one genre, short junk bodies, one story under different boilerplate and in
/// Traditional and Simplified characters.
public struct LabelledDuplicates: Decodable {
    public var duplicates: [LabelledSet.Group]

    public static func load() throws -> LabelledDuplicates {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Labelled/duplicates.json")
        return try JSONDecoder().decode(LabelledDuplicates.self, from: Data(contentsOf: url))
    }
}
