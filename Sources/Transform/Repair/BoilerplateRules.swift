import Foundation
import Records
import TextTools

/// Platform boilerplate in article bodies — disclaimers, "back to the portal" links, editor lines,
/// follow prompts — removed by rules kept in `config/boilerplate.json` (documented in
/// `config/README.md`). A rule says what to look for (a regular expression or a plain substring),
/// where it may appear (first or last N paragraphs, or anywhere), what goes (the paragraph, the
/// rest of the text from it on, or only the matched text), and optionally the source platform a
/// match proves and a metadata field its first capture group fills (the editor's name).
///
/// Rules match the paragraph in a folded form, so that they work whatever damage was repaired
/// before: converted to Simplified Chinese (OpenCC, phrase-aware) and with full-width ASCII forms
/// and the ideographic space made half-width (`特別聲明：` is matched as `特别声明:`).
public struct BoilerplateRules: Sendable {
    public struct Rule: Sendable {
        public enum Scope: Sendable, Equatable {
            case first(Int), last(Int), anywhere
        }

        public enum Removal: String, Sendable {
            /// The paragraph that matches.
            case paragraph
            /// The paragraph that matches and every paragraph after it.
            case rest
            /// Only the matched text; the paragraph goes if nothing else is left.
            case match
        }

        public var name: String
        public var expression: NSRegularExpression {
            didSet { needles = Self.needles(of: expression) }
        }
        public var scope: Scope
        public var removal: Removal
        /// `news.sources.code` of the platform a match proves.
        public var source: String?
        /// Metadata field (such as `editor`) that the first capture group fills.
        public var metadata: String?
        /// Paragraphs longer than this (in characters) never match.
        public var maxLength: Int?
        /// ASCII punctuation and digits that every match contains (see `needles(of:)`): a paragraph
        /// with none of one of them, half- or full-width, is not folded for this rule.
        var needles: [Unicode.Scalar] = []

        public init(name: String, expression: NSRegularExpression, scope: Scope = .anywhere, removal: Removal = .paragraph,
                    source: String? = nil, metadata: String? = nil, maxLength: Int? = nil) {
            self.name = name
            self.expression = expression
            self.scope = scope
            self.removal = removal
            self.source = source
            self.metadata = metadata
            self.maxLength = maxLength
            self.needles = Self.needles(of: expression)
        }

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

