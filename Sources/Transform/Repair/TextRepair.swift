/// Text repair: damaged title and body text in, clean text and defect codes out. Pure and
/// deterministic. Each repair records its defect code (see `news.articles.defects`).
///
/// The order matters and is fixed:
/// 1. line breaks unified, so that every line (the title, each body line) is a segment;
/// 2. mojibake, per segment, before anything else touches the characters (C1 controls and `?`
///    marks are evidence for it) — `mojibake_repaired`, `mojibake_unrepaired`;
/// 3. HTML remnants: tags (also `?/strong>`), entities — `html_remnants`;
/// 4. controls, zero-width characters, BOMs, NFC — `control_chars`;
/// 5. flattened ruby pinyin — `ruby_pinyin`;
/// 6. platform boilerplate, matched on the repaired lines, then boilerplate by kind (`BoilerplateLines`) —
///    `boilerplate`, and the source it proves;
/// 7. paragraphs, and lines hard-wrapped mid-sentence joined — `hard_wrap`;
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
        var lines = TextLayout.lines(body).map { line -> String in
            let repaired = repairLine(line, defects: &defects)
            return TextLayout.paragraphs(repaired).joined(separator: " ")
        }
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

    /// The character-level repairs of one line, in order.
    func repairLine(_ line: String, defects: inout Set<String>) -> String {
        var text = line
        let mojibake = MojibakeRepair.repair(text)
        if mojibake.repaired { text = mojibake.text; defects.insert("mojibake_repaired") }
        if mojibake.unrepaired { defects.insert("mojibake_unrepaired") }
        let remnants = Remnants.strip(text)
        if remnants.changed { text = remnants.text; defects.insert("html_remnants") }
        let normalized = TextLayout.normalize(text)
        text = normalized.text
        if normalized.removedControls { defects.insert("control_chars") }
        let ruby = RubyPinyin.strip(text)
        if ruby.removed > 0 || ruby.lost > 0 { text = ruby.text; defects.insert("ruby_pinyin") }
        if ruby.lost > 0 { defects.insert("mojibake_unrepaired") }
        return text
    }
}
