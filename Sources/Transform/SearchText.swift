import Foundation
import TextTools

/// The form of an article's text that full-text search indexes: Simplified Chinese through OpenCC
/// (phrase-aware; Taiwan's or Hong Kong's forms when the text uses them), then NFKC (full-width
/// letters and digits become ASCII), then lower case. Traditional and Simplified articles about
/// the same thing then share their words.
public enum SearchText {
    public static func make(title: String, body: String) -> String {
        let text = title + "\n" + body
        return simplified(text).precomposedStringWithCompatibilityMapping.lowercased()
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

    /// A converter for the calling thread, opened on its first use there and kept for the
    /// thread's life: a converter serializes its callers, and transforms run on several threads.
    static func converter(_ configuration: ChineseConverter.Configuration) -> ChineseConverter? {
        let key = "article-etl.opencc." + configuration.rawValue
        let dictionary = Thread.current.threadDictionary
        if let converter = dictionary[key] as? ChineseConverter { return converter }
        guard let converter = try? ChineseConverter(configuration) else { return nil }
        dictionary[key] = converter
        return converter
    }
}
