/// The lexemes a search index holds for a text: every pair of adjacent Han characters (bigrams,
/// as CJK search engines index Chinese, so any word of two or more characters is found without a
/// dictionary) plus single Han characters that stand alone, and Latin words and numbers. The
/// text is expected in search form (lower case). `news.search` splits a query the same way.
public enum SearchTokens {
    public static func lexemes(_ text: String) -> [String] {
        // Every lexeme is a run of the text's own scalars, so it is cut out of the text as a slice.
        let scalars = text.unicodeScalars
        var lexemes: [String] = []
        var previousHan: String.UnicodeScalarView.Index?
        var hanRun = 0
        var wordStart: String.UnicodeScalarView.Index?
        func endHanRun(at end: String.UnicodeScalarView.Index) {
            if hanRun == 1, let single = previousHan { lexemes.append(String(scalars[single..<end])) }
            hanRun = 0
            previousHan = nil
        }
        func endWord(at end: String.UnicodeScalarView.Index) {
            if let start = wordStart { lexemes.append(String(scalars[start..<end])) }
            wordStart = nil
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if TextClass.isHan(scalar.value) {
                endWord(at: index)
                if let previous = previousHan { lexemes.append(String(scalars[previous..<next])) }
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
        return lexemes
    }

    /// At most this many lexemes are indexed per article (far beyond any real article), so a
    /// hostile input cannot exceed PostgreSQL's 1 MB tsvector limit and fail its batch.
    public static let maxLexemes = 100_000

    /// Lexemes joined by spaces, for `to_tsvector('simple', …)`.
    public static func string(_ text: String) -> String {
        lexemes(text).prefix(maxLexemes).joined(separator: " ")
    }
}
