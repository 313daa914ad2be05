/// The lexemes a search index holds for a text: every pair of adjacent Han characters (bigrams,
/// as CJK search engines index Chinese, so any word of two or more characters is found without a
/// dictionary) plus single Han characters that stand alone, and Latin words and numbers. The
/// text is expected in search form (lower case). `news.search` splits a query the same way.
public enum SearchTokens {
    public static func lexemes(_ text: String) -> [String] {
        var lexemes: [String] = []
        forEachLexeme(in: text) { lexemes.append(String($0)) }
        return lexemes
    }

    /// Calls `body` with each lexeme of `text`, in order. Every lexeme is a run of the text's own
    /// scalars, so it is a slice of the text, never rebuilt.
    static func forEachLexeme(in text: String, _ body: (Substring) -> Void) {
        let scalars = text.unicodeScalars
        var previousHan: String.Index?
        var hanRun = 0
        var wordStart: String.Index?
        func endHanRun(at end: String.Index) {
            if hanRun == 1, let single = previousHan { body(Substring(scalars[single..<end])) }
            hanRun = 0
            previousHan = nil
        }
        func endWord(at end: String.Index) {
            if let start = wordStart { body(Substring(scalars[start..<end])) }
            wordStart = nil
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if TextClass.isHan(scalar.value) {
                endWord(at: index)
                if let previous = previousHan { body(Substring(scalars[previous..<next])) }
                previousHan = index
                hanRun += 1
            } else if TextClass.isWordCharacter(scalar) {
                endHanRun(at: index)
                if wordStart == nil { wordStart = index }
            } else {
                endHanRun(at: index)
                endWord(at: index)
            }
            index = next
        }
        endHanRun(at: scalars.endIndex)
        endWord(at: scalars.endIndex)
    }

    /// At most this many lexemes are indexed per article (far beyond any real article), so a
    /// hostile input cannot exceed PostgreSQL's 1 MB tsvector limit and fail its batch.
    public static let maxLexemes = 100_000

    /// Lexemes joined by spaces: what `to_tsvector('simple', …)` would be given. The tests check
    /// `tsvector(_:)` against PostgreSQL's own reading of this string.
    public static func string(_ text: String) -> String {
        var joined: [UInt8] = []   // UTF-8, made a String once
        var count = 0
        forEachLexeme(in: text) { lexeme in
            guard count < maxLexemes else { return }
            if count > 0 { joined.append(0x20) }
            joined.append(contentsOf: lexeme.utf8)
            count += 1
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// The tsvector of the lexemes in PostgreSQL's input syntax, each lexeme once with its
    /// positions (`工程:1,7 程师:2`): the value `to_tsvector('simple', string(text))` makes, built
    /// here so the server only reads it (its text parser cost the load ≈ 0.4 ms per article).
    /// It follows PostgreSQL's rules: positions count from 1; a word of 2,047 bytes or more is left
    /// out and takes no position; positions above 16,383 are 16,383; a lexeme keeps at most its
    /// first 255 positions, none after a 16,383.
    public static func tsvector(_ text: String) -> String {
        // Han lexemes (one or two characters, each below 2^18) as (a << 18 | b) << 14 | position:
        // sorted, each lexeme's positions come together and in order, with no hashing of strings.
        var han: [UInt64] = []
        var words: [Substring: [Int]] = [:]
        var position = 0
        var count = 0
        forEachLexeme(in: text) { lexeme in
            guard count < maxLexemes else { return }
            count += 1
            let scalars = lexeme.unicodeScalars
            let first = scalars.first!.value
            if TextClass.isHan(first) {
                position += 1
                let second = scalars.count > 1 ? UInt64(scalars[scalars.index(after: scalars.startIndex)].value) : 0
                han.append((UInt64(first) << 18 | second) << 14 | UInt64(min(position, maxPosition)))
            } else if lexeme.utf8.count < maxLexemeBytes {
                position += 1
                words[lexeme, default: []].append(min(position, maxPosition))
            }
        }
        han.sort()

        var out: [UInt8] = []
        out.reserveCapacity(han.count * 10 + words.count * 12)
        var index = 0
        while index < han.count {
            let key = han[index] >> 14
            if !out.isEmpty { out.append(0x20) }
            appendUTF8(UInt32(key >> 18), to: &out)
            if key & 0x3FFFF != 0 { appendUTF8(UInt32(key & 0x3FFFF), to: &out) }
            var kept = PositionList()
            while index < han.count && han[index] >> 14 == key {
                kept.add(Int(han[index] & 0x3FFF), to: &out)
                index += 1
            }
        }
        for lexeme in words.keys.sorted() {
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: lexeme.utf8)
            var kept = PositionList()
            for p in words[lexeme]! { kept.add(p, to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// PostgreSQL's limits: the largest position (MAXENTRYPOS − 1), positions kept per lexeme
    /// (MAXNUMPOS − 1), and the length of a word `to_tsvector` skips (MAXSTRLEN).
    static let maxPosition = 16_383
    static let maxPositionsPerLexeme = 255
    static let maxLexemeBytes = 2_047

    /// Appends one lexeme's positions (`:1,7,9`), ascending, as PostgreSQL keeps them.
    private struct PositionList {
        var count = 0
        var last = 0

        mutating func add(_ position: Int, to out: inout [UInt8]) {
            guard count < SearchTokens.maxPositionsPerLexeme, last != SearchTokens.maxPosition, last != position else { return }
            out.append(count == 0 ? 0x3A : 0x2C)   // ':' first, then ','
            appendDecimal(position, to: &out)
            count += 1
            last = position
        }
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(0x30 + UInt8(value % 10))
    }

    /// A Han scalar (U+3400 and above) in UTF-8.
    private static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        if value < 0x10000 {
            out.append(0xE0 | UInt8(value >> 12))
        } else {
            out.append(0xF0 | UInt8(value >> 18))
            out.append(0x80 | UInt8((value >> 12) & 0x3F))
        }
        out.append(0x80 | UInt8((value >> 6) & 0x3F))
        out.append(0x80 | UInt8(value & 0x3F))
    }
}
