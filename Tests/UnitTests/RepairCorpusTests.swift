import Foundation
import Testing
import Transform

/// The mojibake repair against ftfy's test cases in `../shared/samples/mojibake-ftfy` (outside the
/// project: read, never copied). Prints how many in-the-wild cases come out as ftfy's authors
/// expect, and fails if fewer than the 60 of 66 the README claims are, or if any case whose expected
/// text is the original text itself is changed.
/// `scripts/check-mojibake` runs this suite and shows the printed lines.
@Suite("mojibake repair against ftfy's cases")
struct RepairCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/samples/mojibake-ftfy").standardizedFileURL.path

    static var samplesPresent: Bool {
        FileManager.default.fileExists(atPath: folder + "/in-the-wild.json")
    }

    struct Case {
        var file: String
        var label: String
        var original: String
        /// What the text should be after an encoding repair (ftfy's `fixed-encoding`, else `fixed`).
        var expected: String
    }

    static func cases(_ file: String) throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(file).json"))
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return list.compactMap { entry in
            guard let original = entry["original"] as? String,
                  let expected = (entry["fixed-encoding"] as? String) ?? (entry["fixed"] as? String) else { return nil }
            return Case(file: file, label: entry["label"] as? String ?? "", original: original, expected: expected)
        }
    }

    static func repaired(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { MojibakeRepair.repair(String($0)).text }
            .joined(separator: "\n")
    }

    // The samples live outside the project; without them this check has nothing to read.
    @Test(.enabled(if: RepairCorpusTests.samplesPresent,
                   "../shared/samples/mojibake-ftfy is absent: the ftfy corpus check was skipped"))
    func ftfyCases() throws {
        var wild = 0, wildFixed = 0
        var keep = 0, keepKept = 0
        var changedWrongly: [String] = []
        for file in ["in-the-wild", "synthetic", "negative", "known-failures", "language-names"] {
            for item in try Self.cases(file) {
                let result = Self.repaired(item.original)
                let same = result.precomposedStringWithCanonicalMapping == item.expected.precomposedStringWithCanonicalMapping
                if item.original == item.expected {
                    keep += 1
                    if result == item.original { keepKept += 1 } else { changedWrongly.append("\(file): \(item.label)") }
                } else if file == "in-the-wild" {
                    wild += 1
                    if same { wildFixed += 1 }
                }
                if ProcessInfo.processInfo.environment["MOJIBAKE_VERBOSE"] != nil {
                    print("\(same ? "ok  " : "MISS") [\(file)] \(item.label)\n     \(result.debugDescription)")
                }
            }
        }
        print("check-mojibake: fixed \(wildFixed) of \(wild) in-the-wild cases; \(keepKept) of \(keep) must-not-change cases unchanged")
        #expect(changedWrongly.isEmpty, "changed although they must not change: \(changedWrongly)")
        // What the README claims: 60 of the 66 in-the-wild cases come out as ftfy's authors expect.
        #expect(wild == 66 && wildFixed >= 60, "fixed \(wildFixed) of \(wild) in-the-wild cases")
    }
}
