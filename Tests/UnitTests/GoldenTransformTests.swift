import Foundation
import Records
import Testing
import TestSupport
import Transform

/// Golden files for the text rules: `Golden/transform/NAME.input.txt` shows one kind of damage;
/// `NAME.expected.txt` beside it is the article a careful editor would keep (`GoldenFile.render`).
@Suite("transform golden files")
struct GoldenTransformTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/transform").path

    static var cases: [String] {
        GoldenFile.cases(in: folder, suffix: ".input.txt")
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: GoldenTransformTests.cases)
    func matchesGolden(name: String) throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name).input.txt"))
        let record = ExtractedRecord(root: "/in", path: "\(name).txt", recordNo: 1, format: .text,
                                     text: String(decoding: input, as: UTF8.self))
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            Issue.record("\(name): rejected")
            return
        }
        GoldenFile.check(GoldenFile.render(article), against: "\(Self.folder)/\(name).expected.txt")
    }
}
