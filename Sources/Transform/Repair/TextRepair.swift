/// Text repair: damaged title and body text in, clean text and defect codes out. Pure and
/// deterministic. Each repair records its defect code (see `news.articles.defects`).
public struct TextRepair: Sendable {
    /// What repair made of an article's text.
    public struct Result: Equatable, Sendable {
        public var title: String
        /// Clean paragraphs, none empty, none containing a newline.
        public var paragraphs: [String]
        public var defects: Set<String>
        /// A platform the text proved (for example `netease-hao` from its disclaimer).
        public var sourceCode: String?

        public init(title: String, paragraphs: [String], defects: Set<String> = [], sourceCode: String? = nil) {
            self.title = title
            self.paragraphs = paragraphs
            self.defects = defects
            self.sourceCode = sourceCode
        }
    }

    public init() {}

    /// Repairs a title and a body (lines separated by `\n`).
    public func repair(title: String, body: String) -> Result {
        var defects: Set<String> = []
        let cleanTitle = TextLayout.normalize(title)
        let cleanBody = TextLayout.normalize(body)
        if cleanTitle.removedControls || cleanBody.removedControls { defects.insert("control_chars") }
        let titleText = TextLayout.paragraphs(cleanTitle.text).joined(separator: " ")
        return Result(title: titleText, paragraphs: TextLayout.paragraphs(cleanBody.text), defects: defects)
    }
}
