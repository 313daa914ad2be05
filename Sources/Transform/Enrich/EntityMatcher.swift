import Records
import TextTools

/// Finds the entities an article names (`news.mentions`): the aliases of an `EntityList`, matched
/// in the search form of the text (Simplified, NFKC, lower case: `SearchText.form`), plus foreign
/// person names in transliteration that the list does not hold (`TransliteratedNames`).
///
/// - The longest match wins and takes its span: `马克·扎克伯格` is one mention of 扎克伯格, not also
///   one of the shorter alias inside it; `三星堆` (an `ignore` phrase) hides `三星`.
/// - Aliases that begin or end with a Latin letter or digit match on word boundaries there:
///   `Meta` is not found in `metadata`, `GPT-4` not in `GPT-4o` or `GPT-4.5`.
/// - Mentions come sorted by kind, then name; `count` is the occurrences in title and body.
///
/// Built once (the automaton holds every alias); immutable, so one matcher serves all threads.
public struct EntityMatcher: Sendable {
    struct Target: Sendable {
        /// Index in `entities`, or -1 for an ignore phrase.
        var entity: Int
        var boundaryBefore: Bool
        var boundaryAfter: Bool
        /// The alias ends with a digit: `4.5` after `GPT-4` continues it.
        var endsWithDigit: Bool
    }

    let entities: [(kind: EntityKind, name: String)]
    let targets: [Target]
    let automaton: AliasAutomaton

    public init(list: EntityList) {
        var entities: [(kind: EntityKind, name: String)] = []
        var patterns: [[UInt32]] = []
        var targets: [Target] = []
        func add(_ alias: String, entity: Int) {
            let scalars = Self.fold(Array(SearchText.form(alias).unicodeScalars.map(\.value)))
            guard let first = scalars.first, let last = scalars.last else { return }
            patterns.append(scalars)
            targets.append(Target(entity: entity, boundaryBefore: Self.isWordScalar(first), boundaryAfter: Self.isWordScalar(last),
                                  endsWithDigit: last >= 0x30 && last <= 0x39))
        }
        for entity in list.entities {
            entities.append((entity.kind, entity.name))
            for alias in [entity.name] + entity.aliases { add(alias, entity: entities.count - 1) }
        }
        for phrase in list.ignore { add(phrase, entity: -1) }
        self.entities = entities
        self.targets = targets
        automaton = AliasAutomaton(patterns: patterns)
    }

    /// The curated list in `config/entities.json`.
    public static let standard = EntityMatcher(list: .standard)

    /// Mentions in an article's title and body (converted to the search form here).
    public func mentions(title: String, body: String) -> [Mention] {
        mentions(searchTitle: SearchText.form(title), searchBody: SearchText.form(body))
    }

    /// Mentions in a title and body already in the search form (`SearchText.form`), for callers that
    /// have computed it anyway.
    public func mentions(searchTitle: String, searchBody: String) -> [Mention] {
        var counts: [Int: Int] = [:]
        var candidates: [String: Int] = [:]
        for text in [searchTitle, searchBody] where !text.isEmpty {
            let scalars = Self.fold(text.mapScalars(\.value))
            let (found, covered) = matches(in: scalars)
            for entity in found { counts[entity, default: 0] += 1 }
            for name in TransliteratedNames.find(in: scalars, covered: covered) { candidates[name, default: 0] += 1 }
        }
        var byKey: [String: Mention] = [:]   // kind + name: a candidate may equal a listed name
        for (entity, count) in counts {
            let (kind, name) = entities[entity]
            byKey[kind.rawValue + "\u{0}" + name, default: Mention(kind: kind, name: name, count: 0)].count += count
        }
        for (name, count) in candidates {
            byKey["person\u{0}" + name, default: Mention(kind: .person, name: name, count: 0)].count += count
        }
        return byKey.values.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    }

    /// The entities matched in `text` (one element per occurrence) and the scalars their matches
    /// (and those of ignore phrases) cover. The longest match is taken first; ties go to the
    /// earlier one.
    func matches(in text: [UInt32]) -> (entities: [Int], covered: [Bool]) {
        var found: [(start: Int, end: Int, target: Int)] = []
        automaton.forEachMatch(in: text) { start, end, pattern in
            let target = targets[pattern]
            if target.boundaryBefore, start > 0, Self.isWordScalar(text[start - 1]) { return }
            if target.boundaryAfter, end < text.count {
                if Self.isWordScalar(text[end]) { return }
                if target.endsWithDigit, text[end] == 0x2E, end + 1 < text.count, Self.isDigit(text[end + 1]) { return }
            }
            found.append((start, end, pattern))
        }
        var covered = [Bool](repeating: false, count: text.count)
        var entities: [Int] = []
        found.sort { ($0.end - $0.start, $1.start, $1.target) > ($1.end - $1.start, $0.start, $0.target) }
        for match in found where !covered[match.start..<match.end].contains(true) {
            for index in match.start..<match.end { covered[index] = true }
            let entity = targets[match.target].entity
            if entity >= 0 { entities.append(entity) }
        }
        return (entities, covered)
    }

    /// Makes every way of writing the dot inside a foreign name the middle dot `·`: `•`, `‧`, `・`,
    /// `∙`, `⋅`, and a full stop between two Han characters (马克.扎克伯格).
    static func fold(_ scalars: [UInt32]) -> [UInt32] {
        var folded = scalars
        for index in folded.indices {
            switch folded[index] {
            case 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x0387:
                folded[index] = TransliteratedNames.separator
            case 0x2E where index > 0 && index + 1 < folded.count && isHan(folded[index - 1]) && isHan(folded[index + 1]):
                folded[index] = TransliteratedNames.separator
            default:
                break
            }
        }
        return folded
    }

    static func isDigit(_ scalar: UInt32) -> Bool { scalar >= 0x30 && scalar <= 0x39 }

    /// ASCII letters and digits: the characters a Latin alias must not run into.
    static func isWordScalar(_ scalar: UInt32) -> Bool {
        isDigit(scalar) || (scalar >= 0x61 && scalar <= 0x7A) || (scalar >= 0x41 && scalar <= 0x5A)
    }

    static func isHan(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x20000...0x2EBEF).contains(scalar)
    }
}
