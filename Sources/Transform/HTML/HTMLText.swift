/// Title, paragraphs and metadata of a page: the article's main text without navigation, related
/// links, comments, share bars and footers, and whether the page is an article at all.
///
/// One parse per page (libxml2), flattened once into a `PageTree`; then site rules
/// (`config/site-rules.json`), boilerplate names, Readability-style scoring (`MainText`), conditional
/// cleaning and paragraph cutting (`TextBlocks`), metadata (`Metadata`), and the page kind (`PageKind`).
import Foundation

public struct HTMLText: Equatable, Sendable {
    public var title: String?
    public var paragraphs: [String]
    public var canonicalURL: String?
    /// Every address the page gives itself (canonical link, og:url, JSON-LD url), in that order.
    public var addresses: [String] = []
    /// As written on the page; the caller normalizes it with `Timestamps`.
    public var published: String?
    public var author: String?
    public var siteName: String?
    /// False for list and index pages (many short links, little running text).
    public var isArticle: Bool = true
    /// Why the page is not an article, for a `not_article` reject.
    public var notArticleReason: String?
    /// The editor, original title and outlet printed in the text's edge lines (which trimming drops).
    public var credits = Credits()

    public static func extract(_ html: String) -> HTMLText? {
        extract(html, rules: .standard)
    }

    static func extract(_ html: String, rules: SiteRules) -> HTMLText? {
        guard let page = PageTree(html: html), !page.nodes.isEmpty else { return nil }
        var metadata = Metadata(tree: page)
        let rule = rules.rule(host: metadata.host, tree: page)

        var extraction = ArticleBody.extract(page, rule: rule, dropBoilerplate: true)
        if extraction.visibleChars < 200 {
            // Too little survived the boilerplate names: look again with them kept.
            let retry = ArticleBody.extract(page, rule: rule, dropBoilerplate: false)
            if retry.visibleChars > extraction.visibleChars * 2 { extraction = retry }
        }
        metadata.complete(tree: extraction.tree, containers: extraction.containers,
                          paragraphs: extraction.paragraphs.map(\.text))
        var paragraphs = ArticleEdges.trimmed(extraction.paragraphs, title: metadata.title)
        if let body = metadata.articleBody, TextMeasure.count(body) > 2 * paragraphs.reduce(0, { $0 + $1.chars }) + 100 {
            // The page's own JSON-LD holds far more of the article than its markup shows.
            paragraphs = body.split(whereSeparator: \.isNewline).map { TextMeasure.fold(String($0)) }.filter { !$0.isEmpty }
                .map { TextBlocks.Paragraph(text: $0, chars: TextMeasure.count($0), linkChars: 0, isHeading: false) }
        }
        let markup = PageKind.headMarkup(page: page, jsonLDType: metadata.articleType)
        let list = PageKind.listEvidence(page: page, extraction: extraction, chinese: PageKind.isChinese(paragraphs))
        var evidence: PageKind.Evidence?
        let visible = paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars }
        if visible < 200 || list.any {
            // Little text, or a page that looks like a list: what the whole page shows of an article, and
            // its element when the containers missed it (they picked a block of links, or nothing).
            let found = PageKind.evidence(in: page)
            evidence = found
            if let better = PageKind.fallback(page: page, evidence: found, list: list, title: metadata.title,
                                                  visible: visible) {
                paragraphs = better
            }
        }
        if paragraphs.isEmpty && !list.any {
            // Trimming left nothing (the page's only text is in links): the containers' text is all there is.
            paragraphs = extraction.paragraphs
        }
        var kind = PageKind.classify(page: page, list: list, paragraphs: paragraphs, evidence: evidence, markup: markup,
                                     title: metadata.title)
        if kind != nil, let entries = PageKind.entries(page: page) {
            paragraphs = entries
            kind = nil
        }
        var title = metadata.title
        if title == nil, kind == nil, let first = paragraphs.first {
            // No title anywhere in the markup: the first line of the text, as an editor would take it.
            let line = TitleText.fromLine(first.text)
            title = line
            // It leaves the body only when it reads as a headline (a heading, or a short line that ends
            // without a full stop); a sentence stays the article's first line.
            let ends: Set<Character> = ["。", "！", "？", ".", "!", "?", "；", ";", "…", "”", "\""]
            let headline = first.isHeading || (first.chars <= 80 && first.text.last.map { !ends.contains($0) } == true)
            if line == first.text && headline && paragraphs.count > 1 { paragraphs.removeFirst() }
        }
        var text = HTMLText(title: title, paragraphs: paragraphs.map(\.text), canonicalURL: metadata.canonicalURL, addresses: metadata.addresses,
                            published: metadata.published, author: metadata.author, siteName: metadata.siteName,
                            isArticle: kind == nil, notArticleReason: kind)
        if kind == nil { text.credits = Credits.scan(extraction.paragraphs.map(\.text)) }
        return text
    }

    /// Whitespace folded, and CDATA wrappers (left in feed titles) removed.
    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "<![CDATA[", with: " ").replacingOccurrences(of: "]]>", with: " ")
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Only absolute http(s) URLs make an identity.
    static func httpURL(_ text: String) -> String? {
        let trimmed = fold(text)
        let lowered = trimmed.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? trimmed : nil
    }
}
