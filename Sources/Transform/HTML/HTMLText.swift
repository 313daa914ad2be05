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
    /// As written on the page; the caller normalizes it with `Timestamps`.
    public var published: String?
    public var author: String?
    public var siteName: String?
    /// False for list and index pages (many short links, little running text).
    public var isArticle: Bool = true
    /// Why the page is not an article, for a `not_article` reject.
    public var notArticleReason: String?

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
        let kind = PageKind.classify(page: page, extraction: extraction, paragraphs: paragraphs)
        return HTMLText(title: metadata.title, paragraphs: paragraphs.map(\.text), canonicalURL: metadata.canonicalURL,
                        published: metadata.published, author: metadata.author, siteName: metadata.siteName,
                        isArticle: kind == nil, notArticleReason: kind)
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
