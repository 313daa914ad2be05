import TextTools

/// Language and script of a text from the letters it holds.
public enum ScriptDetection {
    public struct Result: Equatable, Sendable {
        public var lang: String
        public var script: String?

        public init(lang: String, script: String?) {
            self.lang = lang
            self.script = script
        }
    }

    /// - Chinese (`zh`) when Han characters make up at least a fifth of the letters: `Hant` when at
    ///   least one Han character in ten is a Traditional form that Simplified writes otherwise
    ///   (OpenCC's tables), else `Hans`;
    /// - Japanese (`ja`/`Jpan`) when kana make up a tenth of the letters, Korean (`ko`/`Kore`)
    ///   when Hangul make up a fifth;
    /// - Latin script (`Latn`): the language whose common words the text uses most (`en`, `fr`, `de`,
    ///   `es`, `pt`, `it`, `nl`); plain ASCII without any of them is taken for `en`; else `und`;
    /// - other scripts dominating: `und` with the script (`Cyrl`, `Grek`, `Arab`, `Hebr`, `Thai`);
    /// - nothing recognizable: `und` without script.
    ///
    /// With `guessingLatin` false, Latin-script text is `und`/`Latn` without reading its words (for
    /// a caller that asks a real detector: `LanguageDetection`).
    public static func detect(_ text: String, guessingLatin: Bool = true) -> Result {
        var han = 0, traditional = 0, kana = 0, hangul = 0, latin = 0, other = 0, nonASCII = 0
        var scripts: [String: Int] = [:]
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF:
                han += 1
                if SimplifiedForms.isTraditional(scalar) { traditional += 1 }
            case 0x3040...0x30FF, 0x31F0...0x31FF: kana += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0xC0...0x24F, 0x1E00...0x1EFF: latin += 1; nonASCII += 1
            default:
                guard UnicodeTables.isAlphabetic(scalar) else { continue }
                other += 1
                let script: String? = switch value {
                case 0x400...0x52F: "Cyrl"
                case 0x370...0x3FF, 0x1F00...0x1FFF: "Grek"
                case 0x600...0x6FF, 0x750...0x77F: "Arab"
                case 0x590...0x5FF: "Hebr"
                case 0xE00...0xE7F: "Thai"
                default: nil
                }
                if let script { scripts[script, default: 0] += 1 }
            }
        }
        let letters = han + kana + hangul + latin + other
        guard letters > 0 else { return Result(lang: "und", script: nil) }
        if kana * 10 >= letters && kana > 0 { return Result(lang: "ja", script: "Jpan") }
        if hangul * 5 >= letters { return Result(lang: "ko", script: "Kore") }
        if han * 5 >= letters { return Result(lang: "zh", script: traditional * 10 >= han && traditional > 0 ? "Hant" : "Hans") }
        if latin * 2 > letters {
            guard guessingLatin else { return Result(lang: "und", script: "Latn") }
            return Result(lang: latinLanguage(text) ?? (nonASCII == 0 ? "en" : "und"), script: "Latn")
        }
        if let (script, count) = scripts.max(by: { $0.value < $1.value }), count * 2 > letters {
            return Result(lang: "und", script: script)
        }
        return Result(lang: "und", script: nil)
    }

    /// Common short words of the Latin-script languages news comes in.
    static let commonWords: [(lang: String, words: Set<Substring>)] = [
        ("en", ["the", "and", "of", "to", "is", "that", "for", "it", "with", "was", "on", "are", "this", "by", "from", "have", "be", "at"]),
        ("fr", ["le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "pour", "qui", "pas", "sur", "au", "avec", "ce", "sont"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "sich", "auf", "für", "im", "dem", "wird"]),
        ("es", ["el", "los", "las", "del", "que", "en", "una", "por", "con", "para", "es", "se", "como", "más", "pero", "sus", "al", "lo"]),
        ("pt", ["os", "do", "da", "dos", "das", "que", "em", "um", "uma", "para", "com", "não", "por", "mais", "é", "ao", "se", "no", "na"]),
        ("it", ["il", "di", "che", "è", "per", "un", "una", "del", "della", "non", "sono", "con", "gli", "nel", "alla", "anche", "si"]),
        ("nl", ["de", "het", "een", "van", "en", "is", "dat", "op", "te", "zijn", "voor", "niet", "met", "ook", "als", "maar", "bij"]),
    ]

    /// For each common word, the languages (indexes in `commonWords`) that have it: one lookup per
    /// word of a text rather than one per language.
    static let languagesByWord: [Substring: [Int]] = {
        var table: [Substring: [Int]] = [:]
        for (index, entry) in commonWords.enumerated() {
            for word in entry.words { table[word, default: []].append(index) }
        }
        return table
    }()

    /// The words of `text` in lower case: its runs of letters (`Character.isLetter`). Text of
    /// ASCII and general punctuation alone (most English news) is split byte by byte: there every
    /// character is one scalar (ZWJ and ZWNJ, which join characters, are not among them) and only
    /// `a`–`z` are letters. Text whose every scalar is a character of its own wherever it stands
    /// (`String.isCharacterAlone`: accented Latin letters, a no-break space, a `£`) is split scalar
    /// by scalar, a letter being an alphabetic scalar (what `Character.isLetter` answers for a
    /// character of one scalar): going through the characters breaks graphemes, which costs far
    /// more than reading scalars.
    static func lowercasedWords(_ text: String) -> [Substring] {
        let lowered = SearchText.lowercased(text)
        if text.unicodeScalars.allSatisfy(isASCIIOrPunctuation) {
            return lowered.utf8.split(whereSeparator: { !(0x61...0x7A).contains($0) }).map(Substring.init)
        }
        // The lower case, not the text: `İ` lowers to `i` and a combining dot.
        guard lowered.unicodeScalars.allSatisfy(String.isCharacterAlone) else {
            return lowered.split(whereSeparator: { !$0.isLetter })
        }
        return lowered.unicodeScalars.split(whereSeparator: { !UnicodeTables.isAlphabetic($0) }).map(Substring.init)
    }

    private static func isASCIIOrPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80: return true
        case 0x200C, 0x200D: return false
        case 0x2000...0x206F: return true
        default: return false
        }
    }

    /// The language whose common words `text` uses most, if it clearly uses some.
    static func latinLanguage(_ text: String) -> String? {
        let words = lowercasedWords(text)
        guard !words.isEmpty else { return nil }
        var counts = [Int](repeating: 0, count: commonWords.count)
        for word in words {
            for language in languagesByWord[word] ?? [] { counts[language] += 1 }
        }
        let scores = commonWords.indices.map { (commonWords[$0].lang, counts[$0]) }
        let ranked = scores.sorted { $0.1 > $1.1 }
        guard let best = ranked.first, best.1 >= 2 else { return nil }
        let second = ranked.count > 1 ? ranked[1].1 : 0
        return best.1 * 4 >= second * 5 ? best.0 : nil
    }
}
