extension PageTree {
    /// What an element's kept subtree holds, filled bottom-up once the tree is built and kept up to
    /// date as parts of it are dropped. Each counter is listed here once: `add(_:sign:own:)` is the
    /// only arithmetic that moves counts between a node and its ancestors.
    struct Counts {
        /// Visible characters (whitespace excluded).
        var chars = 0
        /// Of those, Han, kana and hangul characters.
        var cjkChars = 0
        /// Characters inside links.
        var linkChars = 0
        /// Sentence punctuation (，。！？；、 , ; ? !).
        var punctuation = 0
        var links = 0
        var paragraphs = 0
        var images = 0
        var listItems = 0
        var inputs = 0
        /// Characters not under a block child: text that belongs to this element itself.
        var ownChars = 0
        var ownCJK = 0
        var ownPunctuation = 0
        /// Of the own characters, those inside links.
        var ownLinkChars = 0
        /// Line breaks (`<br>`) in this element's own text.
        var ownBreaks = 0

        /// Adds `child` (`sign` 1) or takes it off (`sign` -1); the own counts only when `own`, that
        /// is when the child's text is part of this element's own text.
        @inline(__always)
        mutating func add(_ child: Counts, sign: Int, own: Bool) {
            chars += sign * child.chars
            cjkChars += sign * child.cjkChars
            linkChars += sign * child.linkChars
            punctuation += sign * child.punctuation
            links += sign * child.links
            paragraphs += sign * child.paragraphs
            images += sign * child.images
            listItems += sign * child.listItems
            inputs += sign * child.inputs
            guard own else { return }
            ownChars += sign * child.ownChars
            ownCJK += sign * child.ownCJK
            ownPunctuation += sign * child.ownPunctuation
            ownLinkChars += sign * child.ownLinkChars
            ownBreaks += sign * child.ownBreaks
        }

        /// What a node with these counts gives its ancestors: all the text of a link is link text,
        /// whatever was dropped inside the link since its own counts were filled.
        @inline(__always)
        func contribution(isLink: Bool) -> Counts {
            guard isLink else { return self }
            var counts = self
            counts.linkChars = chars
            counts.ownLinkChars = ownChars
            return counts
        }
    }

    /// Fills the counts bottom-up: children come after their parent, so a reverse pass sees every
    /// child before its parent. Nodes are updated in place, through the array's buffer: copying a
    /// node out and back (its strings and attributes with it) costs more than the counting.
    static func fillCounts(_ nodes: inout [Node]) {
        nodes.withUnsafeMutableBufferPointer { nodes in
            for index in nodes.indices.reversed() {
                if nodes[index].kind == .text {
                    TextMeasure.measure(nodes[index].text, into: &nodes[index].counts)
                    nodes[index].counts.ownChars = nodes[index].counts.chars
                    nodes[index].counts.ownCJK = nodes[index].counts.cjkChars
                    nodes[index].counts.ownPunctuation = nodes[index].counts.punctuation
                } else if !nodes[index].dropped {
                    switch nodes[index].tag {
                    case "a":
                        nodes[index].counts.links += 1
                        nodes[index].counts.linkChars = nodes[index].counts.chars
                        nodes[index].counts.ownLinkChars = nodes[index].counts.ownChars
                    case "p": nodes[index].counts.paragraphs += 1
                    case "img": nodes[index].counts.images += 1
                    case "li": nodes[index].counts.listItems += 1
                    case "input": nodes[index].counts.inputs += 1
                    case "br": nodes[index].counts.ownBreaks += 1
                    default: break
                    }
                }
                let parent = nodes[index].parent
                guard !nodes[index].dropped, parent >= 0 else { continue }
                if nodes[index].kind == .element { nodes[parent].elementChildren += 1 }
                let tag = nodes[index].tag
                // A `<br>` is a block (it ends a line) whose break belongs to the text around it.
                let own = !nodes[index].isBlock || tag == "br"
                nodes[parent].counts.add(nodes[index].counts.contribution(isLink: tag == "a"), sign: 1, own: own)
            }
        }
    }

    /// Takes the counts of the subtree at `index`, just dropped, off its ancestors: its own counts
    /// off those whose own text it was part of, up to the first block. (Unlike `fillCounts`, a
    /// dropped `<br>`, a block, leaves its break in its parent's `ownBreaks`; kept so as not to
    /// change the extraction.)
    static func subtractCounts(of index: Int, from nodes: inout [Node]) {
        let parent = nodes[index].parent
        if parent >= 0 && nodes[index].kind == .element { nodes[parent].elementChildren -= 1 }
        let removed = nodes[index].counts.contribution(isLink: nodes[index].tag == "a")
        var own = !nodes[index].isBlock
        var ancestor = parent
        while ancestor >= 0 {
            nodes[ancestor].counts.add(removed, sign: -1, own: own)
            own = own && !nodes[ancestor].isBlock
            ancestor = nodes[ancestor].parent
        }
    }
}
