/// The lexemes a search index holds for a text: every pair of adjacent Han characters (bigrams,
/// as CJK search engines index Chinese, so any word of two or more characters is found without a
/// dictionary) plus single Han characters that stand alone, and lowercase Latin words and numbers.
/// `news.search` splits a query the same way.
public enum SearchTokens {
    public static func lexemes(_ text: String) -> [String] {
        var lexemes: [String] = []
        var han: [Character] = []
        var word = ""
        func flushHan() {
            if han.count == 1 { lexemes.append(String(han[0])) }
            if han.count >= 2 { for index in 0..<(han.count - 1) { lexemes.append(String(han[index]) + String(han[index + 1])) } }
            han.removeAll(keepingCapacity: true)
        }
        func flushWord() {
            if !word.isEmpty { lexemes.append(word) }
            word = ""
        }
        for character in text.lowercased() {
            if isHan(character) {
                flushWord()
                han.append(character)
            } else if character.isLetter || character.isNumber {
                flushHan()
                word.append(character)
            } else {
                flushHan()
                flushWord()
            }
        }
        flushHan()
        flushWord()
        return lexemes
    }

    /// Lexemes joined by spaces, for `to_tsvector('simple', …)`.
    public static func string(_ text: String) -> String {
        lexemes(text).joined(separator: " ")
    }

    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0xF900...0xFAFF: return true
        default: return false
        }
    }
}
