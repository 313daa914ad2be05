/// A fixed list of words looked for in text at once: whether any of them occurs, or whether a text
/// begins with one. One pass over the text's UTF-8 bytes, where `words.contains(where: text.includes)`
/// makes one pass per word: a table of the words' first two bytes rules out almost every position
/// (65,536 bits), and only the words that begin with the two bytes at a position are compared there.
///
/// Matching is on bytes, as `includes` matches: no case folding, no normalisation (callers fold the
/// text first, or list each form).
public struct KeywordSet: Sendable {
    /// The words' bytes, grouped by their first two bytes (a one-byte word by its byte alone).
    private let words: [[UInt8]]
    /// Bit `b0 << 8 | b1` is set when a word of two bytes or more begins with `b0 b1`.
    private let pairs: [UInt64]
    /// Bit `b` is set when the word `b` (one byte) is in the set.
    private let singles: [UInt64]
    /// The indexes into `words` of the words that begin with a pair.
    private let byPair: [UInt16: [Int]]

    public init(_ list: some Sequence<String>) {
        var words: [[UInt8]] = []
        var pairs = [UInt64](repeating: 0, count: 1024)
        var singles = [UInt64](repeating: 0, count: 4)
        var byPair: [UInt16: [Int]] = [:]
        for word in Set(list).sorted() where !word.isEmpty {
            let bytes = Array(word.utf8)
            if bytes.count == 1 {
                singles[Int(bytes[0]) >> 6] |= 1 << UInt64(bytes[0] & 63)
                continue
            }
            let pair = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
            pairs[Int(pair) >> 6] |= 1 << UInt64(pair & 63)
            byPair[pair, default: []].append(words.count)
            words.append(bytes)
        }
        self.words = words
        self.pairs = pairs
        self.singles = singles
        self.byPair = byPair
    }

    /// Whether any of the words occurs in `text`.
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: $0, anchored: false) }
    }

    /// Whether any of the words occurs in `text`.
    public func occurs(in text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: $0, anchored: false) }
    }

    /// Whether `text` begins with one of the words.
    public func begins(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstMatch(in: $0, anchored: true) }
    }

    private func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, anchored: Bool) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        let last = anchored ? 0 : count - 1
        var index = 0
        while index <= last {
            let first = bytes[index]
            if singles[Int(first) >> 6] & (1 << UInt64(first & 63)) != 0 { return true }
            if index + 1 < count {
                let pair = UInt16(first) << 8 | UInt16(bytes[index + 1])
                if pairs[Int(pair) >> 6] & (1 << UInt64(pair & 63)) != 0, let candidates = byPair[pair] {
                    for candidate in candidates where ByteSearch.matches(words[candidate], in: bytes, at: index) {
                        return true
                    }
                }
            }
            index += 1
        }
        return false
    }
}

extension ByteSearch {
    /// `matches` for a word held as an array.
    static func matches(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        needle.withUnsafeBufferPointer { matches($0, in: haystack, at: index) }
    }
}
