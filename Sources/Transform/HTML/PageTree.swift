import CLibXML2
import TextTools

/// A parsed page flattened into one array in document order, with per-element counts of the text
/// below it. Built in one pass without recursion (pages nest thousands of levels deep), so main-text
/// scoring and output never touch libxml2 again and never re-read a subtree's text.
///
/// An element's subtree is the index range `i ..< nodes[i].end`; a node whose `dropped` flag is set
/// is left out of its ancestors' counts and of the output, with everything below it.
struct PageTree {
    struct Node {
        enum Kind { case element, text }
        var kind: Kind
        /// Lowercase tag name; empty for text.
        var tag: String
        var parent: Int
        /// One past the last descendant.
        var end: Int
        var depth: Int
        /// What the `class` and `id` say (see `NodeNames`).
        var names: NodeNames.Flags = []
        var attributes = Attributes()
        /// Text of a text node, as written.
        var text: String = ""
        var dropped = false
        /// True for `p`, `div`, `li`, headings …: elements that start a new line.
        var isBlock = false

        // Counts over the kept subtree.
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
        /// Kept child elements.
        var elementChildren = 0
    }

    /// The kept attributes of an element, the first of each name: the few pairs an element has,
    /// found by comparing names (cheaper than a dictionary's storage and hashing per element).
    struct Attributes {
        private var pairs: [(name: String, value: String)] = []

        subscript(name: String) -> String? {
            for pair in pairs where pair.name == name { return pair.value }
            return nil
        }

        /// Adds an attribute; the caller adds each name once.
        mutating func add(_ name: String, _ value: String) {
            pairs.append((name, value))
        }
    }

    private(set) var nodes: [Node] = []
    /// `<meta>` values by lowercase `property`, `name` or `itemprop` (first wins).
    private(set) var meta: [String: String] = [:]
    /// `<link>` hrefs by lowercase `rel`.
    private(set) var links: [String: String] = [:]
    private(set) var baseHref: String?
    private(set) var titleText: String?
    /// The bodies of `<script type="application/ld+json">`.
    private(set) var jsonLD: [String] = []
    /// Every `id` on the page, in lower case: a selector that needs one the page lacks matches nothing.
    private(set) var ids: Set<String> = []

