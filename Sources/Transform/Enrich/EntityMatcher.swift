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
/// - Nothing is matched inside a URL, an e-mail address or a bare host name (`www.apple.com`,
///   `news@apple.com`, `bbc.co.uk`), unless the whole address is an alias (`JD.com`).
/// - Common words (`EntityList.Entity.commonWords`: Apple, Amazon, Claude, Musk) match only as
///   written (`apple` is fruit) and only where the words beside them do not make them another name:
///   a capitalised word right after (`Apple Valley`, `Claude Monet`, `Amazon River`) or right
///   before (`Big Apple`, `Jean-Claude`) means another name, unless it is one of the list's
///   `name_words` (`Apple Inc.`, `Apple Watch`, `Apple CEO`), an acronym, a possessive, or an
///   alias itself (`Meta Llama`); the entity's `other_senses` right after (`Amazon rainforest`,
///   `Apple pie`) mean another thing. At the start of a sentence and in a headline in title case a
///   capital proves nothing: such an occurrence counts unless the article also uses the word
///   otherwise (in lower case or as another name) and never as the entity elsewhere.
/// - A surname alone (an alias that ends another alias of the same person: `Altman` of
///   `Sam Altman`, 马斯克 of 埃隆·马斯克) after another given name (`Jeffrey Altman`, 金巴尔·马斯克)
///   is another person; and once an article names another person of that surname, its bare
///   surnames count only if it also names the listed person in full.
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
        /// A common word: the alias as it must be written (search form before lower case).
        var cased: [UInt32]?
        /// The alias is a person's surname alone.
        var surname: Bool
    }

    struct Entry: Sendable {
        var kind: EntityKind
        var name: String
        var english: String?
        var otherSenses: Set<String>
    }

    let entities: [Entry]
    let targets: [Target]
    let automaton: AliasAutomaton
    /// `EntityList.nameWords`, in lower case without a final full stop.
    let nameWords: Set<String>

    public init(list: EntityList) {
        var entities: [Entry] = []
        var patterns: [[UInt32]] = []
        var targets: [Target] = []
        func add(_ alias: String, entity: Int, common: Bool = false, surname: Bool = false) {
            let (cased, scalars) = Self.prepare(SearchText.casedForm(alias))
            guard let first = scalars.first, let last = scalars.last else { return }
            patterns.append(scalars)
            targets.append(Target(entity: entity, boundaryBefore: Self.isWordScalar(first), boundaryAfter: Self.isWordScalar(last),
                                  endsWithDigit: last >= 0x30 && last <= 0x39, cased: common ? cased : nil, surname: surname))
        }
        for entity in list.entities {
            entities.append(Entry(kind: entity.kind, name: entity.name, english: entity.english,
                                  otherSenses: Set(entity.otherSenses.map { $0.lowercased() })))
            let common = Set(entity.commonWords.map(SearchText.form))
            var seen = Set<String>()
            let spellings = entity.spellings.filter { seen.insert(SearchText.form($0)).inserted }
            let forms = spellings.map { Self.prepare(SearchText.casedForm($0)).lowered }
            for (alias, form) in zip(spellings, forms) {
                let surname = entity.kind == .person && Self.isSurname(form, among: forms)
                add(alias, entity: entities.count - 1, common: common.contains(SearchText.form(alias)), surname: surname)
            }
        }
        for phrase in list.ignore { add(phrase, entity: -1) }
        self.entities = entities
        self.targets = targets
        nameWords = Set(list.nameWords.map(Self.wordKey))
        automaton = AliasAutomaton(patterns: patterns)
    }

    /// A one-word form that ends another form after a space or a name separator (`altman` of
    /// `sam altman`, 马斯克 of 埃隆·马斯克).
    static func isSurname(_ form: [UInt32], among forms: [[UInt32]]) -> Bool {
        guard !form.isEmpty, !form.contains(0x20), !form.contains(TransliteratedNames.separator) else { return false }
        return forms.contains { other in
            other.count > form.count + 1 && other.suffix(form.count).elementsEqual(form)
                && [0x20, TransliteratedNames.separator].contains(other[other.count - form.count - 1])
        }
    }

    /// The curated list in `config/entities.json`.
    public static let standard = EntityMatcher(list: .standard)

    /// Mentions in an article's title and body (converted to the search form here).
    public func mentions(title: String, body: String) -> [Mention] {
        mentions(casedTitle: SearchText.casedForm(title), casedBody: SearchText.casedForm(body))
    }

    /// How an occurrence of a listed entity counts.
    struct Occurrence: Equatable {
        var entity: Int
        /// Only a capital at the start of a sentence or in a title-case headline speaks for it.
        var weak = false
        /// A surname alone.
        var surname = false
        /// Not the entity: a common word used otherwise, or a surname after another given name.
        var rejected = false
        /// Rejected as a surname after another given name.
        var otherPerson = false
    }

    /// Mentions in a title and body already in the search form before lower case
    /// (`SearchText.casedForm`), for callers that have computed it anyway.
    public func mentions(casedTitle: String, casedBody: String) -> [Mention] {
        var occurrences: [Occurrence] = []
        var candidates: [String: Int] = [:]
        for (text, isTitle) in [(casedTitle, true), (casedBody, false)] where !text.isEmpty {
            let (cased, lowered) = Self.prepare(text)
            let (found, covered) = matches(cased: cased, lowered: lowered, isTitle: isTitle)
            occurrences += found
            for name in TransliteratedNames.find(in: lowered, covered: covered) { candidates[name, default: 0] += 1 }
        }
        var byKey: [String: Mention] = [:]   // kind + name: a candidate may equal a listed name
        for (entity, count) in Self.counts(occurrences) {
            let entry = entities[entity]
            byKey[entry.kind.rawValue + "\u{0}" + entry.name,
                  default: Mention(kind: entry.kind, name: entry.name, count: 0, english: entry.english)].count += count
        }
        for (name, count) in candidates {
            byKey["person\u{0}" + name, default: Mention(kind: .person, name: name, count: 0)].count += count
        }
        return byKey.values.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
    }

    /// The occurrences that count, per entity, judged over the whole article (see the type's
    /// description): weak ones count when the entity is named plainly elsewhere or the word is
    /// never used otherwise; bare surnames when the person is named in full or no other person of
    /// that surname is.
    static func counts(_ occurrences: [Occurrence]) -> [Int: Int] {
        struct Tally { var plain = 0, weak = 0, plainSurname = 0, weakSurname = 0, otherUse = false, otherPerson = false }
        var tallies: [Int: Tally] = [:]
        for occurrence in occurrences {
            var tally = tallies[occurrence.entity, default: Tally()]
            if occurrence.rejected {
                if occurrence.otherPerson { tally.otherPerson = true } else { tally.otherUse = true }
            } else {
                switch (occurrence.weak, occurrence.surname) {
                case (false, false): tally.plain += 1
                case (true, false): tally.weak += 1
                case (false, true): tally.plainSurname += 1
                case (true, true): tally.weakSurname += 1
                }
            }
            tallies[occurrence.entity] = tally
        }
        var counts: [Int: Int] = [:]
        for (entity, tally) in tallies {
            let weakCounts = tally.plain + tally.plainSurname > 0 || !tally.otherUse
            let full = tally.plain > 0 || (weakCounts && tally.weak > 0)
            let surnamesCount = full || !tally.otherPerson
            let count = tally.plain + (weakCounts ? tally.weak : 0)
                + (surnamesCount ? tally.plainSurname + (weakCounts ? tally.weakSurname : 0) : 0)
            if count > 0 { counts[entity] = count }
        }
        return counts
    }

    /// The listed entities' occurrences in one text (`cased` and its lower case `lowered`, scalar
    /// for scalar) and the scalars their matches (and those of ignore phrases) cover. The longest
    /// match is taken first; ties go to the earlier one.
    func matches(cased: [UInt32], lowered text: [UInt32], isTitle: Bool = false) -> (occurrences: [Occurrence], covered: [Bool]) {
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
        guard !found.isEmpty else { return ([], covered) }
        // Only Latin aliases can stand inside an address: a text without one needs no look for them.
        let latin = found.contains { targets[$0.target].boundaryBefore || targets[$0.target].boundaryAfter }
        let addresses = latin ? Self.addresses(in: cased) : []
        found.sort { ($0.end - $0.start, $1.start, $1.target) > ($1.end - $1.start, $0.start, $0.target) }
        var taken: [(start: Int, end: Int, target: Int)] = []
        for match in found where !covered[match.start..<match.end].contains(true) {
            // Inside an address, only an alias that is the whole address counts.
            if addresses.contains(where: { $0.overlaps(match.start..<match.end) && $0 != match.start..<match.end }) { continue }
            for index in match.start..<match.end { covered[index] = true }
            taken.append(match)
        }
        taken.sort { $0.start < $1.start }
        var context = Context(cased: cased, nameWords: nameWords, taken: taken, isTitle: isTitle)
        var occurrences: [Occurrence] = []
        for match in taken {
            let target = targets[match.target]
            guard target.entity >= 0 else { continue }
            var occurrence = Occurrence(entity: target.entity, surname: target.surname)
            if let written = target.cased {
                if !cased[match.start..<match.end].elementsEqual(written), !Self.isCapitals(cased[match.start..<match.end]) {
                    occurrence.rejected = true
                } else {
                    let judged = context.commonWord(start: match.start, end: match.end, otherSenses: entities[target.entity].otherSenses)
                    occurrence.rejected = judged.otherName
                    occurrence.weak = judged.weak
                }
            }
            if target.surname, !occurrence.rejected, context.otherGivenName(before: match.start) {
                occurrence.rejected = true
                occurrence.otherPerson = true
                for index in match.start..<match.end { covered[index] = false }   // 金巴尔·马斯克 is a name of its own
            }
            occurrences.append(occurrence)
        }
        return (occurrences, covered)
    }

    /// The words around a match, read in the cased text.
    struct Context {
        let cased: [UInt32]
        let nameWords: Set<String>
        /// The matches taken, by start.
        let taken: [(start: Int, end: Int, target: Int)]
        /// The text is a title: it may be a headline in title case even if it ends like a sentence.
        let isTitle: Bool
        /// The last line judged for title case: its start and the answer.
        var titleCaseLine: (start: Int, titleCase: Bool)?

        /// Whether a common word, written as listed, is another name here (or another sense), and
        /// whether it is only weakly the entity (its capital may be the sentence's or the headline's).
        mutating func commonWord(start: Int, end: Int, otherSenses: Set<String>) -> (otherName: Bool, weak: Bool) {
            let titleCase = isTitleCase(lineAround: start)
            if let next = word(after: end) {
                if otherSenses.contains(next.text.lowercased()) { return (true, false) }
                if !titleCase, EntityMatcher.isUpper(cased[next.start]), !isNameWord(next.text),
                   !taken.contains(where: { $0.start == next.start }) {
                    return (true, false)
                }
            }
            if !titleCase, let previous = word(before: start), EntityMatcher.isUpper(cased[previous.start]),
               !isNameWord(previous.text), !taken.contains(where: { $0.end == previous.end }) {
                return (true, false)
            }
            return (false, titleCase || isSentenceStart(start))
        }

        /// A capitalised word right before a surname that is not a title, an acronym, a possessive
        /// or an alias: `Jeffrey Altman`. For Chinese, any name part before the dot: 金巴尔·马斯克.
        func otherGivenName(before start: Int) -> Bool {
            guard start > 0 else { return false }
            if cased[start - 1] == TransliteratedNames.separator { return true }
            guard cased[start - 1] == 0x20, let previous = word(before: start), EntityMatcher.isUpper(cased[previous.start]) else { return false }
            return !isNameWord(previous.text) && !taken.contains(where: { $0.end == previous.end })
        }

        /// A word that does not make a name another: a listed name word, an acronym (`CEO`), a
        /// possessive (`Anthropic's`).
        func isNameWord(_ word: String) -> Bool {
            if nameWords.contains(EntityMatcher.wordKey(word)) { return true }
            if word.hasSuffix("'s") || word.hasSuffix("\u{2019}s") { return true }
            let letters = word.unicodeScalars.filter { EntityMatcher.isLetter($0.value) }
            return letters.count >= 2 && letters.allSatisfy { EntityMatcher.isUpper($0.value) }
        }

        /// The word after one space or hyphen after `end`.
        func word(after end: Int) -> (start: Int, text: String)? {
            guard end + 1 < cased.count, cased[end] == 0x20 || cased[end] == 0x2D, EntityMatcher.isLetter(cased[end + 1]) else { return nil }
            var stop = end + 1
            while stop < cased.count, EntityMatcher.isWordPart(cased[stop]) { stop += 1 }
            return (end + 1, Self.text(cased[(end + 1)..<stop]))
        }

        /// The word before one space or hyphen before `start`.
        func word(before start: Int) -> (start: Int, end: Int, text: String)? {
            guard start >= 2, cased[start - 1] == 0x20 || cased[start - 1] == 0x2D, EntityMatcher.isWordPart(cased[start - 2]) else { return nil }
            var first = start - 1
            while first > 0, EntityMatcher.isWordPart(cased[first - 1]) { first -= 1 }
            // A word ending in a full stop ends a sentence (or is an initial): nothing stands before.
            guard EntityMatcher.isLetter(cased[first]), cased[start - 2] != 0x2E else { return nil }
            return (first, start - 1, Self.text(cased[first..<(start - 1)]))
        }

        static func text(_ scalars: ArraySlice<UInt32>) -> String {
            var text = ""
            for value in scalars { if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) } }
            return text
        }

        /// Nothing but spaces, opening quotes or brackets since the start of the text, a line, or
        /// the end of a sentence (`.`, `!`, `?`, `:` and their full-width forms).
        func isSentenceStart(_ start: Int) -> Bool {
            var index = start - 1
            while index >= 0, [0x20, 0x22, 0x27, 0x28, 0x5B, 0x201C, 0x2018, 0x300C, 0x300A, 0x3000].contains(cased[index]) { index -= 1 }
            guard index >= 0 else { return true }
            return [0x0A, 0x2E, 0x21, 0x3F, 0x3A, 0x3002, 0xFF01, 0xFF1F, 0xFF1A, 0x2026].contains(cased[index])
        }

        /// A title, or a line of the body that does not end like a sentence (a subheading), whose
        /// Latin words of four letters or more (at least three) all have a capital, but for a few
        /// short prepositions and conjunctions (`with`, `from`): a headline in title case. A line
        /// of running text full of names has some small word of that length (`the head of`).
        mutating func isTitleCase(lineAround position: Int) -> Bool {
            var start = position
            while start > 0, cased[start - 1] != 0x0A { start -= 1 }
            if let known = titleCaseLine, known.start == start { return known.titleCase }
            var end = position
            while end < cased.count, cased[end] != 0x0A { end += 1 }
            var last = end
            while last > start, cased[last - 1] == 0x20 { last -= 1 }
            var answer = false
            if isTitle || last == start || ![0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x22, 0x201D].contains(cased[last - 1]) {
                var words = 0, index = start
                answer = true
                while index < end {
                    guard EntityMatcher.isLetter(cased[index]) else { index += 1; continue }
                    let first = index
                    var capital = false
                    while index < end, EntityMatcher.isLetter(cased[index]) {
                        if EntityMatcher.isUpper(cased[index]) { capital = true }
                        index += 1
                    }
                    guard index - first >= 4 else { continue }
                    words += 1
                    if !capital, !Self.smallWords.contains(Self.text(cased[first..<index])) {
                        answer = false
                        break
                    }
                }
                answer = answer && words >= 3
            }
            titleCaseLine = (start, answer)
            return answer
        }

        /// Words of four letters or more that a title in title case may leave in lower case.
        static let smallWords: Set<String> = [
            "with", "from", "into", "onto", "over", "than", "that", "upon", "about", "after", "under", "amid", "like",
            "near", "past", "versus", "through", "toward", "towards", "without", "between", "against", "during",
        ]
    }

    /// The runs of `text` that are a URL (`https://…`, `www.…`), an e-mail address, or a bare
    /// host name (`bbc.co.uk`: labels joined by dots, the last in small letters).
    static func addresses(in text: [UInt32]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        let count = text.count
        func isHostPart(_ scalar: UInt32) -> Bool { isWordScalar(scalar) || scalar == 0x2D || scalar == 0x2E || scalar == 0x5F }
        func isURLPart(_ scalar: UInt32) -> Bool { scalar > 0x20 && scalar < 0x7F && scalar != 0x22 && scalar != 0x3C && scalar != 0x3E }
        while index < count {
            let scalar = text[index]
            var run: Range<Int>?
            if scalar == 0x3A, index + 2 < count, text[index + 1] == 0x2F, text[index + 2] == 0x2F {
                // scheme://…
                var start = index
                while start > 0, isWordScalar(text[start - 1]) || text[start - 1] == 0x2B || text[start - 1] == 0x2D { start -= 1 }
                var end = index + 3
                while end < count, isURLPart(text[end]) { end += 1 }
                if start < index { run = start..<end }
            } else if scalar == 0x40, index > 0, index + 1 < count {
                // local@host.domain
                var start = index
                while start > 0, isHostPart(text[start - 1]) || text[start - 1] == 0x25 || text[start - 1] == 0x2B { start -= 1 }
                var end = index + 1
                while end < count, isHostPart(text[end]) { end += 1 }
                while end > index + 1, text[end - 1] == 0x2E { end -= 1 }   // a sentence's full stop
                if start < index, text[(index + 1)..<end].contains(0x2E) { run = start..<end }
            } else if scalar == 0x2E, index > 0, index + 1 < count, isWordScalar(text[index - 1]), isLower(text[index + 1]) {
                // host.name: the labels around the dot, the last of small letters only
                var start = index
                while start > 0, isHostPart(text[start - 1]) { start -= 1 }
                var end = index + 1
                while end < count, isHostPart(text[end]) { end += 1 }
                var last = end
                while last > start, text[last - 1] == 0x2E { last -= 1 }   // a sentence's full stop
                var labelStart = last
                while labelStart > start, text[labelStart - 1] != 0x2E { labelStart -= 1 }
                let label = text[labelStart..<last]
                if label.count >= 2, label.allSatisfy(isLower), labelStart > start + 1 {
                    if last < count, text[last] == 0x2F {   // and its path
                        while last < count, isURLPart(text[last]) { last += 1 }
                    }
                    run = start..<last
                }
            }
            if let found = run {
                runs.append(found)
                index = max(found.upperBound, index + 1)
            } else {
                index += 1
            }
        }
        return runs
    }

    /// The text's scalars with every way of writing the dot inside a foreign name made the middle
    /// dot `·` (`•`, `‧`, `・`, `∙`, `⋅`, and a full stop between two Han characters: 马克.扎克伯格),
    /// and the same in lower case, scalar for scalar.
    static func prepare(_ text: String) -> (cased: [UInt32], lowered: [UInt32]) {
        var cased = text.mapScalars(\.value)
        var lowered = cased
        for index in cased.indices {
            let value = cased[index]
            switch value {
            case 0x41...0x5A:
                lowered[index] = value + 0x20
            case 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x0387:
                cased[index] = TransliteratedNames.separator
                lowered[index] = TransliteratedNames.separator
            case 0x2E where index > 0 && index + 1 < cased.count && isHan(cased[index - 1]) && isHan(cased[index + 1]):
                cased[index] = TransliteratedNames.separator
                lowered[index] = TransliteratedNames.separator
            case 0..<0x80, 0x3400...0x4DBF, 0x4E00...0x9FFF:
                break
            default:
                guard let scalar = Unicode.Scalar(value), !SearchText.isASCIIOrCaseless(scalar), scalar.properties.changesWhenLowercased else { break }
                let small = scalar.properties.lowercaseMapping.unicodeScalars
                if small.count == 1, let only = small.first { lowered[index] = only.value }
            }
        }
        return (cased, lowered)
    }

    /// A word as `nameWords` holds it: lower case, without a final full stop.
    static func wordKey(_ word: String) -> String {
        var key = word.lowercased()
        while key.hasSuffix(".") { key.removeLast() }
        return key
    }

    /// Written in capitals (`APPLE`): as written, not the lower-case word.
    static func isCapitals(_ scalars: ArraySlice<UInt32>) -> Bool {
        scalars.contains(where: isUpper) && !scalars.contains(where: isLower)
    }

    static func isDigit(_ scalar: UInt32) -> Bool { scalar >= 0x30 && scalar <= 0x39 }
    static func isUpper(_ scalar: UInt32) -> Bool { scalar >= 0x41 && scalar <= 0x5A }
    static func isLower(_ scalar: UInt32) -> Bool { scalar >= 0x61 && scalar <= 0x7A }
    static func isLetter(_ scalar: UInt32) -> Bool { isUpper(scalar) || isLower(scalar) }
    /// Letters, digits, apostrophes, `&` and `.` inside a word (`Inc.`, `AT&T`, `Anthropic's`).
    static func isWordPart(_ scalar: UInt32) -> Bool {
        isWordScalar(scalar) || scalar == 0x27 || scalar == 0x2019 || scalar == 0x26 || scalar == 0x2E
    }

    /// ASCII letters and digits: the characters a Latin alias must not run into.
    static func isWordScalar(_ scalar: UInt32) -> Bool {
        isDigit(scalar) || isLetter(scalar)
    }

    static func isHan(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x20000...0x2EBEF).contains(scalar)
    }
}
