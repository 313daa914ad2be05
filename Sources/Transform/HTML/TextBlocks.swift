/// The article's paragraphs, in order, from the chosen containers: blocks inside them that read like
/// link lists, forms or share bars are dropped first (Readability's conditional cleaning), then the
/// text is cut into paragraphs at block elements and line breaks.
enum TextBlocks {
    struct Paragraph: Equatable {
        var text: String
        var chars: Int
        var linkChars: Int
        var isHeading: Bool
        /// The block element the paragraph began in (its container when it began in loose text; -1 when
        /// it did not come from a page tree).
        var block = -1

        var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
    }

    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Blocks that are checked before their text is kept.
    static let checked: Set<String> = ["div", "section", "ul", "ol", "table", "dl", "form", "aside", "header",
                                       "footer", "nav", "figure", "center", "p", "span", "h1", "h2", "h3",
                                       "h4", "h5", "h6", "font"]

    /// Drops the blocks inside `containers` that are not article text.
    static func clean(_ tree: inout PageTree, containers: [Int]) {
        for container in containers {
            var index = container + 1
            let end = tree.nodes[container].end
            while index < end {
                let node = tree.nodes[index]
                if node.dropped {
                    index = node.end
                    continue
                }
                if node.kind == .element && checked.contains(node.tag) && isNoise(node) {
                    tree.drop(index)
                    index = node.end
                    continue
                }
                index += 1
            }
        }
    }

    static func isNoise(_ node: PageTree.Node) -> Bool {
        let weight = NodeNames.weight(node)
        let counts = node.counts
        if weight < 0 && counts.punctuation < 10 { return true }
        guard counts.chars > 0 else { return false }
        let density = Double(counts.linkChars) / Double(counts.chars)
        if headings.contains(node.tag) { return density > 0.33 }
        // A box of pictures with a line or two under them and no paragraph: a caption or a credit.
        if (node.tag == "div" || node.tag == "figure") && counts.images > 0 && counts.paragraphs == 0
            && counts.chars <= (counts.cjkChars * 2 > counts.chars ? 60 : 150) { return true }
        // A paragraph of its own (all its text is its own): only a line of links is noise.
        if counts.ownChars == counts.chars || node.tag == "p" || node.tag == "span" || node.tag == "font" {
            return density > 0.5 && counts.links > 0
        }
        if counts.punctuation >= 10 && density < 0.5 { return false }
        let isList = node.tag == "ul" || node.tag == "ol"
        if !isList && node.tag != "table" && counts.listItems > counts.paragraphs && density > 0.1 { return true }
        if counts.inputs > 0 && counts.inputs * 3 > counts.paragraphs { return true }
        // A list of sentences that link a word or two (changes, steps, notes): each item says more
        // outside its links than a link list's labels do.
        if isList && counts.listItems > 0 && density < 0.5 && counts.chars - counts.linkChars >= 40 * counts.listItems {
            return false
        }
        if weight < 25 && density > 0.2 { return true }
        if density > 0.5 { return true }
        return false
    }

    /// The paragraphs of `containers`, in document order.
    static func paragraphs(_ tree: PageTree, containers: [Int]) -> [Paragraph] {
        var result: [Paragraph] = []
        var current = ""
        var linkChars = 0
        var chars = 0
        var heading = false
        var block = -1
        func flush() {
            let text = TextMeasure.fold(current)
            if !text.isEmpty {
                result.append(Paragraph(text: text, chars: chars, linkChars: min(linkChars, chars), isHeading: heading,
                                        block: block))
            }
            current = ""
            linkChars = 0
            chars = 0
            heading = false
        }
        for container in containers {
            var open: [(node: Int, end: Int, isBlock: Bool, isLink: Bool)] = []
            var links = 0
            var index = container
            block = container
            let end = tree.nodes[container].end
            while index < end {
                while let last = open.last, last.end <= index {
                    open.removeLast()
                    if last.isBlock {
                        flush()
                        block = max(tree.nodes[last.node].parent, container)
                    }
                    if last.isLink { links -= 1 }
                }
                let node = tree.nodes[index]
                if node.dropped {
                    index = node.end
                    continue
                }
                if node.kind == .text {
                    current += node.text
                    chars += node.counts.chars
                    if links > 0 { linkChars += node.counts.chars }
                    index += 1
                    continue
                }
                switch node.tag {
                case "br", "hr":
                    flush()
                    index = node.end
                    continue
                case "td", "th":
                    current += " "
                default:
                    break
                }
                let isBlock = node.isBlock && node.tag != "td" && node.tag != "th"
                if isBlock {
                    flush()
                    heading = headings.contains(node.tag)
                    block = index
                }
                if node.tag == "a" { links += 1 }
                open.append((node: index, end: node.end, isBlock: isBlock, isLink: node.tag == "a"))
                index += 1
            }
            flush()
        }
        return result
    }
}
