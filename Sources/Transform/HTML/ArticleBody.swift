/// The article's paragraphs from a page tree: site rule first, else the best-scoring containers;
/// then the lines at its edges that are metadata or platform furniture, not article text.
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
            var index = 0
            while index < tree.nodes.count {
                let node = tree.nodes[index]
                if node.dropped {
                    index = node.end
                    continue
                }
                if node.kind == .element && NodeNames.isBoilerplate(node) {
                    tree.drop(index)
                    index = node.end
                    continue
                }
                index += 1
            }
        }
        var containers: [Int] = []
        for selector in rule?.body ?? [] {
            let found = selector.matches(in: tree).filter { tree.nodes[$0].chars >= 5 }
            if !found.isEmpty {
                containers = found
                break
            }
        }
        if containers.isEmpty { containers = MainText.containers(in: tree) }
        var extraction = Extraction(tree: tree, containers: containers, paragraphs: [])
        let chinese = containers.reduce(0) { $0 + tree.nodes[$1].cjkChars } * 2 > containers.reduce(0) { $0 + tree.nodes[$1].chars }
        for container in containers {
            extraction.containerHeadlines += PageKind.headlineLinks(in: tree, range: container..<tree.nodes[container].end,
                                                                    minimum: chinese ? 8 : 20)
            extraction.containerLinkChars += tree.nodes[container].linkChars
            extraction.containerChars += tree.nodes[container].chars
        }
        TextBlocks.clean(&extraction.tree, containers: containers)
        extraction.paragraphs = TextBlocks.paragraphs(extraction.tree, containers: containers)
        return extraction
    }

    /// Lines that end an article on Chinese portals and are no part of it.
    static let trailers = ["责任编辑", "责编：", "编辑：", "编辑:", "(编辑", "（编辑", "返回搜狐", "查看更多", "本文来源：",
                           "文章来源：", "原标题：", "点击进入专题", "扫一扫", "分享到", "相关阅读", "相关新闻", "Share this",
                           "Advertisement", "ADVERTISEMENT"]
    /// Lines after which a Chinese article has ended.
    static let closers = ["责任编辑", "[责任编辑", "【责任编辑", "(责任编辑", "（责任编辑", "责编：", "责编:", "原标题：", "原标题:",
                          "返回搜狐", "本文来源：", "(责编", "（责编"]
    /// Lines that head an article with its metadata.
    static let headers = ["来源：", "来源:", "作者：", "作者:", "发布时间", "发表时间", "时间：", "记者", "编辑：", "字号",
                          "浏览次数", "阅读：", "点击：", "分享到"]

    /// A date, source, byline or similar line printed above an article.
    static func isMetadataLine(_ line: TextBlocks.Paragraph) -> Bool {
        guard line.chars <= 80 else { return false }
        let text = line.text
        if headers.contains(where: { text.hasPrefix($0) }) { return true }
        if line.chars <= 40 && (DateInText.first(in: text) != nil || DateInText.hasEnglishDate(text)) { return true }
        if line.chars <= 60 && Bylines.english(text) != nil { return true }
        return ["|", "Published", "Updated", "Posted", "Last updated"].contains { text.hasPrefix($0) } && line.chars <= 60
    }

    /// Without the title repeated at the top, metadata lines around it, link-only lines, and the
    /// editor and share lines at the end.
    static func trimmed(_ paragraphs: [TextBlocks.Paragraph], title: String?) -> [TextBlocks.Paragraph] {
        var lines = paragraphs.filter { !($0.linkDensity > 0.8 && $0.chars < 200) }
        // The headline repeated near the top: it and the kicker, date and byline lines above it go.
        if let title = title.map(TextMeasure.fold), !title.isEmpty,
           let headline = lines.prefix(6).firstIndex(where: { line in
               line.text == title || (line.isHeading && (title.contains(line.text) || line.text.contains(title)))
           }) {
            lines.removeSubrange(...headline)
        }
        while let first = lines.first, isMetadataLine(first) { lines.removeFirst() }
        // The editor's line (or the original title) closes a Chinese article: what follows is the portal's.
        if let closing = lines.indices.dropFirst(lines.count / 2).first(where: { index in
            lines[index].chars <= 60 && closers.contains { lines[index].text.hasPrefix($0) }
        }) {
            lines.removeSubrange(closing...)
        }
        while let last = lines.last, last.chars <= 60, trailers.contains(where: { last.text.contains($0) }) {
            lines.removeLast()
        }
        return lines
    }
}
