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
    /// Every `class` value on the page (whole, as written but for ASCII case), with the name lists
    /// it matches: a selector that needs a class no value has matches nothing.
    private(set) var classValues: [String: NodeNames.Lists] = [:]

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

    /// Parses `html` with libxml2's HTML parser (the parser lxml and trafilatura use) and builds the
    /// tree from the parser's events, as libxml2's own tree builder would have built its document
    /// (`TreeBuilder`), without building that document: nil for an empty page. The text is already
    /// decoded: the parser is told UTF-8, so a `<meta charset>` that lies cannot make it decode the
    /// page again. `dropScriptBodies`: parse without the contents of script and style elements
    /// (JSON-LD kept), which are no page text (`ScriptBodies`); tests compare with the whole page.
    init?(html: String, dropScriptBodies: Bool = true) {
        var bytes = dropScriptBodies ? ScriptBodies.dropped(from: Array(html.utf8)) : Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        var builder = TreeBuilder()
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let parsed = withUnsafeMutablePointer(to: &builder) { state in
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    withUnsafePointer(to: TreeBuilder.callbacks) { callbacks in
                        etl_html_parse_sax(chars.baseAddress, Int32(chars.count), callbacks, state, options)
                    }
                }
            }
        }
        guard parsed == 0 else { return nil }
        self = builder.finish()
    }

    /// An empty tree, which `TreeBuilder` fills.
    private init() {}

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

    private static func isHidden(_ attributes: Attributes) -> Bool {
        // Only display:none: pages such as WeChat's keep the article at visibility:hidden until a script shows it.
        if attributes["hidden"] != nil { return true }
        guard let style = attributes["style"]?.lowercased(), style.includes("none") else { return false }
        return style.filter { !$0.isWhitespace }.includes("display:none")
    }

    /// What a head element says by its attributes alone. (The title and JSON-LD are the text inside
    /// their elements: `TreeBuilder` reads them.)
    private mutating func collectHead(tag: String, attributes: Attributes) {
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
        default:
            break
        }
    }
}

extension PageTree {
    /// Builds a `PageTree` from the HTML parser's events (SAX), as libxml2's tree builder (`SAX2.c`)
    /// would have built its document, of which the tree keeps the root element's subtree, walked in
    /// document order, not descending into dropped elements other than `head`. Building no libxml2
    /// document saves its nodes' allocation and freeing: about half the parser's time. The rules
    /// followed here are the tree builder's:
    /// - Adjacent text (script and style bodies are CDATA, alone in their element) makes one node;
    ///   a comment or an element in between makes two.
    /// - An element's name is what follows its first colon (`o:p` is a `p`), as `xmlSplitQName`
    ///   leaves it; attribute names are kept whole.
    /// - Text outside every element is lost. An element that starts after the root has ended becomes
    ///   the root's last child if nothing (a DOCTYPE, a comment) stood before the root in the
    ///   document; otherwise the root's sibling, outside the tree.
    /// - When the parser gives up on a start tag without `>`, it closes the element without an end
    ///   event: its depth (`nameNr`) tells, and the builder closes it at the next event.
    /// - A title's and a JSON-LD script's text is all the text below them, as `xmlNodeGetContent`
    ///   reads it; the first title counts.
    ///
    /// A struct the callbacks reach through a pointer: a class's properties would be checked for
    /// exclusive access at run time on every event.
    struct TreeBuilder {
        private var tree = PageTree()
        /// The open elements, innermost last, one for each the parser has open (`nameNr`).
        private var open: [Open] = []
        /// The UTF-8 of the text node being read (`tree.nodes[textNode]`), made a String once it ends.
        private var text: [UInt8] = []
        private var textNode = -1
        /// The title or JSON-LD script being read, at this depth of `open`.
        private var reading: (depth: Int, isTitle: Bool, bytes: [UInt8])?
        private var rootSeen = false
        /// Nothing stood before the root in the document (see above).
        private var rootFirstInDocument = true
        /// What element and attribute names mean, worked out once per page: the parser hands every
        /// name out of its dictionary (or as a constant), one pointer for each name while it parses.
        private var elementNames: [UnsafeRawPointer: ElementName] = [:]
        /// The kept name of each attribute name, nil for a name not kept.
        private var attributeNames: [UnsafeRawPointer: String?] = [:]

