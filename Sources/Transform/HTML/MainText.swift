/// Finds the elements that hold the article: Readability's paragraph scoring (text length and
/// sentence punctuation, passed up to the ancestors, discounted by link density, weighted by class
/// and id names), adapted to Chinese text, where a sentence is ten characters rather than 25.
enum MainText {
    /// Tags whose own text is a paragraph of their parent (other blocks with loose text, such as a
    /// `div` of `<br>`-separated lines, count as a paragraph of their own).
    static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "li", "td", "dd", "dt", "h2", "h3", "h4",
                                             "h5", "h6", "figcaption", "address"]

    /// The chosen elements, in document order: the best candidate, or several siblings of it.
    static func containers(in tree: PageTree) -> [Int] {
        let nodes = tree.nodes
        guard !nodes.isEmpty else { return [] }
        var scores = [Double](repeating: 0, count: nodes.count)
        var initialized = [Bool](repeating: false, count: nodes.count)
        var candidates: [Int] = []

        func initialize(_ index: Int) {
            guard !initialized[index] else { return }
            initialized[index] = true
            scores[index] = NodeNames.tagWeight(nodes[index].tag) + NodeNames.weight(nodes[index])
            candidates.append(index)
        }

        for index in tree.keptElements(in: 0..<nodes.count) {
            let node = nodes[index]
            guard node.isBlock, node.tag != "br" else { continue }
            let text = node.counts.ownChars - node.counts.ownLinkChars
            let chinese = node.counts.ownCJK * 2 > node.counts.ownChars
            guard text >= (chinese ? 10 : 25), node.counts.ownLinkChars * 2 < node.counts.ownChars else { continue }
            let unit = chinese ? 40.0 : 100.0
            let lines = Double(max(1, node.counts.ownBreaks / 2 + 1))
            let score = lines + Double(node.counts.ownPunctuation) + min(Double(text) / unit, 3 * lines)
            var ancestor = paragraphTags.contains(node.tag) ? node.parent : index
            var level = 0
            while ancestor >= 0 && level < 5 {
                let tag = nodes[ancestor].tag
                if tag == "html" { break }
                initialize(ancestor)
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level) * 3
                scores[ancestor] += score / divider
                ancestor = nodes[ancestor].parent
                level += 1
            }
        }
        guard !candidates.isEmpty else {
            // No paragraph long enough to score (a fragment, a short note): the whole body is the text.
            return [nodes.indices.first { nodes[$0].tag == "body" } ?? 0]
        }

        func final(_ index: Int) -> Double {
            let node = nodes[index]
            let density = node.counts.chars == 0 ? 0 : Double(node.counts.linkChars) / Double(node.counts.chars)
            return scores[index] * (1 - density)
        }
        let ranked = candidates.map { (index: $0, score: final($0)) }.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index
        }
        var top = ranked[0].index
        let topScore = ranked[0].score

        // Several good candidates inside one ancestor: the article is split into blocks there.
        let alternatives = ranked.dropFirst().prefix(4).filter { $0.score >= topScore * 0.75 }.map(\.index)
        if alternatives.count >= 3 {
            var ancestor = nodes[top].parent
            while ancestor >= 0 && nodes[ancestor].tag != "body" && nodes[ancestor].tag != "html" {
                if alternatives.filter({ tree.contains(ancestor, $0) }).count >= 3 {
                    top = ancestor
                    break
                }
                ancestor = nodes[ancestor].parent
            }
        }
        // A parent that scores higher holds more of the article.
        var lastScore = final(top)
        var parent = nodes[top].parent
        while parent >= 0 && nodes[parent].tag != "body" && nodes[parent].tag != "html" {
            guard initialized[parent] else {
                parent = nodes[parent].parent
                continue
            }
            let parentScore = final(parent)
            if parentScore < lastScore / 3 { break }
            if parentScore > lastScore {
                top = parent
                break
            }
            lastScore = parentScore
            parent = nodes[parent].parent
        }
        // An only child says no more than its parent.
        while case let up = nodes[top].parent, up >= 0, !["body", "html"].contains(nodes[up].tag),
              nodes[up].elementChildren == 1 {
            top = up
        }

        let chosen = withSiblings(of: top, in: tree, score: final)
        guard let marked = markedArticle(in: tree) else { return chosen }
        if marked.contains(top) { return marked }
        let markedText = marked.reduce(0) { $0 + nodes[$1].counts.chars - nodes[$1].counts.linkChars }
        if !marked.contains(where: { tree.contains($0, top) }) {
            if markedText * 10 >= (nodes[top].counts.chars - nodes[top].counts.linkChars) * 3 { return marked }
            return chosen
        }
        // The best block sits inside the marked article but holds less than two thirds of its text: the
        // story is split into blocks (steps, sections, a lede and a body) that score apart.
        let chosenText = chosen.reduce(0) { $0 + nodes[$1].counts.chars - nodes[$1].counts.linkChars }
        let markedLinks = marked.reduce(0) { $0 + nodes[$1].counts.linkChars }
        let markedChars = marked.reduce(0) { $0 + nodes[$1].counts.chars }
        if chosenText * 3 < markedText * 2 && markedLinks * 4 < markedChars { return marked }
        return chosen
    }

    /// Elements the page itself marks as the article: `itemprop=articleBody`, else a lone `<article>`,
    /// else (no `<article>` at all) a lone `<main>` or `role=main`, when they hold some running text.
    static func markedArticle(in tree: PageTree) -> [Int]? {
        let nodes = tree.nodes
        var bodies: [Int] = []
        var articles: [Int] = []
        var mains: [Int] = []
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if node.dropped || node.kind == .text {
                index = node.dropped ? node.end : index + 1
                continue
            }
            if node.attributes["itemprop"]?.lowercased() == "articlebody" {
                bodies.append(index)
                index = node.end
                continue
            }
            if node.tag == "article" { articles.append(index) }
            if node.tag == "main" || node.attributes["role"]?.lowercased() == "main" { mains.append(index) }
            index += 1
        }
        let found = !bodies.isEmpty ? bodies : articles.count == 1 ? articles
            : articles.isEmpty && mains.count == 1 ? mains : []
        let text = found.reduce(0) { $0 + nodes[$1].counts.chars - nodes[$1].counts.linkChars }
        let chinese = found.reduce(0) { $0 + nodes[$1].counts.cjkChars } * 2 > text
        return text >= (chinese ? 40 : 100) ? found : nil
    }

    /// The top candidate and those of its siblings that read like more of the same article.
    static func withSiblings(of top: Int, in tree: PageTree, score: (Int) -> Double) -> [Int] {
        let nodes = tree.nodes
        let parent = nodes[top].parent
        guard parent >= 0, nodes[top].tag != "body" else { return [top] }
        let topScore = score(top)
        let threshold = max(10, topScore * 0.2)
        let topClass = nodes[top].attributes["class"] ?? ""
        var chosen: [Int] = []
        for sibling in tree.keptElements(in: (parent + 1)..<nodes[parent].end) where nodes[sibling].parent == parent {
            if sibling == top {
                chosen.append(sibling)
                continue
            }
            let node = nodes[sibling]
            // A byline or date box beside the story (an author's card with a biography) is no more of it.
            guard node.counts.chars > 0, node.names.isDisjoint(with: [.authorLike, .dateLike]) else { continue }
            var bonus = 0.0
            if !topClass.isEmpty && node.attributes["class"] == topClass { bonus += topScore * 0.2 }
            if score(sibling) + bonus >= threshold {
                chosen.append(sibling)
                continue
            }
            if node.tag == "p" || ((node.tag == "div" || node.tag == "section") && node.counts.punctuation >= 2) {
                let density = Double(node.counts.linkChars) / Double(node.counts.chars)
                let chinese = node.counts.cjkChars * 2 > node.counts.chars
                let long = chinese ? 30 : 80
                if node.counts.chars > long && density < 0.25 {
                    chosen.append(sibling)
                } else if node.counts.chars <= long && density == 0 && node.counts.punctuation > 0 {
                    chosen.append(sibling)
                }
            }
        }
        return chosen
    }
}
