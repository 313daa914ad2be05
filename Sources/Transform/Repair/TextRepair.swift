import TextTools

/// Text repair: damaged title and body text in, clean text and defect codes out. Pure and
/// deterministic. Each repair records its defect code (see `news.articles.defects`).
///
/// The order matters and is fixed:
/// 1. line breaks unified, so that every line (the title, each body line) is a segment;
/// 2. mojibake, per segment, before anything else touches the characters (C1 controls and `?`
///    marks are evidence for it) — `mojibake_repaired`, `mojibake_unrepaired`;
/// 3. HTML remnants: tags (also `?/strong>`), entities — `html_remnants`;
/// 4. controls, zero-width characters, BOMs, NFC — `control_chars` (C0 controls and zero-width
///    characters already before 2, since inside mojibake they would hide it); mojibake that 3
///    uncovered (characters written as entities, split by a tag) is repaired then;
/// 5. flattened ruby pinyin — `ruby_pinyin` (also an annotation a hard wrap moved to the next line);
/// 6. platform boilerplate, matched on the repaired lines, then boilerplate by kind (`BoilerplateLines`) —
///    `boilerplate`, and the source it proves;
/// 7. paragraphs, and lines hard-wrapped mid-sentence joined — `hard_wrap` (two lines of mojibake
///    that a wrap cut inside a character are joined before, when they read better repaired as one);
/// 8. punctuation width in Chinese text — `halfwidth_punct`.
public struct TextRepair: Sendable {
    /// What repair made of an article's text.
    public struct Result: Equatable, Sendable {
        public var title: String
        /// Clean paragraphs, none empty, none containing a newline.
        public var paragraphs: [String]
        public var defects: Set<String>
        /// A platform the text proved (for example `netease-hao` from its disclaimer).
        public var sourceCode: String?
        /// What boilerplate lines said before they were removed: `editor`, `originalTitle`, `credit`.
        public var metadata: [String: String]

        public init(title: String, paragraphs: [String], defects: Set<String> = [], sourceCode: String? = nil,
                    metadata: [String: String] = [:]) {
            self.title = title
            self.paragraphs = paragraphs
            self.defects = defects
            self.sourceCode = sourceCode
            self.metadata = metadata
        }
    }

    public let boilerplate: BoilerplateRules

    /// Repair with the default boilerplate rules (`config/boilerplate.json`, loaded once).
    public init() {
        self.init(boilerplate: .default)
    }

    public init(boilerplate: BoilerplateRules) {
        self.boilerplate = boilerplate
    }

    /// Repairs a title and a body (lines separated by `\n`, `\r\n` or `\r`).
    public func repair(title: String, body: String) -> Result {
        var defects: Set<String> = []
        let titleLines = TextLayout.lines(title).map { repairLine($0, defects: &defects) }
        var titleText = TextLayout.paragraphs(titleLines.joined(separator: "\n")).joined(separator: " ")
        // A title that opens a quote and lost its last character with a tag's `<` lost its closing quote.
        if titleText.hasPrefix("“"), !titleText.contains("”"), Remnants.endsWithEatenTag(title) { titleText += "”" }
        var rawLines = TextLayout.lines(body)
        var mojibakeLines: [Bool] = []
        var lines = rawLines.map { line -> String in
            let before = defects.contains("mojibake_repaired")
            defects.remove("mojibake_repaired")
            let repaired = repairLine(line, defects: &defects)
            mojibakeLines.append(defects.contains("mojibake_repaired"))
            if before { defects.insert("mojibake_repaired") }
            return TextLayout.paragraphs(repaired).joined(separator: " ")
        }
        if mojibakeLines.contains(true) { joinMojibakeCutByWraps(&lines, raw: &rawLines, mojibake: mojibakeLines, defects: &defects) }
        // An annotation a hard wrap put at the start of the next line goes before lines are joined.
        if RubyPinyin.stripAcrossBreaks(&lines) > 0 { defects.insert("ruby_pinyin") }
        // Boilerplate stands on lines of its own: remove it before lines are joined.
        let cleaned = boilerplate.apply(lines)
        let kinds = BoilerplateLines.remove(from: cleaned.paragraphs)   // boilerplate by kind, on every site
        if !cleaned.matched.isEmpty || !kinds.removed.isEmpty { defects.insert("boilerplate") }
        lines = kinds.lines
        let wrapped = HardWraps.join(lines)
        if wrapped.joins > 0 { defects.insert("hard_wrap") }
        var paragraphs = wrapped.paragraphs
        var widened = false
        for index in paragraphs.indices {
            let outcome = PunctuationWidth.apply(paragraphs[index])
            paragraphs[index] = outcome.text
            widened = widened || outcome.widened
        }
        let titleWidth = PunctuationWidth.apply(titleText)
        titleText = titleWidth.text
        widened = widened || titleWidth.widened
        if widened { defects.insert("halfwidth_punct") }
        return Result(title: titleText, paragraphs: paragraphs, defects: defects, sourceCode: cleaned.source,
                      metadata: cleaned.metadata)
    }

