/// What an element's tag, `class` and `id` say about it: boilerplate to drop before scoring, and a
/// weight for or against it holding the article (after Readability's class weights, with the names
/// Chinese portals use).
enum NodeNames {
    /// Tags that hold no article text.
    static let boilerplateTags: Set<String> = ["nav", "aside", "footer", "menu", "dialog"]

    /// Names of page parts that are never the article: comments, share bars, related links …
    /// They win over any article-like name on the same element.
    static let strongNegative = [
        "comment", "disqus", "share", "sharing", "social", "related", "recommend", "footer", "copyright",
        "breadcrumb", "crumb", "sidebar", "sidebox", "side_bar", "side-bar", "skyscraper", "sponsor", "advert",
        "banner", "popup", "modal", "cookie", "gdpr", "newsletter", "subscribe", "signup", "login", "pagination",
        "pager", "navbar", "nav-bar", "topbar", "top-bar", "toolbar", "tool-bar", "menu", "qrcode", "erweima",
        "hotnews", "hot-news", "hot_news", "hotlist", "ranking", "paihang", "feedback", "reply",
        "replies", "outbrain", "taboola", "promo", "widget", "masthead", "shoutbox", "print-only", "jubao",
        "rss", "more-news", "morenews", "read-more", "readmore", "next-article", "prev-article", "prenext", "tie",
    ]
    /// Names that are usually not the article unless something says otherwise.
    static let weakNegative = [
        "ad", "ads", "adv", "gg", "extra", "header", "legend", "remark", "community",
        "supplemental", "agegate", "tags", "keyword", "meta", "hidden", "contact", "foot", "media", "tool",
        "scroll", "shopping", "author-info", "nav", "list", "thumb",
    ]
    /// Names of article containers, in English and on Chinese portals.
    static let positive = [
        "article", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story", "detail",
        "endtext", "artibody", "rich_media", "zhengwen", "txt", "con", "zw",
    ]

    /// A pattern of up to four letters matches a whole word of the names (`ad` in `top-ad`, not in
    /// `header`); a longer one matches anywhere (`comment` in `commentList`).
    static func matches(_ names: String, _ patterns: [String]) -> Bool {
        let words = names.split { !$0.isLetter && !$0.isNumber }
        return patterns.contains { pattern in
            pattern.count <= 4 ? words.contains { $0 == pattern } : names.contains(pattern)
        }
    }

    /// Whether an element is page furniture to drop before the article is looked for.
    static func isBoilerplate(_ node: PageTree.Node) -> Bool {
        if ["html", "body", "main", "article", "a"].contains(node.tag) { return false }
        if node.attributes["itemprop"]?.lowercased() == "articlebody" { return false }
        if boilerplateTags.contains(node.tag) { return true }
        if node.attributes["role"].map({ ["navigation", "complementary", "contentinfo", "banner", "menu", "dialog"]
            .contains($0.lowercased()) }) == true { return true }
        if node.attributes["aria-hidden"]?.lowercased() == "true" { return true }
        let names = node.classAndID
        guard !names.isEmpty else { return false }
        if matches(names, strongNegative) { return true }
        return matches(names, weakNegative) && !matches(names, positive)
    }

    /// Readability's class weight: +25 for an article-like class or id, −25 for a boilerplate one.
    static func weight(_ node: PageTree.Node) -> Double {
        var weight = 0.0
        for name in [node.attributes["class"], node.attributes["id"]] {
            guard let name = name?.lowercased(), !name.isEmpty else { continue }
            if matches(name, strongNegative) || matches(name, weakNegative) { weight -= 25 }
            if matches(name, positive) { weight += 25 }
        }
        if node.attributes["itemprop"]?.lowercased() == "articlebody" { weight += 50 }
        return weight
    }

    /// Readability's starting score of a candidate by its tag.
    static func tagWeight(_ tag: String) -> Double {
        switch tag {
        case "div", "article", "section", "main": return 5
        case "pre", "td", "blockquote": return 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": return -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": return -5
        default: return 0
        }
    }
}
