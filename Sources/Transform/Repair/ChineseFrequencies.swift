import Foundation

/// How much a piece of text reads like Chinese: word and character frequencies from jieba's
/// dictionary (about 350,000 Simplified words with counts), Traditional characters scored as their
/// Simplified forms. Used to choose among candidate repairs of mojibake: real text segments into
/// frequent words, mojibake into rare single characters.
///
/// Costs are negative log probabilities (lower is more plausible). Loaded once, on first use.
final class ChineseFrequencies: Sendable {
    static let dictionaryPath = "/usr/lib/python3/dist-packages/jieba/dict.txt"

    /// The shared table, or nil when the dictionary is not installed (then no Chinese mojibake is repaired).
    static let shared: ChineseFrequencies? = ChineseFrequencies(path: dictionaryPath)

    /// The Han characters scored: CJK Unified Ideographs and Extension A.
    static let hanRange = SimplifiedForms.range

    /// Cost of a Han character that appears in no word.
    static let unknownCost: Float = 24
    /// Cost of a character a lossy decoder replaced (U+FFFD).
    static let lostCost: Float = 14

    /// Cost of each Han character standing alone, by `scalar - 0x3400`.
    private let single: [Float]
    /// Simplified form of each Han character (same indexing), as an offset; 0xFFFF = itself.
    private let simplified: [UInt16]
    /// Words of two to four Han characters (Simplified), packed by `key(_:)`, and their costs.
    private let words: [UInt64: Float]
    /// Whether a character (Simplified, same indexing) starts any word in `words`.
    private let startsWord: [Bool]

    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let count = Int(Self.hanRange.upperBound - Self.hanRange.lowerBound) + 1
        let simplified = SimplifiedForms.table
        var wordCounts: [UInt64: Double] = [:]
        wordCounts.reserveCapacity(300_000)
        var singleCounts = [Double](repeating: 0, count: count)
        var charCounts = [Double](repeating: 0, count: count)
        var total = 0.0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            var offsets: [Int] = []
            while index < bytes.count {
                // One line: WORD SPACE COUNT [SPACE TAG] NEWLINE
                offsets.removeAll(keepingCapacity: true)
                var allHan = true
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x0A {
                    let lead = bytes[index]
                    if lead >= 0xE0, lead < 0xF0, index + 2 < bytes.count {
                        let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                        if Self.hanRange.contains(value) { offsets.append(Int(value - Self.hanRange.lowerBound)) } else { allHan = false }
                        index += 3
                    } else {
                        allHan = false
                        index += 1
                    }
                }
                var number = 0.0
                if index < bytes.count, bytes[index] == 0x20 {
                    index += 1
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        number = number * 10 + Double(bytes[index] - 0x30)
                        index += 1
                    }
                }
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                index += 1
                guard number > 0, !offsets.isEmpty else { continue }
                total += number
                for offset in offsets { charCounts[offset] += number }
                guard allHan else { continue }
                if offsets.count == 1 {
                    singleCounts[offsets[0]] += number
                } else if offsets.count <= 4 {
                    wordCounts[Self.pack(offsets), default: 0] += number
                }
            }
        }
        guard total > 0 else { return nil }
        let logTotal = log(total)
        var single = [Float](repeating: Self.unknownCost, count: count)
        for index in 0..<count {
            let source = simplified[index] == 0xFFFF ? index : Int(simplified[index])
            if singleCounts[source] > 0 {
                single[index] = Float(logTotal - log(singleCounts[source] + 1))
            } else if charCounts[source] > 0 {
                // Only inside words: a little less plausible alone.
                single[index] = min(Self.unknownCost, Float(logTotal - log(charCounts[source] + 1)) + 3)
            }
        }
        var starts = [Bool](repeating: false, count: count)
        var costs: [UInt64: Float] = [:]
        costs.reserveCapacity(wordCounts.count)
        for (key, number) in wordCounts {
            costs[key] = Float(logTotal - log(number + 1))
            starts[Int(key >> 48) - 1] = true
        }
        self.single = single
        self.simplified = simplified
        self.words = costs
        self.startsWord = starts
    }

    /// Up to four character offsets in 16 bits each, the first in the highest bits, each plus one.
    private static func pack(_ offsets: [Int]) -> UInt64 {
        var key: UInt64 = 0
        for (position, offset) in offsets.enumerated() { key |= UInt64(offset + 1) << (48 - 16 * position) }
        return key
    }

    @inline(__always)
    private func offset(_ scalar: Unicode.Scalar) -> Int? {
        guard Self.hanRange.contains(scalar.value) else { return nil }
        let index = Int(scalar.value - Self.hanRange.lowerBound)
        return simplified[index] == 0xFFFF ? index : Int(simplified[index])
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        hanRange.contains(scalar.value) || (0x20000...0x2FA1F).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }

    /// CJK punctuation and full-width forms a Chinese text is made of.
    static func isChinesePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0x2014, 0x2026, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7:
            return true
        case 0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF5E, 0xFF05:
            return true
        default:
            return false
        }
    }

    /// The cost of one Han character standing alone.
    func cost(of scalar: Unicode.Scalar) -> Float {
        if Self.hanRange.contains(scalar.value) { return single[Int(scalar.value - Self.hanRange.lowerBound)] }
        return Self.otherCost(scalar)
    }

    /// Costs of characters that are not in the CJK range scored by frequency.
    static func otherCost(_ scalar: Unicode.Scalar) -> Float {
        let value = scalar.value
        if value == 0xFFFD { return lostCost }
        if isChinesePunctuation(scalar) { return 5 }
        if value < 0x80 { return 4 }
        if isHan(scalar) { return unknownCost }
        switch value {
        case 0xC0...0x24F: return 12        // Latin letters with marks (pinyin among them)
        case 0x3040...0x30FF: return 16     // kana: rare inside Chinese
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return 14   // full-width Latin letters and digits
        case 0xE000...0xF8FF: return 30     // private use: never meant
        default: return 20
        }
    }

    /// Whether two to four Han characters make a word of the dictionary.
    func isWord(_ scalars: [Unicode.Scalar]) -> Bool {
        guard (2...4).contains(scalars.count) else { return false }
        var offsets: [Int] = []
        for scalar in scalars {
            guard let offset = offset(scalar) else { return false }
            offsets.append(offset)
        }
        return words[Self.pack(offsets)] != nil
    }

    /// The best segmentation of `scalars` into dictionary words and single characters: its total
    /// cost, and for each character whether it belongs to a word of two or more characters.
    func segment(_ scalars: ArraySlice<Unicode.Scalar>) -> (cost: Float, inWord: [Bool]) {
        let count = scalars.count
        guard count > 0 else { return (0, []) }
        let base = scalars.startIndex
        var best = [Float](repeating: .infinity, count: count + 1)
        var length = [Int](repeating: 1, count: count + 1)
        best[0] = 0
        for index in 0..<count {
            let scalar = scalars[base + index]
            let here = best[index]
            let alone = here + cost(of: scalar)
            if alone < best[index + 1] { best[index + 1] = alone; length[index + 1] = 1 }
            guard let first = offset(scalar), startsWord[first] else { continue }
            var key = UInt64(first + 1) << 48
            var end = index + 1
            while end < count, end - index < 4, let next = offset(scalars[base + end]) {
                key |= UInt64(next + 1) << (48 - 16 * UInt64(end - index))
                end += 1
                if let wordCost = words[key], here + wordCost < best[end] {
                    best[end] = here + wordCost
                    length[end] = end - index
                }
            }
        }
        var inWord = [Bool](repeating: false, count: count)
        var end = count
        while end > 0 {
            let size = length[end]
            if size > 1 { for index in (end - size)..<end { inWord[index] = true } }
            end -= size
        }
        return (best[count], inWord)
    }

    /// The average cost per character of the best segmentation.
    func averageCost(_ scalars: ArraySlice<Unicode.Scalar>) -> Float {
        guard !scalars.isEmpty else { return 0 }
        return segment(scalars).cost / Float(scalars.count)
    }
}
