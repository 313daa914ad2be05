/// Whether a page is an article or a list or index page. A page is a list only when it has the
/// evidence of one (many headline links, or a main block made of them) and no evidence of an article:
/// schema.org article markup (microdata or JSON-LD), `og:type=article`, an `<article>` holding
/// running text, or a run of sentences anywhere on the page (in `<p>`s, in `<br>`-laid `<div>`s, in
/// layout-table cells), measured over the page's blocks and not only over what the main-text step
/// kept: when that step picked a block of links, the story elsewhere on the page still counts.
/// A list whose entries say something of their own (job offers, classified ads, headlines with
/// summaries of several sentences) is kept as those entries (`entries`).
enum PageKind {
    /// What the page shows of an article, found in one pass over its tree from the counts it keeps.
    struct Evidence {
        /// Article markup: `itemprop=articleBody`, a schema.org article `itemtype`, an article-typed
        /// JSON-LD object, `og:type=article`, an `<article>` with running text (for the reason).
        var markup: String?
        /// `itemprop=articleBody` elements, else the `<article>` elements that hold running text.
        var marked: [Int] = []
        /// The element holding the page's longest run of sentences, and that run's characters
        /// (not in links).
        var runElement = -1
        var run = 0
        var runIsChinese = false

        /// A run long enough to be an article's text by itself.
        var hasRun: Bool { run >= (runIsChinese ? 150 : 400) }
    }

    /// schema.org types of an article (`itemtype` ends with one of them).
    static let microdataTypes = ["newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                                 "scholarlyarticle", "techarticle", "report", "socialmediaposting"]

    /// What makes a page look like a list: headline links over the whole page, and the main block's
    /// headline links and share of link text.
    struct ListEvidence {
        var pageHeadlines = 0
        /// All links on the page (navigation, archive months … as well as headlines).
        var pageLinks = 0
        var blockHeadlines = 0
        var blockLinkChars = 0
        var blockChars = 0

        var isIndex: Bool { pageHeadlines >= 15 }
        var isListBlock: Bool { blockHeadlines >= 8 && blockLinkChars * 2 >= blockChars }
        /// Many links of any length: with no text outside links, a page of links.
        var isLinks: Bool { pageLinks >= 30 }
        var any: Bool { isIndex || isListBlock || isLinks }
    }

    static func listEvidence(page: PageTree, extraction: ArticleBody.Extraction, chinese: Bool) -> ListEvidence {
        ListEvidence(pageHeadlines: headlineLinks(in: page, range: 0..<page.nodes.count, minimum: chinese ? 8 : 20),
                     pageLinks: page.nodes[0].counts.links,
                     blockHeadlines: extraction.containerHeadlines, blockLinkChars: extraction.containerLinkChars,
                     blockChars: extraction.containerChars)
    }

    /// Whether the paragraphs are mostly Chinese (or Japanese, Korean) text.
    static func isChinese(_ paragraphs: [TextBlocks.Paragraph]) -> Bool {
        let text = paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars }
        let cjk = paragraphs.reduce(0) { $0 + TextMeasure.countCJK($1.text) }
        return cjk * 2 > text
    }

