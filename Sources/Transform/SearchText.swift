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
        simplified(text).precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Characters Hong Kong writes (Cantonese words, HK forms) that Taiwan does not.
    static let hongKongMarkers = Set("嘅咗喺冇哋啲嚟佢唔嘢噉揾綫衞".unicodeScalars)

    /// `text` in Simplified Chinese; unchanged when it holds no Traditional character.
    public static func simplified(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: SimplifiedForms.isTraditional) else { return text }
        let hongKong = text.unicodeScalars.contains(where: hongKongMarkers.contains)
        let converter = converter(hongKong ? .hongKongToSimplified : .taiwanToSimplified) ?? ChineseConverter.toSimplified
        return converter?.convert(text) ?? text
    }

    static func converter(_ configuration: ChineseConverter.Configuration) -> ChineseConverter? {
        ChineseConverter.forThisThread(configuration)
    }
}