        private struct ElementName {
            var tag: String
            var isBlock: Bool
            var isInvisible: Bool
        }

        private struct Open {
            /// Its index in `tree.nodes`; -1 if it is inside a dropped element (not in the tree).
            var node: Int
            /// Its children stay out of the tree.
            var skipsChildren: Bool
            /// Its last child is the text node being read, which more text joins.
            var endsInText = false
        }

        init() {
            tree.nodes.reserveCapacity(4096)
        }

        /// The callbacks, which find the builder through the parser context's `_private`. (Function
        /// pointers, set once and only read: safe to share between threads.)
        nonisolated(unsafe) static let callbacks: htmlSAXHandler = {
            var sax = htmlSAXHandler()
            sax.initialized = 1
            sax.startElement = { context, name, attributes in
                guard let name else { return }
                builder(context).pointee.start(name, attributes, depth: depth(context))
            }
            sax.endElement = { context, _ in builder(context).pointee.end(depth: depth(context)) }
            sax.characters = { context, bytes, count in
                guard let bytes, count > 0 else { return }
                builder(context).pointee.characters(UnsafeBufferPointer(start: bytes, count: Int(count)), depth: depth(context))
            }
            sax.cdataBlock = { context, bytes, count in
                guard let bytes, count > 0 else { return }
                builder(context).pointee.characters(UnsafeBufferPointer(start: bytes, count: Int(count)), depth: depth(context))
            }
            sax.comment = { context, _ in builder(context).pointee.otherNode(depth: depth(context)) }
            sax.processingInstruction = { context, _, _ in builder(context).pointee.otherNode(depth: depth(context)) }
            sax.internalSubset = { context, _, _, _ in builder(context).pointee.rootFirstInDocument = false }
            return sax
        }()

