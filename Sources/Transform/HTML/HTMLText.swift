/// Title, paragraphs and metadata from a page: the visible text, block by block, without scripts,
/// styles, navigation, headers, footers, forms and asides.
import Foundation

public struct HTMLText: Equatable, Sendable {
    public var title: String?
    public var paragraphs: [String]
    public var canonicalURL: String?
    public var published: String?
    public var author: String?
    public var siteName: String?

    /// Elements whose text is never article text.
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "iframe", "svg", "canvas", "head",
                                       "nav", "footer", "header", "aside", "form", "button", "select", "textarea",
                                       "object", "embed", "menu"]
    /// Elements that end a paragraph.
    static let blocks: Set<String> = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr",
                                      "table", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "figure",
                                      "figcaption", "main", "hr", "td", "th", "item", "description", "entry",
                                      "summary", "content", "title", "body", "html", "center", "address"]

    public static func extract(_ html: String) -> HTMLText? {
        guard let document = HTMLDocument(html: html), let root = document.root else { return nil }
        var paragraphs: [String] = []
        var current = ""
        func endParagraph() {
            let folded = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !folded.isEmpty { paragraphs.append(folded) }
            current = ""
        }
        // An explicit stack of (node, leaving) so block ends are seen after their children.
        var stack: [(HTMLNode, Bool)] = [(root, false)]
        while let (node, leaving) = stack.popLast() {
            if leaving { endParagraph(); continue }
            if node.isText { current += node.textContent; continue }
            guard node.isElement else { continue }
            let name = node.name
            if skipped.contains(name) { continue }
            let isBlock = blocks.contains(name)
            if isBlock { endParagraph(); stack.append((node, true)) }
            for child in node.children.reversed() { stack.append((child, false)) }
        }
        endParagraph()

        let h1 = document.elements(named: "h1").first.map { fold($0.allText) }.flatMap { $0.isEmpty ? nil : $0 }
        let titleTag = document.elements(named: "title").first.map { fold($0.allText) }.flatMap { $0.isEmpty ? nil : $0 }
        let ogTitle = document.meta(["og:title", "twitter:title"]).map(fold)
        let title = ogTitle ?? h1 ?? titleTag
        // The title is metadata, not body: drop a leading paragraph that repeats it.
        if let title, let first = paragraphs.first, first == title || first == titleTag || first == h1 {
            paragraphs.removeFirst()
        }
        let canonical = document.elements(named: "link").first { ($0.attribute("rel") ?? "").lowercased() == "canonical" }
            .flatMap { $0.attribute("href") } ?? document.meta(["og:url"])
        let published = document.meta(["article:published_time", "pubdate", "publishdate", "datepublished",
                                       "og:article:published_time", "publish_time", "dc.date"])
            ?? document.elements(named: "time").first.flatMap { $0.attribute("datetime") }
        let author = document.meta(["author", "article:author", "byl", "dc.creator"])
        let site = document.meta(["og:site_name", "application-name"])
        return HTMLText(title: title, paragraphs: paragraphs, canonicalURL: canonical.flatMap(httpURL),
                        published: published, author: author.map(fold), siteName: site.map(fold))
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
