import Foundation

/// The pre-check that spares most paragraphs the fold (an OpenCC conversion) a rule's regular
/// expression is matched against: the ASCII punctuation and digits a rule's every match contains,
/// read off its pattern, and those a paragraph has.
extension BoilerplateRules.Rule {
    /// Characters that every match of the pattern contains, read off it conservatively: ASCII
    /// punctuation and digits written as themselves (`:`, `\(`) or as a class of one (`[:]`) at
    /// the top level — outside groups and classes, and not made optional by `?`, `*` or `{0`.
    /// None for a pattern with a top-level `|`, options other than ignoring case (inline or
    /// given), `\Q` quoting, a character written by its code (`\x3A`, `\u003A`, `\012`, `\cA`,
    /// `\N{…}`), a named back-reference (`\k<name>`) or a class inside a class (`[[:space:]]`).
    ///
    /// Letters are left out (matching ignores case), and so are Han characters: OpenCC's phrase
    /// table can turn one Han character into another. ASCII punctuation and digits are safe:
    /// OpenCC's Traditional→Simplified tables map Han text to Han text, so a `:` in the folded
    /// form was a `:` or a `：` in the paragraph.
    static func needles(of expression: NSRegularExpression) -> [Unicode.Scalar] {
        let pattern = Array(expression.pattern.unicodeScalars)
        guard expression.options.subtracting(.caseInsensitive).isEmpty else { return [] }
        // Options, quoting, escapes whose digits would read as literals (\x3A, \u003A, \012, \cA),
        // and named back-references, whose <name> is no literal.
        for marker in ["(?", "\\Q", "\\x", "\\u", "\\U", "\\N", "\\0", "\\c", "\\k"] where expression.pattern.contains(marker) {
            return []
        }
        var nested = false   // a class inside a class: where the outer one ends is not read here
        var found: [Unicode.Scalar] = []
        var index = 0
        /// Moves `index` past a class that starts at it; the class's one member if it has exactly one.
        func skipClass() -> Unicode.Scalar? {
            var members: [Unicode.Scalar] = []
            var plain = true
            index += 1
            if index < pattern.count, pattern[index] == "^" { plain = false; index += 1 }
            var first = true
            while index < pattern.count, pattern[index] != "]" || first {
                first = false
                if pattern[index] == "\\", index + 1 < pattern.count {
                    let escaped = pattern[index + 1]
                    if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) { plain = false } else { members.append(escaped) }
                    index += 2
                } else {
                    if pattern[index] == "[" { nested = true }
                    if pattern[index] == "[" || pattern[index] == "-" || pattern[index] == "&" { plain = false }
                    members.append(pattern[index])
                    index += 1
                }
            }
            index += 1
            return plain && members.count == 1 ? members[0] : nil
        }
        /// Moves `index` past a group that starts at it.
        func skipGroup() {
            var depth = 0
            while index < pattern.count {
                switch pattern[index] {
                case "\\": index += 2; continue
                case "[": _ = skipClass(); continue
                case "(": depth += 1
                case ")": depth -= 1
                default: break
                }
                index += 1
                if depth == 0 { return }
            }
        }
        while index < pattern.count {
            var literal: Unicode.Scalar?
            switch pattern[index] {
            case "|":
                return []
            case "[":
                literal = skipClass()
            case "(":
                skipGroup()
            case "\\":
                guard index + 1 < pattern.count else { return [] }
                let escaped = pattern[index + 1]
                index += 2
                if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) {
                    // \s, \d, \b, a back-reference; \p{…} and \x{…} take their braces along.
                    if index < pattern.count, pattern[index] == "{" {
                        while index < pattern.count, pattern[index] != "}" { index += 1 }
                        index += 1
                    }
                } else {
                    literal = escaped
                }
            case ".", "^", "$":
                index += 1
            default:
                literal = pattern[index]
                index += 1
            }
            // A quantifier after the atom: optional ones make it no needle.
            var optional = false
            if index < pattern.count {
                switch pattern[index] {
                case "?", "*":
                    optional = true
                    index += 1
                case "+":
                    index += 1
                case "{":
                    optional = index + 1 < pattern.count && pattern[index + 1] == "0"
                    while index < pattern.count, pattern[index] != "}" { index += 1 }
                    index += 1
                default:
                    break
                }
                // Lazy and possessive forms.
                if index < pattern.count, pattern[index] == "?" || pattern[index] == "+" { index += 1 }
            }
            if let literal, !optional, (0x21...0x7E).contains(literal.value), !literal.properties.isAlphabetic,
               !found.contains(literal) {
                found.append(literal)
            }
        }
        return nested ? [] : found
    }

    /// Whether `present` (see `BoilerplateRules.asciiPresent`) has every needle of the rule.
    func mayMatch(present: (UInt64, UInt64)) -> Bool {
        needles.allSatisfy { needle in
            needle.value < 64 ? present.0 & (1 << needle.value) != 0 : present.1 & (1 << (needle.value - 64)) != 0
        }
    }
}

extension BoilerplateRules {
    /// Which ASCII characters the paragraph has, full-width forms counted as their ASCII twins (as
    /// `matchForm` makes them): bit `c` of the first word for `c` < 64, bit `c - 64` of the second.
    static func asciiPresent(_ paragraph: String) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for scalar in paragraph.unicodeScalars {
            let value = halfWidth(scalar).value
            if value < 64 { low |= 1 << value } else if value < 128 { high |= 1 << (value - 64) }
        }
        return (low, high)
    }
}