        private static func builder(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder> {
            context!.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private.assumingMemoryBound(to: TreeBuilder.self)
        }

        /// How many elements the parser has open.
        private static func depth(_ context: UnsafeMutableRawPointer?) -> Int {
            Int(context!.assumingMemoryBound(to: xmlParserCtxt.self).pointee.nameNr)
        }

        /// Closes the elements the parser closed without an end event, down to `depth` open.
        private mutating func close(downTo depth: Int) {
            while open.count > max(depth, 0) { pop() }
        }

        private mutating func pop() {
            endText()
            let closed = open.removeLast()
            if closed.node >= 0 { tree.nodes[closed.node].end = tree.nodes.count }
            if let done = reading, done.depth == open.count {
                let content = String(decoding: done.bytes.prefix { $0 != 0 }, as: UTF8.self)
                if done.isTitle { tree.titleText = content } else { tree.jsonLD.append(content) }
                reading = nil
            }
        }

        /// Ends the text node being read: its text is set.
        private mutating func endText() {
            guard textNode >= 0 else { return }
            tree.nodes[textNode].text = String(decoding: text.prefix { $0 != 0 }, as: UTF8.self)
            textNode = -1
            text.removeAll(keepingCapacity: true)
        }

        private mutating func start(_ fullName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, depth: Int) {
            close(downTo: depth - 1)
            endText()
            let parent: Int
            let level: Int
            if let top = open.last {
                open[open.count - 1].endsInText = false
                guard !top.skipsChildren else {
                    open.append(Open(node: -1, skipsChildren: true))
                    return
                }
                parent = top.node
                level = tree.nodes[top.node].depth + 1
            } else if !rootSeen {
                rootSeen = true
                parent = -1
                level = 0
            } else if rootFirstInDocument, let root = tree.nodes.first, !root.dropped || root.tag == "head" {
                parent = 0
                level = 1
            } else {
                open.append(Open(node: -1, skipsChildren: true))
                return
            }

            let index = tree.nodes.count
            let name = elementName(fullName)
            let tag = name.tag
            var node = Node(kind: .element, tag: tag, parent: parent, end: index + 1, depth: level)
            node.attributes = keptAttributes(attributes)
            let className = node.attributes["class"]?.lowercasedASCIIFast() ?? "", id = node.attributes["id"]?.lowercasedASCIIFast() ?? ""
            if !className.isEmpty || !id.isEmpty {
                node.names = NodeNames.flags(class: classLists(className), id: NodeNames.lists(matching: id))
            }
            if !id.isEmpty { tree.ids.insert(id) }
            node.isBlock = name.isBlock
            tree.collectHead(tag: tag, attributes: node.attributes)
            node.dropped = name.isInvisible || PageTree.isHidden(node.attributes)
            // The head is no page text, but its meta, link and title elements are read on the way.
            open.append(Open(node: index, skipsChildren: node.dropped && tag != "head"))
            if reading == nil {
                if tag == "title" && tree.titleText == nil {
                    reading = (open.count - 1, true, [])
                } else if tag == "script", node.attributes["type"]?.lowercased().includes("ld+json") == true {
                    reading = (open.count - 1, false, [])
                }
            }
            tree.nodes.append(node)
        }

        private mutating func end(depth: Int) {
            close(downTo: depth)
            if !open.isEmpty { pop() }
        }

        /// Text or CDATA.
        private mutating func characters(_ bytes: UnsafeBufferPointer<xmlChar>, depth: Int) {
            close(downTo: depth)
            if reading != nil { reading!.bytes.append(contentsOf: bytes) }
            guard let top = open.last, !top.skipsChildren else { return }
            if top.endsInText {
                text.append(contentsOf: bytes)
                return
            }
            endText()
            textNode = tree.nodes.count
            text.append(contentsOf: bytes)
            tree.nodes.append(Node(kind: .text, tag: "", parent: top.node, end: textNode + 1, depth: tree.nodes[top.node].depth + 1))
            open[open.count - 1].endsInText = true
        }

        /// A comment or processing instruction: in no tree, but it parts the text around it.
        private mutating func otherNode(depth: Int) {
            close(downTo: depth)
            if open.isEmpty {
                if !rootSeen { rootFirstInDocument = false }
                return
            }
            endText()
            open[open.count - 1].endsInText = false
        }

        /// The tree, once the parser is done.
        mutating func finish() -> PageTree {
            close(downTo: 0)
            endText()
            if !tree.nodes.isEmpty { tree.nodes[0].end = tree.nodes.count }
            tree.count()
            return tree
        }

        /// The name lists a class value matches, asked of `NodeNames` once per page for each value
        /// (a page repeats its values hundreds of times).
        private mutating func classLists(_ value: String) -> NodeNames.Lists {
            if value.isEmpty { return [] }
            if let known = tree.classValues[value] { return known }
            let lists = NodeNames.lists(matching: value)
            tree.classValues[value] = lists
            return lists
        }

        private mutating func elementName(_ fullName: UnsafePointer<xmlChar>) -> ElementName {
            if let known = elementNames[UnsafeRawPointer(fullName)] { return known }
            let tag = Self.localName(fullName).lowercasedASCIIFast()
            let name = ElementName(tag: tag, isBlock: PageTree.blocks.contains(tag), isInvisible: PageTree.invisible.contains(tag))
            elementNames[UnsafeRawPointer(fullName)] = name
            return name
        }

        /// An element's name as libxml2's tree builder keeps it: what follows the first colon, unless
        /// the name starts or ends with it.
        private static func localName(_ fullName: UnsafePointer<xmlChar>) -> String {
            let length = strlen(UnsafeRawPointer(fullName).assumingMemoryBound(to: CChar.self))
            let bytes = UnsafeBufferPointer(start: fullName, count: length)
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < length - 1 {
                return String(decoding: bytes[(colon + 1)...], as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The kept attributes of `pairs` (name, value, …, nil), the first of each name; a value the
        /// page left out is empty.
        private mutating func keptAttributes(_ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Attributes {
            var result = Attributes()
            guard let pairs else { return result }
            var index = 0
            while let rawName = pairs[index] {
                defer { index += 2 }
                let kept: String?
                if let known = attributeNames[UnsafeRawPointer(rawName)] {
                    kept = known
                } else {
                    let name = String(cString: rawName).lowercasedASCIIFast()
                    kept = PageTree.keptAttributes.contains(name) ? name : nil
                    attributeNames[UnsafeRawPointer(rawName)] = .some(kept)
                }
                guard let name = kept, result[name] == nil else { continue }
                result.add(name, pairs[index + 1].map { String(cString: $0) } ?? "")
            }
            return result
        }
    }
}
