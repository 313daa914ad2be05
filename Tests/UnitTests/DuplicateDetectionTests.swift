import Foundation
import Testing
import TestSupport
import TextTools
@testable import Transform

/// Copy detection measured on the labelled set of copies (Labelled/duplicates.json): bodies in
/// search form (Simplified, lower case: what the pipeline fingerprints), compared pairwise by the
/// warehouse's rule (`news.copies_of`): the same body of 300 bytes or more, or fingerprints at most
/// `Fingerprint.nearDistance` bits apart with comparable lengths.
@Suite("copies on the labelled set")
struct DuplicateDetectionTests {
    struct Body { var group: String; var text: String; var bytes: Int; var fingerprint: Int64? }

    func bodies() throws -> [Body] {
        try LabelledDuplicates.load().duplicates.flatMap { group in
            group.copies.map { text in
                Body(group: group.group, text: text, bytes: text.utf8.count,
                     fingerprint: Fingerprint.fingerprint(SearchText.form(text)))
            }
        }
    }

    static func matches(_ a: Body, _ b: Body, distance: Int) -> Bool {
        if a.text == b.text && a.bytes >= 300 { return true }
        guard let x = a.fingerprint, let y = b.fingerprint else { return false }
        return Fingerprint.distance(x, y) <= distance && Fingerprint.lengthsAgree(a.bytes, b.bytes)
    }

    /// Pairwise precision and recall; with `clusters`, of the connected components of the matches
    /// (what duplicate_of records) rather than of the matches themselves.
    func score(_ bodies: [Body], distance: Int, clusters: Bool = false) -> Score {
        var component = Array(bodies.indices)
        func find(_ i: Int) -> Int { var i = i; while component[i] != i { i = component[i] }; return i }
        var predicted = Set<[Int]>()
        for i in bodies.indices {
            for j in (i + 1)..<bodies.count where Self.matches(bodies[i], bodies[j], distance: distance) {
                predicted.insert([i, j])
                let (a, b) = (find(i), find(j))
                if a != b { component[max(a, b)] = min(a, b) }
            }
        }
        var score = Score()
        for i in bodies.indices {
            for j in (i + 1)..<bodies.count {
                let said = clusters ? find(i) == find(j) : predicted.contains([i, j])
                switch (said, bodies[i].group == bodies[j].group) {
                case (true, true): score.truePositives += 1
                case (true, false): score.falsePositives += 1
                case (false, true): score.falseNegatives += 1
                case (false, false): break
                }
            }
        }
        return score
    }

    @Test func theChosenRuleIsPreciseAndFindsTheCopies() throws {
        let bodies = try bodies()
        for i in bodies.indices {
            for j in (i + 1)..<bodies.count where bodies[i].group == bodies[j].group {
                let bits = bodies[i].fingerprint.flatMap { x in bodies[j].fingerprint.map { Fingerprint.distance(x, $0) } }
                print("copies \(bodies[i].group), \(bodies[i].bytes) and \(bodies[j].bytes) bytes: \(bits.map(String.init) ?? "no fingerprint") bits")
            }
        }
        for distance in [2, 4, 6, 7, 8, 10, 12] {
            print("copies, fingerprints within \(distance) bits: \(score(bodies, distance: distance))")
        }
        let pairs = score(bodies, distance: Fingerprint.nearDistance)
        let clusters = score(bodies, distance: Fingerprint.nearDistance, clusters: true)
        print("copies on the labelled set (\(bodies.count) bodies), pairs: \(pairs); clusters: \(clusters)")
        #expect(pairs.precision >= 0.99)
        #expect(pairs.recall >= 0.95)
        #expect(clusters.precision >= 0.99)
        #expect(clusters.recall >= 0.95)
    }

    /// The hard negatives are there: pages of one site and genre share boilerplate and stock
    /// phrases, and several junk bodies are the very same text.
    @Test func theSetHoldsItsHardCases() throws {
        let bodies = try bodies()
        let long = bodies.filter { $0.group.hasPrefix("en-site") && $0.bytes > 30_000 }
        #expect(long.count >= 2)
        let junk = bodies.filter { $0.group.hasPrefix("junk") }
        #expect(junk.allSatisfy { $0.fingerprint == nil })
        #expect(Set(junk.map(\.text)).count < junk.count)
        #expect(bodies.contains { $0.group.hasPrefix("zh-copy") && $0.text.contains("為") })
    }

    @Test func shortOrRepetitiveTextHasNoFingerprint() {
        #expect(Fingerprint.fingerprint("please enable javascript to continue") == nil)
        #expect(Fingerprint.fingerprint(String(repeating: "loading ", count: 500)) == nil)
        #expect(Fingerprint.fingerprint(String(repeating: "同一段文字。", count: 100)) == nil)
        #expect(Fingerprint.fingerprint("cookies help us deliver our services by using our services you agree to our use of cookies") == nil)
    }

    @Test func identicalTextHasIdenticalFingerprints() throws {
        let text = try #require(LabelledDuplicates.load().duplicates.first?.copies.first).lowercased()
        #expect(Fingerprint.fingerprint(text) != nil)
        #expect(Fingerprint.fingerprint(text) == Fingerprint.fingerprint(text))
        // Punctuation and spaces only separate tokens.
        #expect(Fingerprint.fingerprint(text) == Fingerprint.fingerprint(text.replacingOccurrences(of: ", ", with: " ")))
        #expect(Fingerprint.distance(0, -1) == 64)
    }

    /// Long Latin text: unrelated pages of a genre are as far apart as chance makes them (the
    /// character shingles of before brought them within a few bits of each other).
    @Test func longUnrelatedPagesAreFarApart() throws {
        let long = try bodies().filter { $0.group.hasPrefix("en-site") && $0.bytes > 8_000 }
        var closest = 64
        for i in long.indices {
            for j in (i + 1)..<long.count {
                closest = min(closest, Fingerprint.distance(try #require(long[i].fingerprint), try #require(long[j].fingerprint)))
            }
        }
        print("closest unrelated long English pages: \(closest) bits")
        #expect(closest > Fingerprint.nearDistance + 2)
    }
}
