import Foundation
import TextTools

/// The form of a text used for search and duplicate detection: Simplified Chinese (OpenCC,
/// phrase-aware), NFKC (full-width letters and digits become ASCII), lower case.
public enum SearchForm {
    public static func of(_ text: String) -> String {
        let simplified = ChineseConverter.toSimplified?.convert(text) ?? text
        return simplified.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
