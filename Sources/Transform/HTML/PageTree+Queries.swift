extension PageTree {
    /// Indexes of the elements in `range` (document order) that are kept, skipping dropped subtrees.
    func keptElements(in range: Range<Int>) -> [Int] {
        var found: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let node = nodes[index]
            if node.dropped { index = node.end; continue }
            if node.kind == .element { found.append(index) }
            index += 1
        }
        return found
    }

    /// The visible text below `index`, whitespace folded (dropped parts left out).
    func text(of index: Int) -> String {
        var pieces = ""
        var position = index
        let end = nodes[index].end
        while position < end {
            let node = nodes[position]
            if node.dropped { position = node.end; continue }
            if node.kind == .text { pieces += node.text } else if node.isBlock && position != index { pieces += " " }
            position += 1
        }
        return TextMeasure.fold(pieces)
    }

    /// True when `ancestor` is `index` or above it.
    func contains(_ ancestor: Int, _ index: Int) -> Bool {
        ancestor <= index && index < nodes[ancestor].end
    }
}
