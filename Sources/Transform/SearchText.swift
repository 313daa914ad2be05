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
        lowercased(Normalization.normalized(simplified(text), .compatibility))
    }

    /// `text.lowercased()`. Search text is mostly Chinese with some ASCII: when every character
    /// is ASCII or of a block that has no letter case (CJK, kana, punctuation), only `A`–`Z` can
    /// change, and they are lowered byte by byte instead of going through Unicode case mapping.
    static func lowercased(_ text: String) -> String {
        guard text.unicodeScalars.allSatisfy(isASCIIOrCaseless) else { return text.lowercased() }
        guard text.utf8.contains(where: isASCIIUppercase) else { return text }
        return String(decoding: text.utf8.map { isASCIIUppercase($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func isASCIIOrCaseless(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xBF, 0x2000...0x206F, 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            return true
        default:
            return false
        }
    }

    private static func isASCIIUppercase(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

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
