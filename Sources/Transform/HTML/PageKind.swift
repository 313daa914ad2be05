/// Whether a page is an article or a list or index page: many headline links and no running text.
/// Deliberately cautious: a short article (a photo story, a brief) on a link-heavy portal is still an
/// article, so a page is called a list only when its text is made of links.
enum PageKind {
    /// nil for an article; else the reason it is not one.
    static func classify(page: PageTree, extraction: ArticleBody.Extraction, paragraphs: [TextBlocks.Paragraph]) -> String? {
        guard !page.nodes.isEmpty else { return "the page is empty" }
        let text = paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars }
        if text == 0 { return "no article text on the page" }
        let cjk = paragraphs.reduce(0) { $0 + TextMeasure.countCJK($1.text) }
        let chinese = cjk * 2 > text
        // Running text: paragraphs long enough to be sentences, not links.
        let running = paragraphs.filter { $0.chars - $0.linkChars >= (chinese ? 40 : 120) && $0.linkDensity < 0.3 }
            .reduce(0) { $0 + $1.chars - $1.linkChars }
        let headline = chinese ? 8 : 20
        let pageHeadlines = headlineLinks(in: page, range: 0..<page.nodes.count, minimum: headline)
        if running < (chinese ? 60 : 150) && pageHeadlines >= 15 {
            return "an index page: \(pageHeadlines) headline links and \(running) characters of running text"
        }
        // The best block of the page is itself a list of headlines (with or without summaries).
        let links = extraction.containerHeadlines
        let linkChars = extraction.containerLinkChars
        let chars = extraction.containerChars
        if links >= 8 && linkChars * 2 >= chars && running < (chinese ? 300 : 900) {
            return "a list page: its main block is \(links) headline links (\(linkChars * 100 / max(chars, 1))% of its text)"
        }
        return nil
    }

    /// Links in `range` whose text is long enough to be a headline.
    static func headlineLinks(in page: PageTree, range: Range<Int>, minimum: Int) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let node = page.nodes[index]
            if node.dropped {
                index = node.end
                continue
            }
            if node.tag == "a" && node.chars >= minimum { count += 1 }
            index += 1
        }
        return count
    }
}
