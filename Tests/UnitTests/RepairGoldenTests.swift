import Foundation
import Records
import Testing
import TestSupport
import Transform

/// Golden files for the repair rules: `Golden/repair/NAME.input.txt` shows one kind of damage (or
/// none: `clean-*`); `NAME.expected.txt` beside it is the article a careful editor would keep
/// (`GoldenFile.render`).
///
/// The seed article this project started from lives outside the project, in
/// `../shared/samples/seed/`; its expected output, written by hand, is `Golden/seed/`.
/// `seed-like` is a fixture of our own with the same kinds of damage, so that the whole chain is
/// checked even where the samples are absent.
@Suite("repair golden files")
struct RepairGoldenTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let folder = tests.appendingPathComponent("Golden/repair").path
    static let seedName = "000_11748bc2aa869176"
    static let seedPath = tests.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/samples/seed/\(seedName).txt").standardizedFileURL.path
    static let seedExpectedPath = tests.appendingPathComponent("Golden/seed/\(seedName).expected.txt").path

    static var cases: [String] {
        GoldenFile.cases(in: folder, suffix: ".input.txt")
    }

    static var seedPresent: Bool { FileManager.default.fileExists(atPath: seedPath) }

    @Test func everyKindOfDamageHasAGoldenPair() {
        let names = Set(Self.cases)
        for kind in ["mojibake-utf8-as-gbk", "mojibake-gbk-shifted", "mojibake-utf8-as-cp1252", "mojibake-big5-as-gbk",
                     "ruby-pinyin", "html-remnants", "hard-wrap", "halfwidth-punct", "boilerplate-netease",
                     "boilerplate-sohu", "boilerplate-wechat", "clean-chinese", "clean-english", "seed-like",
                     // Two kinds of damage meeting in one line.
                     "compose-pinyin-halfwidth", "compose-mojibake-hardwrap", "compose-remnants-ruby",
                     "compose-pinyin-mojibake", "compose-controls-pinyin", "compose-hardwrap-ruby",
                     "compose-mojibake-halfwidth", "compose-remnants-halfwidth", "compose-remnants-mojibake",
                     "compose-controls-mojibake", "compose-mojibake-hardwrap-split"]
                     + ["advert-share", "copyright", "subscription", "follow-app", "disclaimer", "negative"].flatMap({
                         ["kind-\($0)-en", "kind-\($0)-zh"]
                     }) {
            #expect(names.contains(kind), "no golden pair for \(kind)")
        }
    }

    @Test(arguments: RepairGoldenTests.cases)
    func matchesGolden(name: String) throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name).input.txt"))
        let actual = try Self.transform(String(decoding: input, as: UTF8.self), path: "\(name).txt")
        GoldenFile.check(actual, against: "\(Self.folder)/\(name).expected.txt")
    }

    // The seed is the user's sample in ../shared, not part of the project: without it there is
    // nothing to compare, and the test says so instead of failing.
    @Test(.enabled(if: RepairGoldenTests.seedPresent,
                   "../shared/samples/seed/000_11748bc2aa869176.txt is absent: the seed golden test was skipped"))
    func seedArticleComesOutAsEditedByHand() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.seedPath))
        let actual = try Self.transform(String(decoding: input, as: UTF8.self), path: "\(Self.seedName).txt")
        GoldenFile.check(actual, against: Self.seedExpectedPath)
    }

    static func transform(_ text: String, path: String) throws -> String {
        let record = ExtractedRecord(root: "/in", path: path, recordNo: 1, format: .text, text: text)
        guard case .article(let article) = ArticleTransformer().transform(record) else {
            throw RejectedError(path: path)
        }
        return GoldenFile.render(article)
    }

    struct RejectedError: Error { var path: String }
}
