/// Whether a page is an article or a list or index page (many short links, little running text).
enum PageKind {
    /// nil for an article; else the reason it is not one.
    static func classify(page: PageTree, paragraphs: [TextBlocks.Paragraph]) -> String? {
        guard let root = page.nodes.first else { return "the page is empty" }
        let text = paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars }
        let cjk = paragraphs.reduce(0) { $0 + TextMeasure.countCJK($1.text) }
        let chinese = cjk * 2 > text
        // Running text: characters in paragraphs long enough to be sentences.
        let sentenceLength = chinese ? 30 : 80
        let running = paragraphs.filter { $0.chars >= sentenceLength && $0.linkDensity < 0.3 }
            .reduce(0) { $0 + $1.chars }
        let pageLinkDensity = root.chars == 0 ? 0 : Double(root.linkChars) / Double(root.chars)
        if text == 0 { return "no article text on the page" }
        let minimum = chinese ? 120 : 400
        if running < minimum && root.links >= 30 && pageLinkDensity > 0.4 {
            return "an index page: \(root.links) links, \(Int(pageLinkDensity * 100))% of its text in links, "
                + "\(running) characters of running text"
        }
        return nil
    }
}