    /// Two lines of mojibake that a hard wrap cut, perhaps inside a character's bytes (`…工绋嬮` /
    /// `璁℃槑…`), read better repaired as one: then they are one line (`hard_wrap`). Only lines
    /// whose mojibake was repaired are tried.
    func joinMojibakeCutByWraps(_ lines: inout [String], raw: inout [String], mojibake: [Bool], defects: inout Set<String>) {
        guard let lexicon = ChineseFrequencies.shared, lines.count >= 2 else { return }
        for index in stride(from: lines.count - 2, through: 0, by: -1) where mojibake[index] && mojibake[index + 1] {
            let joinedRaw = raw[index] + raw[index + 1]
            var joinedDefects: Set<String> = []
            let joined = TextLayout.paragraphs(repairLine(joinedRaw, defects: &joinedDefects)).joined(separator: " ")
            let separate = lines[index] + lines[index + 1]
            guard joined != separate else { continue }
            // They must differ only around the cut (else the lines were repaired apart alike).
            let joinedScalars = joined.scalarArray, separateScalars = separate.scalarArray
            let prefix = zip(joinedScalars, separateScalars).prefix(while: { $0 == $1 }).count
            let suffix = zip(joinedScalars.reversed(), separateScalars.reversed()).prefix(while: { $0 == $1 }).count
            let cut = lines[index].unicodeScalars.count
            guard prefix >= cut - 6, suffix >= separateScalars.count - cut - 6,
                  lexicon.averageCost(joinedScalars[...]) < lexicon.averageCost(separateScalars[...]) else { continue }
            lines[index] = joined
            raw[index] = joinedRaw
            lines.remove(at: index + 1)
            raw.remove(at: index + 1)
            defects.formUnion(joinedDefects)
            defects.insert("hard_wrap")
        }
    }

    /// The character-level repairs of one line, in order.
    func repairLine(_ line: String, defects: inout Set<String>) -> String {
        var text = line
        // C0 controls and zero-width characters are never evidence of mojibake, and inside it
        // they would hide it: they go first (C1 controls stay for the mojibake repair to read).
        if let visible = TextLayout.withoutInvisibles(text) { text = visible; defects.insert("control_chars") }
        let mojibake = MojibakeRepair.repair(text)
        if mojibake.repaired { text = mojibake.text; defects.insert("mojibake_repaired") }
        if mojibake.unrepaired { defects.insert("mojibake_unrepaired") }
        let remnants = Remnants.strip(text)
        if remnants.changed { text = remnants.text; defects.insert("html_remnants") }
        let normalized = TextLayout.normalize(text)
        text = normalized.text
        if normalized.removedControls { defects.insert("control_chars") }
        // Mojibake that a tag or an entity hid shows now (rare: only then).
        if remnants.changed {
            let again = MojibakeRepair.repair(text)
            if again.repaired { text = again.text; defects.insert("mojibake_repaired") }
            if again.unrepaired { defects.insert("mojibake_unrepaired") }
        }
        let ruby = RubyPinyin.strip(text)
        if ruby.removed > 0 || ruby.lost > 0 { text = ruby.text; defects.insert("ruby_pinyin") }
        if ruby.lost > 0 { defects.insert("mojibake_unrepaired") }
        return text
    }
}
