/// Title, canonical URL, published time, author and site name of a page, from (in order of trust)
/// JSON-LD, `<meta>` tags, marked-up elements (`<time>`, `itemprop`, byline classes) and the text
/// printed under the headline (`2024-05-09 10:21 来源：新华社`, `作者：…`, `记者 …`).
struct Metadata: Equatable {
    var title: String?
    var canonicalURL: String?
    /// The page's canonical link, og:url and JSON-LD url, those it has, in that order.
    var addresses: [String] = []
    var host: String?
    var published: String?
    var author: String?
    var siteName: String?
    var articleBody: String?
    /// JSON-LD `headline`.
    var headline: String?
    /// The `@type` of the page's article-typed JSON-LD object, if any.
    var articleType: String?

    static let publishedKeys = ["article:published_time", "og:article:published_time", "article:published",
                                "og:published_time", "published_time", "publishdate", "publish-date", "publish_date",
                                "pubdate", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date",
                                "dcterms.created", "sailthru.date", "parsely-pub-date", "publishtime", "pubtime",
                                "article:create_at", "og:release_date", "bytedance:published_time", "date",
                                "article.published", "cxenseparse:recs:publishtime", "analyticsattributes.articledate"]
    static let authorKeys = ["author", "article:author", "byl", "dc.creator", "dcterms.creator", "sailthru.author",
                             "parsely-author", "og:article:author", "article.author"]
    static let siteKeys = ["og:site_name", "application-name", "twitter:site:name", "publisher", "dc.publisher"]

    /// Reads what the page says before the article is looked for (the host picks the site rule).
    init(tree: PageTree) {
        let ld = JSONLD(scripts: tree.jsonLD)
        let meta = tree.meta
        articleBody = ld.articleBody
        headline = ld.headline
        articleType = ld.articleType

        // The addresses the page gives itself, in order of trust; the first that names one article
        // (not a site's or a section's front page) is its canonical URL.
        addresses = [tree.links["canonical"].flatMap { Self.absolute($0, base: tree.baseHref ?? meta["og:url"]) },
                     meta["og:url"].flatMap(HTMLText.httpURL), ld.url.flatMap(HTMLText.httpURL)].compactMap { $0 }
        canonicalURL = ArticleIdentity.articleAddress(addresses)
        host = (addresses.first ?? tree.baseHref.flatMap(HTMLText.httpURL)).flatMap(SourceMatcher.host)

        published = ld.datePublished ?? Self.publishedKeys.lazy.compactMap { meta[$0] }.first { DateInText.first(in: $0) != nil || $0.count >= 8 }
        author = ld.author.flatMap(Self.cleanAuthor) ?? Self.authorKeys.lazy.compactMap { meta[$0] }
            .compactMap(Self.cleanAuthor).first
        siteName = meta["og:site_name"].map(TextMeasure.fold) ?? meta["application-name"].map(TextMeasure.fold)
            ?? ld.publisher
        title = nil
    }

    /// Fills what the head did not say from the page body, once the article containers are known.
    mutating func complete(tree: PageTree, containers: [Int], paragraphs: [String]) {
        let nodes = tree.nodes
        let headings = nodes.indices.filter { nodes[$0].tag == "h1" }.map { (index: $0, text: tree.text(of: $0)) }
            .filter { !$0.text.isEmpty }
        let titleTag = tree.titleText.map(TextMeasure.fold)
        let og = (tree.meta["og:title"] ?? tree.meta["twitter:title"]).map(TextMeasure.fold)
        title = Self.chooseTitle(titleTag: titleTag, og: og, headline: headline, headings: headings.map(\.text),
                                 siteName: siteName)
        if siteName == nil, let titleTag { siteName = TitleText.siteSuffix(titleTag) }

        let start = containers.first ?? nodes.count
        let heading = headings.first { $0.index < start && title.map($0.text.contains) == true }?.index
            ?? headings.first?.index
        if published == nil {
            published = publishedFromMarkup(tree: tree) ?? publishedFromText(tree: tree, heading: heading, start: start,
                                                                            paragraphs: paragraphs)
                ?? canonicalURL.flatMap(DateInText.inURL)
        }
        if author == nil {
            author = authorFromMarkup(tree: tree) ?? Bylines.find(in: headerText(tree: tree, heading: heading, start: start))
                ?? Bylines.find(in: (paragraphs.prefix(2) + paragraphs.suffix(3)).joined(separator: "\n"))
        }
    }

