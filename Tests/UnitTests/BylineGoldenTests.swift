import Foundation
import Testing
import TestSupport
@testable import Transform

/// `BylineCheck` over the lines of `Golden/bylines/bylines.input.txt` (a byline, and after a tab the
/// site's name): `bylines.expected.txt` shows what it keeps, or `-`.
@Suite("byline golden file")
struct BylineGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/bylines").path

    @Test func bylinesMatchGolden() throws {
        let input = try String(contentsOfFile: Self.folder + "/bylines.input.txt", encoding: .utf8)
        var output = ""
        for line in input.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix("#") && !line.isEmpty {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let site = parts.count > 1 ? parts[1] : nil
            let kept = BylineCheck.accept(parts[0], siteName: site, host: site)
            output += parts[0] + (site.map { " @ " + $0 } ?? "") + " → " + (kept ?? "-") + "\n"
        }
        GoldenFile.check(output, against: Self.folder + "/bylines.expected.txt")
    }
}
