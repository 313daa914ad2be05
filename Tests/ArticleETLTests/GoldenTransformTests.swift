import Foundation
import Records
import Testing
import Transform

/// Golden files for the text rules: `Golden/transform/NAME.input.txt` shows one kind of damage;
/// `NAME.expected.txt` beside it is the article a careful editor would keep, as
/// `title:`, `lang:`, `script:`, `defects:` lines, `---`, then the body.
@Suite("transform golden files")
struct GoldenTransformTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/transform").path

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".input.txt") }.map { String($0.dropLast(".input.txt".count)) }.sorted()
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: GoldenTransformTests.cases)
    func matchesGolden(name: String) throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name).input.txt"))
        let expected = try String(contentsOfFile: "\(Self.folder)/\(name).expected.txt", encoding: .utf8)
        let record = ExtractedRecord(root: "/in", path: "\(name).txt", recordNo: 1, format: .text,
                                     text: String(decoding: input, as: UTF8.self))
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("\(name): rejected")
            return
        }
        #expect(Self.render(article) == expected, "\(name)")
    }

    static func render(_ article: ArticleRecord) -> String {
        """
        title: \(article.title)
        lang: \(article.lang)
        script: \(article.script ?? "")
        defects:\(article.defects.isEmpty ? "" : " " + article.defects.joined(separator: " "))
        ---
        \(article.body)

        """
    }
}