    /// nil for an article; else the reason it is not one: the evidence of a list and none of an article
    /// (`evidence` is what the whole page shows, found when the list evidence is there).
    static func classify(page: PageTree, list: ListEvidence, paragraphs: [TextBlocks.Paragraph],
                         evidence: Evidence?, markup: String?, title: String?) -> String? {
        guard !page.nodes.isEmpty else { return "the page is empty" }
        guard list.any else { return nil }
        if markup != nil { return nil }
        if let evidence, evidence.markup != nil || evidence.hasRun { return nil }
        let chinese = isChinese(paragraphs)
        // Running text: paragraphs long enough to be sentences, not links.
        let running = paragraphs.filter { $0.chars - $0.linkChars >= (chinese ? 40 : 120) && $0.linkDensity < 0.3 }
            .reduce(0) { $0 + $1.chars - $1.linkChars }
        if list.isListBlock && running < (chinese ? 300 : 900) {
            return "a list page: its main block is \(list.blockHeadlines) headline links (\(list.blockLinkChars * 100 / max(list.blockChars, 1))% of its text)"
        }
        if list.isIndex && running < (chinese ? 60 : 150) {
            return "an index page: \(list.pageHeadlines) headline links and \(running) characters of running text"
        }
        if list.isLinks && paragraphs.allSatisfy({ $0.chars == $0.linkChars }) {
            return "a page of links: \(list.pageLinks) links and no text outside them"
        }
        // A sentence or two (a welcome line, a disclaimer) beside ten headlines or more, under a title
        // that names a section and not a story ("公司公告", "Local news"): the headlines are the page.
        let text = paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars }
        if list.pageHeadlines >= 10 && text < (chinese ? 100 : 250) && isSectionName(title) {
            return "a list page: \(list.pageHeadlines) headline links and \(text) characters of text under the title \(title ?? "")"
        }
        return nil
    }

    /// A list page whose entries say something is kept, as the element holding those entries, links
    /// and all: job offers, classified ads, headlines with summaries of two sentences or more (five
    /// entries at least, 600 characters, 250 in Chinese; `isSummary`). A list of bare headlines, or of
    /// headlines with a one-line dek, has none. The element is the deepest one holding two thirds of the
    /// summaries. It is not trimmed at its edges (an entry's headline is a link line); a link line
    /// printed in three entries or more ("View full job description", "Read more") is a label and goes.
    static func entries(page: PageTree) -> [TextBlocks.Paragraph]? {
        var summaries = 0, chars = 0, cjk = 0
        var held: [Int: Int] = [:]
        for paragraph in TextBlocks.paragraphs(page, containers: [0]) where isSummary(paragraph) {
            summaries += 1
            chars += paragraph.chars
            cjk += TextMeasure.countCJK(paragraph.text)
            var element = paragraph.block
            while element >= 0 {
                held[element, default: 0] += paragraph.chars
                element = page.nodes[element].parent
            }
        }
        guard summaries >= 5, chars >= (cjk * 2 > chars ? 250 : 600) else { return nil }
        // Elements holding two thirds are one line of ancestors: the last in document order is the deepest.
        guard let element = held.filter({ $0.value * 3 >= chars * 2 }).keys.max() else { return nil }
        var paragraphs = TextBlocks.paragraphs(page, containers: [element])
        var printed: [String: Int] = [:]
        for paragraph in paragraphs where paragraph.linkChars == paragraph.chars { printed[paragraph.text, default: 0] += 1 }
        paragraphs.removeAll { $0.linkChars == $0.chars && printed[$0.text, default: 0] >= 3 }
        return paragraphs.isEmpty ? nil : paragraphs
    }

    /// The paragraphs of the article evidence's element (the marked article body, else the longest
    /// run of sentences) when they hold more than twice the `visible` text the containers gave.
    /// When the main block is a list of links, the run of sentences in it or elsewhere is the article
    /// when it holds at least half of the text the containers gave.
    static func fallback(page: PageTree, evidence: Evidence, list: ListEvidence, title: String?,
                         visible: Int) -> [TextBlocks.Paragraph]? {
        var choices: [(containers: [Int], needed: Int)] = []
        if !evidence.marked.isEmpty { choices.append((evidence.marked, visible * 2)) }
        if evidence.runElement >= 0 && evidence.hasRun {
            choices.append(([evidence.runElement], list.isListBlock ? visible / 2 : visible * 2))
        }
        for (containers, needed) in choices {
            let text = containers.reduce(0) { $0 + page.nodes[$1].counts.chars - page.nodes[$1].counts.linkChars }
            guard text > needed else { continue }
            var tree = page
            TextBlocks.clean(&tree, containers: containers)
            let paragraphs = ArticleEdges.trimmed(TextBlocks.paragraphs(tree, containers: containers), title: title)
            if paragraphs.reduce(0, { $0 + $1.chars - $1.linkChars }) > needed { return paragraphs }
        }
        return nil
    }

    /// The page's article markup and its longest run of sentences. A run is the text of the sentence
    /// blocks directly under one element: its `<p>`, `<li>`, `<td>` … children, or its own loose text
    /// (a `<div>` of `<br>` lines). A block counts when it is a sentence or more and not mostly links:
    /// a teaser (a headline link with its summary) is not running text, nor is a block of links.
    static func evidence(in page: PageTree) -> Evidence {
        var found = Evidence()
        let nodes = page.nodes
        var bodies: [Int] = []
        var articles: [Int] = []
        var typed: [Int] = []
        var runs: [Int: (chars: Int, cjk: Int, punctuation: Int, blocks: Int)] = [:]
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if node.dropped {
                index = node.end
                continue
            }
            guard node.kind == .element else {
                index += 1
                continue
            }
            if let itemprop = node.attributes["itemprop"], itemprop.lowercased() == "articlebody" {
                bodies.append(index)
            }
            if let type = node.attributes["itemtype"]?.lowercased(), type.includes("schema.org"),
               let last = type.split(separator: "/").last, microdataTypes.contains(String(last).trimmingSpaces) {
                typed.append(index)
            }
            if node.tag == "article" { articles.append(index) }
            if node.isBlock && node.tag != "br" {
                let own = node.counts.ownChars - node.counts.ownLinkChars
                let chinese = node.counts.ownCJK * 2 > node.counts.ownChars
                // A sentence or more of its own, with its punctuation, and links at most a fifth of it.
                if own >= (chinese ? 15 : 40) && node.counts.ownPunctuation >= 1 && node.counts.ownLinkChars * 5 <= node.counts.ownChars {
                    // A paragraph's run is its parent's; a table cell (a layout column) is a container of its own.
                    let cell = node.tag == "td" || node.tag == "th"
                    let target = !cell && MainText.paragraphTags.contains(node.tag) && node.parent >= 0 ? node.parent : index
                    var run = runs[target] ?? (0, 0, 0, 0)
                    run.chars += own
                    run.cjk += node.counts.ownCJK
                    run.punctuation += node.counts.ownPunctuation
                    run.blocks += 1
                    runs[target] = run
                }
            }
            index += 1
        }
        for (element, run) in runs where run.chars > found.run && run.punctuation >= 2 {
            // Headlines with summaries laid flat in one block: a link for every block is a list.
            let container = nodes[element]
            if container.counts.links >= run.blocks && container.counts.linkChars * 4 >= container.counts.chars { continue }
            found.run = run.chars
            found.runElement = element
            found.runIsChinese = run.cjk * 2 > run.chars
        }
        // A teaser card is marked as an article too: a marked element is a story when it is the page's
        // only one and holds some text, or when it holds running text.
        func stories(_ elements: [Int]) -> [Int] {
            elements.filter { element in
                let node = nodes[element]
                let text = node.counts.chars - node.counts.linkChars
                let chinese = node.counts.cjkChars * 2 > node.counts.chars
                guard node.counts.linkChars * 2 < node.counts.chars else { return false }
                return text >= (chinese ? 150 : 400) || (elements.count == 1 && text >= (chinese ? 40 : 100))
            }
        }
        if bodies.reduce(0, { $0 + nodes[$1].counts.chars - nodes[$1].counts.linkChars }) >= 25 {
            found.marked = bodies
            found.markup = "itemprop=articleBody"
        } else if !stories(typed).isEmpty {
            found.markup = "microdata \(nodes[typed[0]].attributes["itemtype"] ?? "")"
        }
        if found.marked.isEmpty {
            found.marked = stories(articles)
            if found.markup == nil, !found.marked.isEmpty { found.markup = "<article>" }
        }
        return found
    }

    /// A block of two sentences or more (a sentence end, `.`, `!`, `?` after a letter and before a
    /// capital, or `。`, `！`, `？`, with text after it), or a long one cut short with an ellipsis, as teasers are
    /// (not a link: a headline cut short is still a headline). A headline is one sentence, and its
    /// dots are abbreviations.
    static func isSummary(_ paragraph: TextBlocks.Paragraph) -> Bool {
        let scalars = Array(paragraph.text.unicodeScalars)
        let cjk = TextMeasure.countCJK(paragraph.text)
        guard paragraph.chars >= (cjk * 2 > paragraph.chars ? 40 : 80) else { return false }
        if (paragraph.text.hasSuffix("...") || paragraph.text.hasSuffix("…")) && paragraph.linkChars * 2 < paragraph.chars {
            return true
        }
        var index = 0
        while index + 2 < scalars.count {
            switch scalars[index] {
            case "。", "！", "？":
                return true
            case ".", "!", "?":
                if index > 0, scalars[index - 1].properties.isAlphabetic, scalars[index + 1] == " ",
                   scalars[index + 2].properties.isUppercase { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// A title too short to be a headline: at most 8 Han characters, or 3 words (none at all counts).
    static func isSectionName(_ title: String?) -> Bool {
        guard var title else { return true }
        // The part before a site name the metadata left on ("公司公告 - 东方阿尔法基金管理有限公司").
        for separator in [" - ", " | ", " – ", " — ", "_", "｜", "－"] {
            if let range = title.range(of: separator), range.lowerBound > title.startIndex {
                title = String(title[..<range.lowerBound])
            }
        }
        let cjk = TextMeasure.countCJK(title)
        if cjk * 2 > TextMeasure.count(title) { return cjk <= 8 }
        return title.split(whereSeparator: { $0.isWhitespace }).count <= 3
    }

    /// Article markup in the page's head: an article-typed JSON-LD object, `og:type=article`.
    static func headMarkup(page: PageTree, jsonLDType: String?) -> String? {
        if let jsonLDType { return "JSON-LD \(jsonLDType)" }
        if let type = page.meta["og:type"]?.lowercased(), type.trimmingSpaces == "article" { return "og:type=article" }
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
            if node.tag == "a" && node.counts.chars >= minimum { count += 1 }
            index += 1
        }
        return count
    }
}
