import Foundation
import TextTools

/// The form of an article's text that full-text search indexes: Simplified Chinese through OpenCC
/// (phrase-aware; Taiwan's or Hong Kong's forms when the text uses them), then NFKC (full-width
/// letters and digits become ASCII), then lower case. Traditional and Simplified articles about
/// the same thing then share their words.
public enum SearchText {
    public static func make(title: String, body: String) -> String {
        form(title) + "\n" + form(body)
    }

    /// One text in search form.
    public static func form(_ text: String) -> String {
        lowercased(casedForm(text))
    }

    /// The search form before lower case (Simplified, NFKC): `form(text)` is `lowercased` of it.
    /// Entity matching reads the capitals in it (`EntityMatcher`).
    public static func casedForm(_ text: String) -> String {
        Normalization.normalized(simplified(text), .compatibility)
    }

    /// `text.lowercased()`. Search text is mostly Chinese with some ASCII: when every character
    /// is ASCII or one that lower case leaves as it is (`isASCIIOrCaseless`), only `A`–`Z` can
    /// change, and they are lowered byte by byte instead of going through Unicode case mapping.
    static func lowercased(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy(isASCIIOrCaseless) else { return text.lowercased() }
        return text.loweringASCIICapitals()
    }

    /// ASCII, and characters that lower case leaves as they are: Latin-1's signs and small letters,
    /// modifier letters, punctuation, currency, arrows, mathematical and technical signs, box
    /// drawing, shapes, dingbats, CJK (with kana, bopomofo, Hangul), private use, and U+FFFD (in
    /// the text wherever a character was lost). Not letterlike symbols and number forms
    /// (2100–218F): `Ω` and `Ⅳ` have small forms. A test holds each of these to `lowercased()`.
    static func isASCIIOrCaseless(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xBF, 0xD7, 0xDF...0xFF, 0x2B0...0x2FF, 0x2000...0x20FF, 0x2190...0x245F,
             0x2500...0x2BFF, 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
             0xE000...0xFAFF, 0xFFFD:
            return true
        default:
            return false
        }
    }

    /// Characters Hong Kong writes (Cantonese words, HK forms) that Taiwan does not.
    static let hongKongMarkers = ScalarSet("嘅咗喺冇哋啲嚟佢唔嘢噉揾綫衞".unicodeScalars)

    /// `text` in Simplified Chinese; unchanged when it holds none of the Traditional characters
    /// `SimplifiedForms` knows (those of the Han blocks that t2s changes alone).
    ///
    /// Line by line (no dictionary entry spans a line break), as cheaply as gives OpenCC's output:
    /// - OpenCC's `tw2s` (and `hk2s`) is `t2s` after a first step that turns Taiwan's (Hong Kong's)
    ///   variant characters into OpenCC's standard ones. That step changes nothing in a line
    ///   without one of its few variant characters, so such a line needs only `t2s`.
    /// - Each step converts a line without any of the few phrases that convert a character
    ///   otherwise than alone as a character table does (`CharacterConversion`), without
    ///   OpenCC's dictionary searches.
    /// The other lines go through OpenCC, in runs of lines of one kind, each in one call.
    public static func simplified(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: SimplifiedForms.isTraditional) else { return text }
        let hongKong = text.unicodeScalars.contains(where: hongKongMarkers.contains)
        let regional = hongKong ? RegionalVariants.hongKong : RegionalVariants.taiwan
        guard let plain = converter(.traditionalToSimplified) else { return text }
        let full = regional.variantCharacters.isEmpty ? nil : converter(regional.configuration)
        // Each line, whether it holds a variant character, and its conversion if a table gives it.
        var lines: [(range: Range<String.Index>, variant: Bool, converted: String?)] = []
        var start = text.startIndex
        var variant = false
        func endLine(_ end: String.Index) {
            let line = text[start..<end]
            let converted = variant ? regional.table?.convert(line).flatMap { SimplifiedForms.conversion?.convert($0[...]) }
                                    : SimplifiedForms.conversion?.convert(line)
            lines.append((start..<end, variant, converted))
        }
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            if scalar == "\n" {
                endLine(index)
                start = text.unicodeScalars.index(after: index)
                variant = false
            } else if !variant && full != nil && regional.variantCharacters.contains(scalar) {
                variant = true
            }
        }
        endLine(text.endIndex)
        // The converted lines as they are; runs of the others of one kind, each in one OpenCC call.
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var first = 0
        while first < lines.count {
            if first > 0 { result += "\n" }
            if let converted = lines[first].converted {
                result += converted
                first += 1
                continue
            }
            var end = first + 1
            while end < lines.count && lines[end].converted == nil && lines[end].variant == lines[first].variant { end += 1 }
            let run = String(text[lines[first].range.lowerBound..<lines[end - 1].range.upperBound])
            result += ((lines[first].variant ? full : nil) ?? plain).convert(run)
            first = end
        }
        return result
    }

    /// A regional configuration and the variant characters its first step changes.
    struct RegionalVariants: Sendable {
        var configuration: ChineseConverter.Configuration
        var variantCharacters: ScalarSet
        /// The first step character by character, for lines without one of its irregular phrases.
        var table: CharacterConversion?

        init(configuration: ChineseConverter.Configuration, firstStep: ChineseConverter.Configuration) {
            self.configuration = configuration
            table = CharacterConversion(firstStep)
            // What the first step changes alone, and what its phrases treat otherwise (none with
            // OpenCC 1.1's data: its variant phrases keep their characters).
            variantCharacters = table.map { $0.changedCharacters.union($0.phraseCharacters) } ?? ScalarSet()
        }

        static let taiwan = RegionalVariants(configuration: .taiwanToSimplified, firstStep: .taiwanToTraditional)
        static let hongKong = RegionalVariants(configuration: .hongKongToSimplified, firstStep: .hongKongToTraditional)
    }

    /// The Traditional → Simplified entries `simplified` can apply (`SimplifiedEntries`), for
    /// converting queries as the index was converted: the configurations read and their entries.
    /// With them, the words Taiwan writes otherwise, both ways (`SimplifiedEntries.regionalVariants`).
    public static func simplifiedEntries() -> (configurations: [String], entries: [(source: String, target: String)],
                                                variants: [(source: String, target: String)])? {
        guard let entries = SimplifiedEntries.entries(), let variants = SimplifiedEntries.regionalVariants() else { return nil }
        return (SimplifiedEntries.configurations + ["s2twp.json"], entries, variants.map { ($0.form, $0.variant) })
    }

    /// A stamp of the OpenCC data those entries come from (`SimplifiedEntries.dataStamp`).
    public static func simplifiedEntriesStamp() -> String? { SimplifiedEntries.dataStamp() }

    static func converter(_ configuration: ChineseConverter.Configuration) -> ChineseConverter? {
        ChineseConverter.forThisThread(configuration)
    }
}
