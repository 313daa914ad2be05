/// The article's paragraphs from a page tree: site rule first, else the best-scoring containers;
/// then the lines at its edges that are metadata or platform furniture, not article text.
enum ArticleBody {
    struct Extraction {
        var tree: PageTree
        var containers: [Int]
        var paragraphs: [TextBlocks.Paragraph]

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
            let found = selector.matches(in: tree).filter { tree.nodes[$0].chars >= 20 }
            if !found.isEmpty {
                containers = found
                break
            }
        }
        if containers.isEmpty { containers = MainText.containers(in: tree) }
        TextBlocks.clean(&tree, containers: containers)
        let paragraphs = TextBlocks.paragraphs(tree, containers: containers)
        return Extraction(tree: tree, containers: containers, paragraphs: paragraphs)
    }

    /// Lines that end an article on Chinese portals and are no part of it.
    static let trailers = ["责任编辑", "责编：", "编辑：", "编辑:", "(编辑", "（编辑", "返回搜狐", "查看更多", "本文来源：",
                           "文章来源：", "原标题：", "点击进入专题", "扫一扫", "分享到", "相关阅读", "相关新闻", "Share this",
                           "Advertisement", "ADVERTISEMENT"]
    /// Lines that head an article with its metadata.
    static let headers = ["来源：", "来源:", "作者：", "作者:", "发布时间", "发表时间", "时间：", "记者", "编辑：", "字号",
                          "浏览次数", "阅读：", "点击：", "分享到"]

    /// Without the title repeated at the top, metadata lines around it, link-only lines, and the
    /// editor and share lines at the end.
    static func trimmed(_ paragraphs: [TextBlocks.Paragraph], title: String?) -> [TextBlocks.Paragraph] {
        var lines = paragraphs.filter { !($0.linkDensity > 0.8 && $0.chars < 200) }
        var leading = 0
        while leading < min(lines.count, 4) {
            let line = lines[leading]
            let isTitle = title.map { line.text == $0 || (line.isHeading && $0.contains(line.text)) } ?? false
            let isMeta = line.chars <= 80 && (headers.contains { line.text.hasPrefix($0) }
                                              || (DateInText.first(in: line.text) != nil && line.chars <= 40)
                                              || Bylines.english(line.text) != nil && line.chars <= 60)
            guard isTitle || isMeta else { break }
            leading += 1
        }
        lines.removeFirst(leading)
        while let last = lines.last, last.chars <= 60, trailers.contains(where: { last.text.contains($0) }) {
            lines.removeLast()
        }
        return lines
    }
}
