/// What an element's tag, `class` and `id` say about it: boilerplate to drop before scoring, and a
/// weight for or against it holding the article (after Readability's class weights, with the names
/// Chinese portals use).
enum NodeNames {
    /// Tags that hold no article text.
    static let boilerplateTags: Set<String> = ["nav", "aside", "footer", "menu", "dialog", "figcaption"]

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
        "caption", "img_desc", "image_desc", "img-desc", "image-desc", "pic_desc", "photo-desc", "photo_desc",
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

    /// What an element's `class` and `id` say, worked out once per distinct pair while the page tree
    /// is built (pages repeat the same names thousands of times).
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        static let strongNegative = Flags(rawValue: 1 << 0)
        static let weakNegative = Flags(rawValue: 1 << 1)
        static let positive = Flags(rawValue: 1 << 2)
        static let classNegative = Flags(rawValue: 1 << 3)
        static let classPositive = Flags(rawValue: 1 << 4)
        static let idNegative = Flags(rawValue: 1 << 5)
        static let idPositive = Flags(rawValue: 1 << 6)
        /// Named for a date or time (`time`, `pubtime`, `post_info` …).
        static let dateLike = Flags(rawValue: 1 << 7)
        /// Named for a byline (`author`, `byline` …), and not for an author's biography.
        static let authorLike = Flags(rawValue: 1 << 8)
    }

    static let dateNames = ["time", "date", "pubtime", "pub_time", "publish", "post_time", "posttime", "post-time",
                            "info", "source", "meta", "byline", "dateline", "timestamp", "fbt", "arti_update"]
    static let authorNames = ["byline", "author", "writer", "reporter", "zuozhe"]
    static let biographyNames = ["authorinfo", "author-info", "about-author"]

    static func flags(class className: String, id: String) -> Flags {
        var flags: Flags = []
        let both = className + " " + id
        if matches(both, strongNegative) { flags.insert(.strongNegative) }
        if matches(both, weakNegative) { flags.insert(.weakNegative) }
        if matches(both, positive) { flags.insert(.positive) }
        if !className.isEmpty {
            if matches(className, strongNegative) || matches(className, weakNegative) { flags.insert(.classNegative) }
            if matches(className, positive) { flags.insert(.classPositive) }
        }
        if !id.isEmpty {
            if matches(id, strongNegative) || matches(id, weakNegative) { flags.insert(.idNegative) }
            if matches(id, positive) { flags.insert(.idPositive) }
        }
        if matches(both, dateNames) { flags.insert(.dateLike) }
        if matches(both, authorNames) && !matches(both, biographyNames) { flags.insert(.authorLike) }
        return flags
    }

    /// A pattern of up to four letters matches a whole word of the names (`ad` in `top-ad`, not in
    /// `header`); a longer one matches anywhere (`comment` in `commentlist`). Names are lowercase.
    static func matches(_ names: String, _ patterns: [String]) -> Bool {
        let bytes = Array(names.utf8)
        var words: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where !isWordByte(byte) {
            if index > start { words.append(bytes[start..<index]) }
            start = index + 1
        }
        if bytes.count > start { words.append(bytes[start...]) }
        return patterns.contains { pattern in
            let needle = pattern.utf8
            if needle.count <= 4 { return words.contains { $0.elementsEqual(needle) } }
            return contains(bytes, Array(needle))
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        for index in 0...(haystack.count - needle.count) where haystack[index] == first {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Whether an element is page furniture to drop before the article is looked for.
    static func isBoilerplate(_ node: PageTree.Node) -> Bool {
        if ["html", "body", "main", "article", "a"].contains(node.tag) { return false }
        if node.attributes["itemprop"]?.lowercased() == "articlebody" { return false }
        if boilerplateTags.contains(node.tag) { return true }
        if node.attributes["role"].map({ ["navigation", "complementary", "contentinfo", "banner", "menu", "dialog"]
            .contains($0.lowercased()) }) == true { return true }
        if node.attributes["aria-hidden"]?.lowercased() == "true" { return true }
        if node.names.contains(.strongNegative) { return true }
        return node.names.contains(.weakNegative) && !node.names.contains(.positive)
    }

    /// Readability's class weight: +25 for an article-like class or id, −25 for a boilerplate one.
    static func weight(_ node: PageTree.Node) -> Double {
        var weight = 0.0
        if node.names.contains(.classNegative) { weight -= 25 }
        if node.names.contains(.classPositive) { weight += 25 }
        if node.names.contains(.idNegative) { weight -= 25 }
        if node.names.contains(.idPositive) { weight += 25 }
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
