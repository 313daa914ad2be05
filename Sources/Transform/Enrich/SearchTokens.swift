/// The lexemes a search index holds for a text: every pair of adjacent Han characters (bigrams,
/// as CJK search engines index Chinese, so any word of two or more characters is found without a
/// dictionary) plus single Han characters that stand alone, and Latin words and numbers. The
/// text is expected in search form (lower case). `news.search` splits a query the same way.
public enum SearchTokens {
    public static func lexemes(_ text: String) -> [String] {
        var lexemes: [String] = []
        var previousHan: Unicode.Scalar?
        var hanRun = 0
        var word = String.UnicodeScalarView()
        func endHanRun() {
            if hanRun == 1, let single = previousHan { lexemes.append(String(Character(single))) }
            hanRun = 0
            previousHan = nil
        }
        func endWord() {
            if !word.isEmpty { lexemes.append(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if TextClass.isHan(scalar.value) {
                endWord()
                if let previous = previousHan {
                    var pair = String.UnicodeScalarView()
                    pair.append(previous)
                    pair.append(scalar)
                    lexemes.append(String(pair))
                }
                previousHan = scalar
                hanRun += 1
            } else if TextClass.isWordCharacter(scalar) {
                endHanRun()
                word.append(scalar)
            } else {
                endHanRun()
                endWord()
            }
        }
        endHanRun()
        endWord()
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