    static func chooseTitle(titleTag: String?, og: String?, headline: String?, headings: [String],
                            siteName: String?) -> String? {
        let cleanedTag = titleTag.map { TitleText.strip($0, siteName: siteName) }.flatMap { $0.isEmpty ? nil : $0 }
        let cleanedOG = og.map { TitleText.strip($0, siteName: siteName) }.flatMap { $0.isEmpty ? nil : $0 }
        // A headline the <title> or og:title repeats is the article's own title.
        let references = [titleTag, og, headline].compactMap { $0 }
        // (A logo in an <h1> is the end of the <title>, not its start.)
        if let heading = headings.filter({ h in
            h.count >= 4 && references.contains { $0.hasPrefix(h) || ($0.contains(h) && h.count * 2 >= $0.count) }
        })
            .max(by: { $0.count < $1.count }) {
            return heading
        }
        if let cleanedOG { return cleanedOG }
        if let headline { return headline }
        if let cleanedTag {
            // A headline that starts the same way is the fuller version of a cut-off <title>.
            if let heading = headings.first(where: { $0.hasPrefix(cleanedTag) }) { return heading }
            return cleanedTag
        }
        return headings.first
    }

    /// `<time datetime>`, `itemprop=datePublished`, and elements named for a date or time.
    func publishedFromMarkup(tree: PageTree) -> String? {
        for node in tree.nodes where node.kind == .element {
            let itemprop = node.attributes["itemprop"]?.lowercased()
            if itemprop == "datepublished" || itemprop == "datecreated" || node.attributes["pubdate"] != nil {
                if let value = node.attributes["datetime"] ?? node.attributes["content"], !value.isEmpty { return value }
            }
            if node.tag == "time", let value = node.attributes["datetime"], DateInText.first(in: value) != nil {
                return value
            }
        }
        for index in tree.nodes.indices where tree.nodes[index].names.contains(.dateLike) && tree.nodes[index].counts.chars <= 200 {
            if let found = DateInText.first(in: tree.text(of: index)) { return found.text }
        }
        return nil
    }

    /// A date printed between the headline and the article, or in its first lines.
    func publishedFromText(tree: PageTree, heading: Int?, start: Int, paragraphs: [String]) -> String? {
        if let found = DateInText.first(in: headerText(tree: tree, heading: heading, start: start)) { return found.text }
        return DateInText.first(in: paragraphs.prefix(3).joined(separator: "\n")).map(\.text)
    }

    /// The text between the headline and the start of the article (at most 1,000 characters); without
    /// an `<h1>`, what comes before the article inside its parent.
    func headerText(tree: PageTree, heading: Int?, start: Int) -> String {
        var from: Int
        if let heading, heading < start {
            from = tree.nodes[heading].end
        } else if start < tree.nodes.count, tree.nodes[start].parent >= 0 {
            from = tree.nodes[start].parent + 1
        } else {
            return ""
        }
        from = max(from, start - 2000)
        var text = ""
        var index = from
        while index < start && text.unicodeScalars.count < 1000 {
            let node = tree.nodes[index]
            if node.kind == .text {
                text += node.text
            } else if node.isBlock {
                text += "\n"
            }
            index += 1
        }
        return text
    }

    func authorFromMarkup(tree: PageTree) -> String? {
        for index in tree.nodes.indices where tree.nodes[index].kind == .element {
            let node = tree.nodes[index]
            let itemprop = node.attributes["itemprop"]?.lowercased()
            let rel = node.attributes["rel"]?.lowercased()
            let named = node.names.contains(.authorLike)
            guard itemprop == "author" || rel == "author" || named, node.counts.chars <= 80 else { continue }
            let text = node.attributes["content"] ?? tree.text(of: index)
            if let author = Self.cleanAuthor(text) { return author }
        }
        return nil
    }

    /// "By Jane Doe", "作者：张三" → the name; URLs and empty values → nil.
    static func cleanAuthor(_ raw: String) -> String? {
        var text = TextMeasure.fold(raw)
        if text.lowercased().hasPrefix("http") { return nil }
        for prefix in ["By ", "by ", "BY ", "作者：", "作者:", "作者 ", "文/", "文／", "记者：", "记者:", "记者 ", "撰文："] where text.hasPrefix(prefix) {
            text = TextMeasure.fold(String(text.dropFirst(prefix.count)))
        }
        guard !text.isEmpty, text.count <= 80 else { return nil }
        return BylineCheck.accept(text)
    }

    /// An absolute http(s) URL for `href`, resolved against `base` when it is relative.
    static func absolute(_ href: String, base: String?) -> String? {
        let trimmed = TextMeasure.fold(href)
        if let url = HTMLText.httpURL(trimmed) { return url }
        guard let base = base.flatMap(HTMLText.httpURL), let schemeEnd = base.range(of: "://") else { return nil }
        if trimmed.hasPrefix("//") { return String(base[..<schemeEnd.lowerBound]) + ":" + trimmed }
        guard trimmed.hasPrefix("/") else { return nil }
        let afterScheme = base[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        return String(base[..<hostEnd]) + trimmed
    }
}
