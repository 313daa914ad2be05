import Foundation
import TextTools

/// Platform boilerplate in article bodies — disclaimers, "back to the portal" links, editor lines,
/// follow prompts — removed by rules kept in `config/boilerplate.json` (documented in
/// `config/README.md`). A rule says what to look for (a regular expression or a plain substring),
/// where it may appear (first or last N paragraphs, or anywhere), what goes (the paragraph, the
/// rest of the text from it on, or only the matched text), and optionally the source platform a
/// match proves and a metadata field its first capture group fills (the editor's name).
///
/// Rules match the paragraph in a folded form, so that they hold whatever script and character
/// widths the repair steps that run first left it in: converted to Simplified Chinese (OpenCC,
/// phrase-aware) and with full-width ASCII forms and the ideographic space made half-width
/// (`特別聲明：` is matched as `特别声明:`). The rules are read by `load(path:)` (see
/// `BoilerplateRules+Loading.swift`); `BoilerplateRules+Needles.swift` holds the pre-check that
/// spares most paragraphs the fold.
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

        func applies(at index: Int, of count: Int) -> Bool {
            switch scope {
            case .first(let number): return index < number
            case .last(let number): return index >= count - number
            case .anywhere: return true
            }
        }
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
