/// The article's paragraphs from a page tree: site rule first, else the best-scoring containers,
/// cleaned of the blocks inside them that are not article text (see `ArticleEdges` for its first and
/// last lines).
enum ArticleBody {
    struct Extraction {
        var tree: PageTree
        var containers: [Int]
        var paragraphs: [TextBlocks.Paragraph]
        /// The containers before conditional cleaning: headline links, characters in links, all characters.
        var containerHeadlines = 0
        var containerLinkChars = 0
        var containerChars = 0

        var visibleChars: Int { paragraphs.reduce(0) { $0 + $1.chars - $1.linkChars } }
    }

    static func extract(_ page: PageTree, rule: SiteRules.Rule?, dropBoilerplate: Bool) -> Extraction {
        var tree = page
        for selector in rule?.drop ?? [] {
            for index in selector.matches(in: tree) { tree.drop(index) }
        }
        if dropBoilerplate {
            // A wrapper named like furniture that holds the page's text is kept (`NodeNames.holdsThePageText`);
            // inside it, a named section with a sixth of the page's sentences is a chapter of the story
            // (`shared-history` is no share bar).
            let pagePunctuation = tree.nodes[0].counts.punctuation
            var keptWrapperEnd = 0
            var index = 0
            while index < tree.nodes.count {
                let node = tree.nodes[index]
                if node.dropped {
                    index = node.end
                    continue
                }
                if node.kind == .element {
                    let furniture = NodeNames.furniture(node)
                    if furniture == .byName, NodeNames.holdsThePageText(node, pagePunctuation: pagePunctuation,
                                                                        share: index < keptWrapperEnd ? 6 : 3) {
                        if index >= keptWrapperEnd { keptWrapperEnd = node.end }
                    } else if furniture != .none {
                        tree.drop(index)
                        index = node.end
                        continue
                    }
                }
                index += 1
            }
        }
        var containers: [Int] = []
        for selector in rule?.body ?? [] {
            let found = selector.matches(in: tree).filter { tree.nodes[$0].counts.chars >= 5 }
            if !found.isEmpty {
                containers = found
                break
            }
        }
        if containers.isEmpty { containers = MainText.containers(in: tree) }
        var extraction = Extraction(tree: tree, containers: containers, paragraphs: [])
        let chinese = containers.reduce(0) { $0 + tree.nodes[$1].counts.cjkChars } * 2
            > containers.reduce(0) { $0 + tree.nodes[$1].counts.chars }
        for container in containers {
            extraction.containerHeadlines += PageKind.headlineLinks(in: tree, range: container..<tree.nodes[container].end,
                                                                    minimum: chinese ? 8 : 20)
            extraction.containerLinkChars += tree.nodes[container].counts.linkChars
            extraction.containerChars += tree.nodes[container].counts.chars
        }
        TextBlocks.clean(&extraction.tree, containers: containers)
        extraction.paragraphs = TextBlocks.paragraphs(extraction.tree, containers: containers)
        return extraction
    }
}
