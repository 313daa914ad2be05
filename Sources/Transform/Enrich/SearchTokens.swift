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

    /// Lexemes joined by spaces, for `to_tsvector('simple', …)`.
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
}