        func applies(at index: Int, of count: Int) -> Bool {
            switch scope {
            case .first(let number): return index < number
            case .last(let number): return index >= count - number
            case .anywhere: return true
            }
        }
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "boilerplate rules \(path): \(message)" }
    }

    public var rules: [Rule] {
        didSet { longestLimit = Self.longestLimit(of: rules) }
    }

    /// The largest `maxLength` of the rules: a paragraph's length is counted no further.
    private var longestLimit: Int

    public init(rules: [Rule]) {
        self.rules = rules
        longestLimit = Self.longestLimit(of: rules)
    }

    private static func longestLimit(of rules: [Rule]) -> Int {
        rules.lazy.compactMap(\.maxLength).max() ?? 0
    }

    // MARK: - Loading

    /// Reads rules from a JSON file (see `config/boilerplate.json`). Unknown keys and bad values
    /// are errors that name the rule.
    public static func load(path: String) throws -> BoilerplateRules {
        try parse(ConfigJSON.data(at: path) { LoadError(path: path, message: $0) }, path: path)
    }

    static let ruleKeys: Set<String> = ["name", "pattern", "contains", "where", "remove", "source", "metadata", "maxLength", "_comment"]

    public static func parse(_ data: Data, path: String = "<data>") throws -> BoilerplateRules {
        func fail(_ message: String) -> LoadError { LoadError(path: path, message: message) }
        let object = try ConfigJSON.value(of: data, fail)
        guard let top = object as? [String: Any], let list = top["rules"] as? [[String: Any]] else {
            throw fail("the top level must be an object with a list of rules under \"rules\"")
        }
        var rules: [Rule] = []
        for (number, entry) in list.enumerated() {
            let name = entry["name"] as? String ?? "rule \(number + 1)"
            func bad(_ message: String) -> LoadError { fail("\(name): \(message)") }
            if let unknown = entry.keys.first(where: { !ruleKeys.contains($0) }) {
                throw bad("unknown key '\(unknown)'; known keys: \(ruleKeys.sorted().joined(separator: ", "))")
            }
            let expression: NSRegularExpression
            switch (entry["pattern"] as? String, entry["contains"] as? String) {
            case (let pattern?, nil):
                do { expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) } catch {
                    throw bad("pattern is not a valid regular expression")
                }
            case (nil, let text?) where !text.isEmpty:
                expression = try NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: text), options: [.caseInsensitive])
            default:
                throw bad("needs exactly one of 'pattern' (a regular expression) or 'contains' (plain text)")
            }
            var scope = Rule.Scope.anywhere
            if let text = entry["where"] {
                guard let text = text as? String, let parsed = parseScope(text) else {
                    throw bad("'where' must be \"anywhere\", \"first:N\" or \"last:N\"")
                }
                scope = parsed
            }
            var removal = Rule.Removal.paragraph
            if let text = entry["remove"] {
                guard let text = text as? String, let parsed = Rule.Removal(rawValue: text) else {
                    throw bad("'remove' must be \"paragraph\", \"rest\" or \"match\"")
                }
                removal = parsed
            }
            let source = entry["source"] as? String
            if entry["source"] != nil && source == nil { throw bad("'source' must be a source code such as \"netease-hao\"") }
            let metadata = entry["metadata"] as? String
            if entry["metadata"] != nil && metadata == nil { throw bad("'metadata' must be a field name such as \"editor\"") }
            if metadata != nil && expression.numberOfCaptureGroups < 1 { throw bad("'metadata' needs a capture group in the pattern") }
            let maxLength = entry["maxLength"] as? Int
            if entry["maxLength"] != nil && (maxLength ?? 0) <= 0 { throw bad("'maxLength' must be a positive integer") }
            rules.append(Rule(name: name, expression: expression, scope: scope, removal: removal, source: source,
                              metadata: metadata, maxLength: maxLength))
        }
        return BoilerplateRules(rules: rules)
    }

    static func parseScope(_ text: String) -> Rule.Scope? {
        if text == "anywhere" { return .anywhere }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let number = Int(parts[1]), number > 0 else { return nil }
        switch parts[0] {
        case "first": return .first(number)
        case "last": return .last(number)
        default: return nil
        }
    }

    /// `config/boilerplate.json` in the working directory if present, else the one in the source
    /// tree this binary was built from.
    public static func defaultPath() -> String {
        ProjectFiles.path("config/boilerplate.json")
    }

    private static let loadedDefault: Result<BoilerplateRules, LoadError> = {
        let path = defaultPath()
        do { return .success(try load(path: path)) } catch let error as LoadError {
            return .failure(error)
        } catch {
            return .failure(LoadError(path: path, message: "\(error)"))
        }
    }()

    /// The default rules, loaded once; no rules if the file could not be read (see `defaultLoadError`).
    public static var `default`: BoilerplateRules {
        (try? loadedDefault.get()) ?? BoilerplateRules(rules: [])
    }

    /// Why the default rules could not be loaded, if they could not.
    public static var defaultLoadError: String? {
        if case .failure(let error) = loadedDefault { return error.description }
        return nil
    }

    // MARK: - Applying

    public struct Outcome: Equatable, Sendable {
        public var paragraphs: [String]
        /// Names of the rules that removed something, in order.
        public var matched: [String]
        public var source: String?
        public var metadata: [String: String]
    }

    /// Applies the rules to paragraphs (or lines) in order. Empty entries are blank lines: they
    /// are kept and not counted by `first:N`/`last:N`. A removed paragraph leaves an empty entry,
    /// so that the text around it is not joined across it; text cut by a `rest` rule is gone.
    public func apply(_ paragraphs: [String]) -> Outcome {
        var outcome = Outcome(paragraphs: paragraphs, matched: [], source: nil, metadata: [:])
        guard !rules.isEmpty else { return outcome }
        let visible = paragraphs.indices.filter { !paragraphs[$0].isEmpty }
        var cut = paragraphs.count
        for (position, index) in visible.enumerated() where index < cut {
            let paragraph = paragraphs[index]
            // Most paragraphs meet no rule (or only rules for shorter ones): their length (counted
            // no further than the longest limit) and folded form (an OpenCC conversion) are worked
            // out only when a rule needs them.
            lazy var length = paragraph.count(upTo: longestLimit + 1)
            lazy var present = Self.asciiPresent(paragraph)
            lazy var form = Self.matchForm(paragraph)
            lazy var range = NSRange(form.startIndex..., in: form)
            for rule in rules where rule.applies(at: position, of: visible.count) {
                if let limit = rule.maxLength, length > limit { continue }
                // A rule whose needles are not all in the paragraph cannot match: no fold needed for it.
                if !rule.needles.isEmpty, !rule.mayMatch(present: present) { continue }
                guard let match = rule.expression.firstMatch(in: form, range: range) else { continue }
                if let metadata = rule.metadata, match.numberOfRanges > 1, let value = Range(match.range(at: 1), in: form) {
                    let text = form[value].trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty, outcome.metadata[metadata] == nil { outcome.metadata[metadata] = text }
                }
                switch rule.removal {
                case .paragraph:
                    outcome.paragraphs[index] = ""
                case .rest:
                    cut = index
                case .match:
                    outcome.paragraphs[index] = Self.removing(match.range, of: form, from: paragraph) ?? ""
                }
                outcome.matched.append(rule.name)
                if outcome.source == nil { outcome.source = rule.source }
                break
            }
        }
        outcome.paragraphs.removeSubrange(cut...)
        // Rules never take a whole body: a record whose only text is, say, an “原标题：…” line keeps
        // it (still flagged and credited), rather than becoming a reject for having no body.
        if !visible.isEmpty && !outcome.paragraphs.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
            outcome.paragraphs = paragraphs
        }
        return outcome
    }

    /// `paragraph` without the characters `range` covers in its folded `form`, trimmed; nil if
    /// nothing is left or folding moved characters (then the whole paragraph goes).
    static func removing(_ range: NSRange, of form: String, from paragraph: String) -> String? {
        let original = Array(paragraph.unicodeScalars)
        guard original.count == form.unicodeScalars.count, let matched = Range(range, in: form) else { return nil }
        let scalars = form.unicodeScalars
        let start = scalars.distance(from: scalars.startIndex, to: matched.lowerBound)
        let end = scalars.distance(from: scalars.startIndex, to: matched.upperBound)
        let rest = String(scalars: original[..<start] + original[end...]).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest
    }

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

    /// The paragraph as rules see it: Simplified Chinese, full-width ASCII forms made half-width.
    static func matchForm(_ paragraph: String) -> String {
        let text = SimplifiedForms.converted(paragraph)
        guard text.unicodeScalars.contains(where: { halfWidth($0) != $0 }) else { return text }
        return String(scalars: text.unicodeScalars.lazy.map(halfWidth))
    }

    /// A full-width ASCII form (`：`, `Ａ`) or the ideographic space as its half-width twin; any
    /// other scalar as it is. What rules see, and what `asciiPresent` counts.
    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x3000: " "
        default: scalar
        }
    }
}
