import Foundation
import Testing
import TestSupport
import TextTools
@testable import Transform

/// Near-duplicate detection measured on the labelled set: fingerprints of the Simplified,
/// lower-cased text (what the pipeline stores), compared pairwise.
@Suite("near duplicates on the labelled set")
struct DuplicateDetectionTests {
    func score(distance: Int) throws -> Score {
        let set = try LabelledSet.load()
        let converter = try #require(ChineseConverter.toSimplified)
        var copies: [(group: String, fingerprint: Int64)] = []
        for group in set.duplicates {
            for text in group.copies { copies.append((group.group, SimHash.fingerprint(converter.convert(text).lowercased()))) }
        }
        var score = Score()
        for i in 0..<copies.count {
            for j in (i + 1)..<copies.count {
                let predicted = SimHash.distance(copies[i].fingerprint, copies[j].fingerprint) <= distance
                let actual = copies[i].group == copies[j].group
                switch (predicted, actual) {
                case (true, true): score.truePositives += 1
                case (true, false): score.falsePositives += 1
                case (false, true): score.falseNegatives += 1
                case (false, false): break
                }
            }
        }
        return score
    }

    @Test func theChosenThresholdIsPreciseAndFindsMostCopies() throws {
        for distance in [0, 2, 3, 4, 5, 6, 8, 10, 16] {
            print("near-duplicate threshold \(distance) bits: \(try score(distance: distance))")
        }
        let chosen = try score(distance: SimHash.nearDistance)
        #expect(chosen.precision == 1.0)
        #expect(chosen.recall >= 0.5)
    }

    @Test func identicalTextHasIdenticalFingerprints() {
        #expect(SimHash.fingerprint("同一段文字。") == SimHash.fingerprint("同一段文字。"))
        #expect(SimHash.fingerprint("同一段文字。") == SimHash.fingerprint("同一段 文字"))   // punctuation and spaces do not count
        #expect(SimHash.distance(0, -1) == 64)
    }
}
