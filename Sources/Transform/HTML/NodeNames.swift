import Synchronization

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

    /// What an element's `class` and `id` say.
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
        /// Named for readers' comments (`comment`, `disqus`, `reply` …).
        static let commentLike = Flags(rawValue: 1 << 9)
    }

    static let dateNames = ["time", "date", "pubtime", "pub_time", "publish", "post_time", "posttime", "post-time",
                            "info", "source", "meta", "byline", "dateline", "timestamp", "fbt", "arti_update"]
    static let authorNames = ["byline", "author", "writer", "reporter", "zuozhe"]
    static let biographyNames = ["authorinfo", "author-info", "about-author"]
    /// Names of comment threads: the one kind of named furniture that can hold more running text
    /// than the article itself.
    static let commentNames = ["comment", "disqus", "reply", "replies", "respond", "discussion"]

    /// The name lists that one `class` or `id` value matches, worked out once per distinct value
    /// while the page tree is built (pages repeat the same names thousands of times).
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt8
        static let strongNegative = Lists(rawValue: 1 << 0)
        static let weakNegative = Lists(rawValue: 1 << 1)
        static let positive = Lists(rawValue: 1 << 2)
        static let date = Lists(rawValue: 1 << 3)
        static let author = Lists(rawValue: 1 << 4)
        static let biography = Lists(rawValue: 1 << 5)
        static let comment = Lists(rawValue: 1 << 6)
    }

    /// What a `class` or `id` value matches. The answers are kept for the whole run, up to
    /// `sharedNamesLimit` values: a site writes the same names on every page, so a name matched
    /// once serves every later page instead of being matched on each.
    static func lists(matching names: String) -> Lists {
        if let known = sharedLists.withLock({ $0[names] }) { return known }
        let found = ListPatterns.all.lists(matching: names)
        sharedLists.withLock { if $0.count < sharedNamesLimit { $0[names] = found } }
        return found
    }

    private static let sharedLists = Mutex<[String: Lists]>([:])
    static let sharedNamesLimit = 50_000

    /// The flags of an element from what its `class` and its `id` match. A list matches the two
    /// together when it matches either: no pattern holds a space, and the space between them
    /// separates words.
    static func flags(class classLists: Lists, id idLists: Lists) -> Flags {
        let both = classLists.union(idLists)
        var flags: Flags = []
        if both.contains(.strongNegative) { flags.insert(.strongNegative) }
        if both.contains(.weakNegative) { flags.insert(.weakNegative) }
        if both.contains(.positive) { flags.insert(.positive) }
        if !classLists.isDisjoint(with: [.strongNegative, .weakNegative]) { flags.insert(.classNegative) }
        if classLists.contains(.positive) { flags.insert(.classPositive) }
        if !idLists.isDisjoint(with: [.strongNegative, .weakNegative]) { flags.insert(.idNegative) }
        if idLists.contains(.positive) { flags.insert(.idPositive) }
        if both.contains(.date) { flags.insert(.dateLike) }
        if both.contains(.author) && !both.contains(.biography) { flags.insert(.authorLike) }
        if both.contains(.comment) { flags.insert(.commentLike) }
        return flags
    }

    /// The patterns of every list, split once: a pattern of up to four letters matches a whole
    /// word of the names (`ad` in `top-ad`, not in `header`); a longer one matches anywhere
    /// (`comment` in `commentlist`), and all of those are found in one pass (Aho–Corasick).
    /// Names are lowercase.
    struct ListPatterns: Sendable {
        /// The lists each whole-word pattern belongs to.
        let words: [[UInt8]: Lists]
        /// The longer patterns, and the lists each belongs to (by pattern index).
        let anywhere: AliasAutomaton
        let anywhereLists: [Lists]

        init(_ lists: [(Lists, [String])]) {
            var words: [[UInt8]: Lists] = [:]
            var anywhere: [[UInt8]: Lists] = [:]
            for (list, patterns) in lists {
                for pattern in patterns {
                    let bytes = Array(pattern.utf8)
                    if bytes.count <= 4 { words[bytes, default: []].insert(list) } else { anywhere[bytes, default: []].insert(list) }
                }
            }
            self.words = words
            let patterns = Array(anywhere.keys)
            self.anywhere = AliasAutomaton(patterns: patterns.map { $0.map(UInt32.init) })
            anywhereLists = patterns.map { anywhere[$0]! }
        }

        static let all = ListPatterns([
            (.strongNegative, NodeNames.strongNegative), (.weakNegative, NodeNames.weakNegative),
            (.positive, NodeNames.positive), (.date, NodeNames.dateNames), (.author, NodeNames.authorNames),
            (.biography, NodeNames.biographyNames), (.comment, NodeNames.commentNames),
        ])

        func lists(matching names: String) -> Lists {
            let bytes = Array(names.utf8)
            var found: Lists = []
            // Words: runs of letters, digits and non-ASCII bytes.
            var start = 0
            for index in 0...bytes.count where index == bytes.count || !NodeNames.isWordByte(bytes[index]) {
                if index > start, let lists = words[Array(bytes[start..<index])] { found.formUnion(lists) }
                start = index + 1
            }
            anywhere.forEachMatch(in: bytes.map(UInt32.init)) { _, _, pattern in found.formUnion(anywhereLists[pattern]) }
            return found
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }

    /// What an element is, as page furniture: not furniture, furniture by its tag, role or
    /// visibility, or furniture by its `class` and `id` names alone.
    enum Furniture { case none, byTag, byName }

    /// Whether an element is page furniture to drop before the article is looked for, and why.
    static func furniture(_ node: PageTree.Node) -> Furniture {
        if ["html", "body", "main", "article", "a"].contains(node.tag) { return .none }
        if node.attributes["itemprop"]?.lowercased() == "articlebody" { return .none }
        if boilerplateTags.contains(node.tag) { return .byTag }
        if node.attributes["role"].map({ ["navigation", "complementary", "contentinfo", "banner", "menu", "dialog"]
            .contains($0.lowercased()) }) == true { return .byTag }
        if node.attributes["aria-hidden"]?.lowercased() == "true" { return .byTag }
        if node.names.contains(.strongNegative) { return .byName }
        return node.names.contains(.weakNegative) && !node.names.contains(.positive) ? .byName : .none
    }

    /// Whether an element named like furniture holds the page's text all the same: text (in no more
    /// list items than paragraphs: a gallery's legends are items) with `1/share` of the page's
    /// sentence punctuation, few of them in links, and not a comment thread. Such an element is a
    /// wrapper named for its layout (`contentWithSidebar`, `panel-two-col-sidebar-right`) or a
    /// story's hidden continuation (`read-more`), not furniture (see `ArticleBody` for `share`).
    static func holdsThePageText(_ node: PageTree.Node, pagePunctuation: Int, share: Int = 3) -> Bool {
        guard pagePunctuation >= 10, !node.names.contains(.commentLike) else { return false }
        return node.counts.punctuation * share >= pagePunctuation && node.counts.linkChars * 4 < node.counts.chars
            && node.counts.listItems <= node.counts.paragraphs
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
