/// A small CSS selector for site rules: one compound selector, or several joined by spaces
/// (descendant). A compound is an optional tag, then any of `#id`, `.class`, `[attr]`, `[attr=value]`
/// and `[attr*=value]` (contains): `div.post_body`, `#endText`, `[itemprop=articleBody]`,
/// `div[class*=article-content] p`. Anything else makes the selector invalid (it matches nothing).
struct Selector: Equatable, Sendable {
    struct Compound: Equatable, Sendable {
        var tag: String?
        var id: String?
        var classes: [String] = []
        /// (name, value, contains): value nil means the attribute only has to be present.
        var attributes: [Attribute] = []

        struct Attribute: Equatable, Sendable {
            var name: String
            var value: String?
            var contains: Bool
        }

        /// Whether the space-separated `list` holds `word` (ASCII case folded), without splitting it.
        static func hasWord(_ list: String.UTF8View, _ word: String.UTF8View) -> Bool {
            var candidate = word.makeIterator()
            var matching = true
            for byte in list {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    if matching && candidate.next() == nil { return true }
                    candidate = word.makeIterator()
                    matching = true
                    continue
                }
                guard matching else { continue }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                if candidate.next() != lower { matching = false }
            }
            return matching && candidate.next() == nil
        }

        /// Whether an element with this tag and these attributes matches.
        @inline(__always)
        func matches(tag elementTag: String, attributes elementAttributes: PageTree.Attributes) -> Bool {
            if let tag, tag != elementTag { return false }
            if let id, elementAttributes["id"]?.lowercased() != id { return false }
            if !classes.isEmpty {
                guard let own = elementAttributes["class"] else { return false }
                for name in classes where !Self.hasWord(own.utf8, name.utf8) { return false }
            }
            for attribute in attributes {
                guard let actual = elementAttributes[attribute.name]?.lowercased() else { return false }
                if let value = attribute.value {
                    if attribute.contains ? !actual.contains(value) : actual != value { return false }
                }
            }
            return true
        }
    }

    let source: String
    let steps: [Compound]

    init?(_ text: String) {
        source = text
        var steps: [Compound] = []
        for part in text.lowercased().split(whereSeparator: \.isWhitespace) {
            guard let compound = Self.compound(String(part)) else { return nil }
            steps.append(compound)
        }
        guard !steps.isEmpty else { return nil }
        self.steps = steps
    }

    private static func compound(_ text: String) -> Compound? {
        var compound = Compound()
        var scalars = Substring(text)
        func name() -> String {
            let end = scalars.firstIndex(where: { "#.[".contains($0) }) ?? scalars.endIndex
            defer { scalars = scalars[end...] }
            return String(scalars[..<end])
        }
        let tag = name()
        guard tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "*" || $0 == "-" }) else { return nil }
        if !tag.isEmpty && tag != "*" { compound.tag = tag }
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            switch first {
            case "#":
                let id = name()
                guard !id.isEmpty else { return nil }
                compound.id = id
            case ".":
                let name = name()
                guard !name.isEmpty else { return nil }
                compound.classes.append(name)
            case "[":
                guard let close = scalars.firstIndex(of: "]") else { return nil }
                let body = scalars[..<close]
                scalars = scalars[scalars.index(after: close)...]
                if let equals = body.firstIndex(of: "=") {
                    var key = body[..<equals]
                    let contains = key.hasSuffix("*")
                    if contains { key = key.dropLast() }
                    let value = body[body.index(after: equals)...].trimmingCharacters(in: "\"'")
                    compound.attributes.append(.init(name: String(key), value: value, contains: contains))
                } else {
                    compound.attributes.append(.init(name: String(body), value: nil, contains: false))
                }
            default:
                return nil
            }
        }
        return compound
    }

    /// The kept elements that match, in document order (an element inside an earlier match is
    /// skipped: its text is already there).
    func matches(in tree: PageTree, outermostOnly: Bool = true) -> [Int] {
        // An id or a class the page does not have rules the selector out without a walk through
        // the page (most pages are asked for other sites' selectors; class values are few).
        guard steps.allSatisfy({ $0.id.map(tree.ids.contains) ?? true }),
              steps.allSatisfy({ step in
                  step.classes.allSatisfy { name in tree.classValues.keys.contains { Compound.hasWord($0.utf8, name.utf8) } }
              }) else { return [] }
        let nodes = tree.nodes
        var found: [Int] = []
        // For each open element, how many steps of the selector its ancestors-and-self satisfy.
        var open: [(end: Int, step: Int)] = []
        var index = 0
        while index < nodes.count {
            while let last = open.last, last.end <= index { open.removeLast() }
            // Fields are read in place: a copy of the node would retain its strings and attributes.
            if nodes[index].dropped || nodes[index].kind == .text {
                index = nodes[index].dropped ? nodes[index].end : index + 1
                continue
            }
            var step = open.last?.step ?? 0
            let matched = steps[step].matches(tag: nodes[index].tag, attributes: nodes[index].attributes)
            if step < steps.count - 1 && matched {
                step += 1
            } else if step == steps.count - 1 && matched {
                found.append(index)
                if outermostOnly {
                    index = nodes[index].end
                    continue
                }
            }
            open.append((end: nodes[index].end, step: step))
            index += 1
        }
        return found
    }
}
