import CLD2Language

/// The language of an article: Chinese, Japanese and Korean from the letters they are written in
/// (`ScriptDetection`: `zh` with `Hans` or `Hant`, `ja`, `ko`), every other language from Compact
/// Language Detector 2 (libcld2), on at most the first `sampleBytes` of the text. CLD2's answer is
/// taken only when it judges it reliable; else, and for text too short to tell, the language is
/// `und` (the script is still given).
public enum LanguageDetection {
    /// How much of a text CLD2 reads: enough for a reliable answer, cheap for a long article.
    public static let sampleBytes = 4096

    public static func detect(_ text: String) -> ScriptDetection.Result {
        var result = ScriptDetection.detect(text, guessingLatin: false)
        if result.lang == "zh" || result.lang == "ja" || result.lang == "ko" { return result }
        guard let found = cld2(text), found.reliable else {
            result.lang = "und"
            return result
        }
        result.lang = found.lang
        return result
    }

    /// CLD2's answer for the start of `text`: the language's primary subtag (`und` for CLD2's
    /// "unknown") and whether CLD2 judged it reliable.
    static func cld2(_ text: String) -> (lang: String, reliable: Bool)? {
        var text = text
        var result = etl_cld2_result()
        let found: Bool = text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            // Cut at a scalar boundary: CLD2 must be given whole UTF-8 sequences.
            var length = min(bytes.count, sampleBytes)
            while length < bytes.count && length > 0 && bytes[length] & 0xC0 == 0x80 { length -= 1 }
            bytes.withMemoryRebound(to: CChar.self) { etl_cld2_detect($0.baseAddress, Int32(length), &result) }
            return true
        }
        guard found else { return nil }
        let code = withUnsafeBytes(of: result.code) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return (primarySubtag(code), result.reliable != 0)
    }

    /// `zh-Hant` → `zh`; CLD2's older codes to BCP 47's (`iw` → `he`, `jw` → `jv`); `un` → `und`.
    static func primarySubtag(_ code: String) -> String {
        let primary = code.split(separator: "-").first.map(String.init) ?? ""
        switch primary {
        case "", "un", "xx": return "und"
        case "iw": return "he"
        case "jw": return "jv"
        case "in": return "id"
        case "ji": return "yi"
        default: return primary.lowercased()
        }
    }
}
