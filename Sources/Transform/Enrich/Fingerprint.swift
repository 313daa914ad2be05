/// A 64-bit fingerprint of the distinct shingles of a text, such that the share of bits on which
/// two fingerprints differ estimates how many shingles the texts do not share: copies differ in
/// few bits, unrelated texts in about half of them.
///
/// The text is cut into tokens: each Han character is a token (Chinese needs no word
/// segmentation), and each run of other letters and digits (a Latin, Cyrillic, … word) is one
/// token; punctuation and spaces only separate tokens. A shingle is three consecutive tokens: three
/// characters of Chinese, three words of English. (Character shingles of long Latin text did not
/// work: a long English body holds most of the few thousand common letter triples, so every long
/// English page converged on one SimHash and unrelated long pages were taken for copies. Word
/// shingles of different texts are mostly different, whatever the length.)
///
/// The fingerprint is a one-permutation MinHash with one bit per bin: each shingle's 64-bit hash
/// falls into one of 64 bins by its top 6 bits; each bin keeps its smallest hash; bit i is one bit
/// of bin i's minimum (an empty bin borrows the next full bin's, mixed with the distance). Two
/// texts whose shingle sets have Jaccard similarity J agree on a bin's minimum with probability J,
/// so they differ in about 32 (1 − J) bits: 3 bits at J = 0.9, 32 for unrelated texts. Repeated
/// shingles do not count twice (a minimum is a minimum), so a boilerplate line repeated on a page
/// weighs no more than once. (A SimHash needs far more bits of difference for the same J.)
///
/// A text whose shingles fill fewer than `minimumBins` of the 64 bins (fewer than about 30
/// distinct shingles: a short or repetitive body, a junk line, a cookie notice) has no
/// fingerprint: it is never called a near duplicate.
public enum Fingerprint {
    /// Tokens per shingle.
    public static let shingle = 3
    /// Fingerprints this close (in bits) mark a near duplicate; measured on the labelled set in
    /// Tests/UnitTests/DuplicateDetectionTests.swift. news.fingerprints' eight bands of 8 bits find
    /// every fingerprint this close (two fingerprints at most 7 bits apart agree on one band).
    public static let nearDistance = 7
    /// Fewer bins with a shingle than this: no fingerprint.
    public static let minimumBins = 24
    /// Near duplicates' bodies are at least this fraction of each other's length (in bytes).
    public static let minimumLengthRatio = 0.6

    /// The fingerprint of `text`, which is expected in search form (lower case, Simplified), or nil
    /// when the text is too short or too repetitive to tell copies by.
    public static func fingerprint(_ text: String) -> Int64? {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { bins in
            bins.initialize(repeating: .max)
            // The last three tokens' hashes (t0 oldest), and how many tokens have been seen.
            var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0
            var tokens = 0
            func push(_ token: UInt64) {
                t0 = t1; t1 = t2; t2 = token
                tokens += 1
                guard tokens >= shingle else { return }
                let hash = mix(t0 &* 0x9E37_79B9_7F4A_7C15 ^ t1 &* 0xC2B2_AE3D_27D4_EB4F ^ t2)
                let bin = Int(hash >> 58), value = hash << 6
                if value < bins[bin] { bins[bin] = value }
            }
            let wordSeed: UInt64 = 0xCBF2_9CE4_8422_2325
            var word = wordSeed
            var inWord = false
            for scalar in text.unicodeScalars {
                if TextClass.isHan(scalar.value) {
                    if inWord { push(mix(word)); word = wordSeed; inWord = false }
                    push(mix(UInt64(scalar.value) | 1 << 40))
                } else if TextClass.isWordCharacter(scalar) {
                    // FNV-1a over the word's scalars.
                    word = (word ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01B3
                    inWord = true
                } else if inWord {
                    push(mix(word)); word = wordSeed; inWord = false
                }
            }
            if inWord { push(mix(word)) }
            guard bins.count(where: { $0 != .max }) >= minimumBins else { return nil }
            var result: UInt64 = 0
            for bin in 0..<64 {
                var offset = 0
                while bins[(bin + offset) & 63] == .max { offset += 1 }
                if mix(bins[(bin + offset) & 63] &+ UInt64(offset)) & 1 == 1 { result |= 1 << UInt64(bin) }
            }
            return Int64(bitPattern: result)
        }
    }

    /// splitmix64's finalizer: every output bit an even coin for every input.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }

    public static func distance(_ a: Int64, _ b: Int64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// Whether two bodies of these lengths (bytes) may be near duplicates (`minimumLengthRatio`).
    public static func lengthsAgree(_ a: Int, _ b: Int) -> Bool {
        Double(min(a, b)) >= minimumLengthRatio * Double(max(a, b))
    }
}