    /// Elements whose text is never page text, with everything inside them.
    static let invisible: Set<String> = ["script", "style", "noscript", "template", "svg", "canvas", "head", "iframe",
                                         "object", "embed", "select", "textarea", "button", "option", "map", "audio",
                                         "video", "math", "title", "meta", "link"]
    /// Elements that start a new line of text.
    static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
                                      "section", "article", "blockquote", "pre", "dd", "dt", "dl", "figure",
                                      "figcaption", "main", "hr", "td", "th", "center", "address", "body", "html",
                                      "header", "footer", "nav", "aside", "form", "fieldset", "details", "summary",
                                      "caption", "tbody", "thead", "tfoot", "hgroup", "menu", "br"]
    /// Attributes kept on elements (the rest are not needed).
    static let keptAttributes: Set<String> = ["class", "id", "itemprop", "rel", "href", "property", "name", "content",
                                              "datetime", "type", "style", "hidden", "aria-hidden", "role",
                                              "itemtype", "pubdate", "title", "value", "data-role", "data-type"]

    init(_ document: HTMLDocument) {
        guard let root = xmlDocGetRootElement(document.document) else { return }
        nodes.reserveCapacity(4096)
        var current: xmlNodePtr? = root
        var parentIndex = -1
        var depth = 0
        // Pre-order walk by pointers: first child, else next sibling, else climb until a sibling.
        while let pointer = current {
            let index = nodes.count
            var descend = false
            switch pointer.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = pointer.pointee.name.map { String(cString: $0).lowercasedASCIIFast() } ?? ""
                var node = Node(kind: .element, tag: tag, parent: parentIndex, end: index + 1, depth: depth)
                node.attributes = Self.attributes(of: pointer)
                let className = node.attributes["class"]?.lowercasedASCIIFast() ?? "", id = node.attributes["id"]?.lowercasedASCIIFast() ?? ""
                if !className.isEmpty || !id.isEmpty {
                    node.names = NodeNames.flags(class: NodeNames.lists(matching: className), id: NodeNames.lists(matching: id))
                }
                if !id.isEmpty { ids.insert(id) }
                node.isBlock = Self.blocks.contains(tag)
                collectHead(tag: tag, attributes: node.attributes, pointer: pointer)
                node.dropped = Self.invisible.contains(tag) || Self.isHidden(node.attributes)
                nodes.append(node)
                // The head is no page text, but its meta, link and title elements are read on the way.
                descend = (!node.dropped || tag == "head") && pointer.pointee.children != nil
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                var node = Node(kind: .text, tag: "", parent: parentIndex, end: index + 1, depth: depth)
                if let content = pointer.pointee.content { node.text = String(cString: content) }
                nodes.append(node)
            default:
                break
            }
            if descend, let child = pointer.pointee.children {
                parentIndex = index
                depth += 1
                current = child
                continue
            }
            // Next: the sibling, else climb, closing every element whose last child this was.
            var node = pointer
            current = nil
            while node != root {
                if let next = node.pointee.next {
                    current = next
                    break
                }
                guard let up = node.pointee.parent, parentIndex >= 0 else { break }
                nodes[parentIndex].end = nodes.count
                parentIndex = nodes[parentIndex].parent
                depth -= 1
                node = up
            }
        }
        // Any element still open (the root) ends at the end.
        var open = parentIndex
        while open >= 0 {
            nodes[open].end = nodes.count
            open = nodes[open].parent
        }
        count()
    }

    /// Fills the counts bottom-up: children come after their parent, so a reverse pass sees every
    /// child before its parent. Nodes are updated in place, through the array's buffer: copying a
    /// node out and back (its strings and attributes with it) cost more than the counting.
    private mutating func count() {
        nodes.withUnsafeMutableBufferPointer { nodes in
            for index in nodes.indices.reversed() {
                if nodes[index].kind == .text {
                    TextMeasure.measure(nodes[index].text, into: &nodes[index])
                    nodes[index].ownChars = nodes[index].chars
                    nodes[index].ownCJK = nodes[index].cjkChars
                    nodes[index].ownPunctuation = nodes[index].punctuation
                } else if !nodes[index].dropped {
                    switch nodes[index].tag {
                    case "a":
                        nodes[index].links += 1
                        nodes[index].linkChars = nodes[index].chars
                        nodes[index].ownLinkChars = nodes[index].ownChars
                    case "p": nodes[index].paragraphs += 1
                    case "img": nodes[index].images += 1
                    case "li": nodes[index].listItems += 1
                    case "input": nodes[index].inputs += 1
                    case "br": nodes[index].ownBreaks += 1
                    default: break
                    }
                }
                let node = nodes[index]
                guard !node.dropped, node.parent >= 0 else { continue }
                let parent = node.parent
                if node.kind == .element { nodes[parent].elementChildren += 1 }
                nodes[parent].chars += node.chars
                nodes[parent].cjkChars += node.cjkChars
                nodes[parent].linkChars += node.tag == "a" ? node.chars : node.linkChars
                nodes[parent].punctuation += node.punctuation
                nodes[parent].links += node.links
                nodes[parent].paragraphs += node.paragraphs
                nodes[parent].images += node.images
                nodes[parent].listItems += node.listItems
                nodes[parent].inputs += node.inputs
                if !node.isBlock || node.tag == "br" {
                    nodes[parent].ownChars += node.ownChars
                    nodes[parent].ownCJK += node.ownCJK
                    nodes[parent].ownPunctuation += node.ownPunctuation
                    nodes[parent].ownLinkChars += node.ownLinkChars
                    nodes[parent].ownBreaks += node.ownBreaks
                }
            }
        }
    }

    /// Leaves `index` and its subtree out, and takes its counts off its ancestors.
    mutating func drop(_ index: Int) {
        guard !nodes[index].dropped else { return }
        let node = nodes[index]
        nodes[index].dropped = true
        if node.parent >= 0 && node.kind == .element { nodes[node.parent].elementChildren -= 1 }
        var ancestor = node.parent
        var own = !node.isBlock
        while ancestor >= 0 {
            nodes[ancestor].chars -= node.chars
            nodes[ancestor].cjkChars -= node.cjkChars
            nodes[ancestor].linkChars -= node.tag == "a" ? node.chars : node.linkChars
            nodes[ancestor].punctuation -= node.punctuation
            nodes[ancestor].links -= node.links
            nodes[ancestor].paragraphs -= node.paragraphs
            nodes[ancestor].images -= node.images
            nodes[ancestor].listItems -= node.listItems
            nodes[ancestor].inputs -= node.inputs
            if own {
                nodes[ancestor].ownChars -= node.ownChars
                nodes[ancestor].ownCJK -= node.ownCJK
                nodes[ancestor].ownPunctuation -= node.ownPunctuation
                nodes[ancestor].ownLinkChars -= node.tag == "a" ? node.ownChars : node.ownLinkChars
                nodes[ancestor].ownBreaks -= node.ownBreaks
                own = !nodes[ancestor].isBlock
            }
            ancestor = nodes[ancestor].parent
        }
    }

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

    private static func attributes(of pointer: xmlNodePtr) -> Attributes {
        var result = Attributes()
        var property = pointer.pointee.properties
        while let attribute = property {
            defer { property = attribute.pointee.next }
            guard let rawName = attribute.pointee.name else { continue }
            let name = String(cString: rawName).lowercasedASCIIFast()
            guard keptAttributes.contains(name), result[name] == nil else { continue }   // the first of a name counts
            var value = ""
            if let child = attribute.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE {
                // One text child, which xmlNodeListGetString would copy out: read in place.
                if let content = child.pointee.content { value = String(cString: content) }
            } else if let text = xmlNodeListGetString(pointer.pointee.doc, attribute.pointee.children, 1) {
                value = String(cString: text)
                etl_xml_free(text)
            }
            result.add(name, value)
        }
        return result
    }

    private static func isHidden(_ attributes: Attributes) -> Bool {
        // Only display:none: pages such as WeChat's keep the article at visibility:hidden until a script shows it.
        if attributes["hidden"] != nil { return true }
        guard let style = attributes["style"]?.lowercased(), style.includes("none") else { return false }
        return style.filter { !$0.isWhitespace }.includes("display:none")
    }

    private mutating func collectHead(tag: String, attributes: Attributes, pointer: xmlNodePtr) {
        switch tag {
        case "meta":
            guard let content = attributes["content"], !content.isEmpty else { return }
            for key in ["property", "name", "itemprop"] {
                if let name = attributes[key]?.lowercased(), meta[name] == nil { meta[name] = content }
            }
        case "link":
            guard let rel = attributes["rel"]?.lowercased(), let href = attributes["href"], links[rel] == nil else { return }
            links[rel] = href
        case "base":
            if baseHref == nil { baseHref = attributes["href"] }
        case "title":
            if titleText == nil, let content = xmlNodeGetContent(pointer) {
                titleText = String(cString: content)
                etl_xml_free(content)
            }
        case "script":
            guard attributes["type"]?.lowercased().includes("ld+json") == true,
                  let content = xmlNodeGetContent(pointer) else { return }
            jsonLD.append(String(cString: content))
            etl_xml_free(content)
        default:
            break
        }
    }
}
