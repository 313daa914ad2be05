import CLibXML2
import TextTools

extension PageTree {
    /// Builds a `PageTree` from the HTML parser's events (SAX), as libxml2's tree builder (`SAX2.c`)
    /// would have built its document, of which the tree keeps the root element's subtree, walked in
    /// document order, not descending into dropped elements other than `head`. Building no libxml2
    /// document spares the parser allocating and freeing its nodes, a large part of its work. The
    /// rules followed here are the tree builder's:
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
        // What the tree is made of (see `PageTree`), handed over by `finish()`.
        private var nodes: [Node] = []
        private var meta: [String: String] = [:]
        private var links: [String: String] = [:]
        private var baseHref: String?
        private var titleText: String?
        private var jsonLD: [String] = []
        private var ids: Set<String> = []
        private var classValues: [String: NodeNames.Lists] = [:]
        /// The open elements, innermost last, one for each the parser has open (`nameNr`).
        private var open: [Open] = []
        /// The UTF-8 of the text node being read (`nodes[textNode]`), made a String once it ends.
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
            /// Its index in `nodes`; -1 if it is inside a dropped element (not in the tree).
            var node: Int
            /// Its children stay out of the tree.
            var skipsChildren: Bool
            /// Its last child is the text node being read, which more text joins.
            var endsInText = false
        }

        init() {
            nodes.reserveCapacity(4096)
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
            if closed.node >= 0 { nodes[closed.node].end = nodes.count }
            if let done = reading, done.depth == open.count {
                let content = String(decoding: done.bytes.prefix { $0 != 0 }, as: UTF8.self)
                if done.isTitle { titleText = content } else { jsonLD.append(content) }
                reading = nil
            }
        }

        /// Ends the text node being read: its text is set.
        private mutating func endText() {
            guard textNode >= 0 else { return }
            nodes[textNode].text = String(decoding: text.prefix { $0 != 0 }, as: UTF8.self)
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
                level = nodes[top.node].depth + 1
            } else if !rootSeen {
                rootSeen = true
                parent = -1
                level = 0
            } else if rootFirstInDocument, let root = nodes.first, !root.dropped || root.tag == "head" {
                parent = 0
                level = 1
            } else {
                open.append(Open(node: -1, skipsChildren: true))
                return
            }

            let index = nodes.count
            let name = elementName(fullName)
            let tag = name.tag
            var node = Node(kind: .element, tag: tag, parent: parent, end: index + 1, depth: level)
            node.attributes = keptAttributes(attributes)
            let className = node.attributes["class"]?.lowercasedASCIIFast() ?? "", id = node.attributes["id"]?.lowercasedASCIIFast() ?? ""
            if !className.isEmpty || !id.isEmpty {
                node.names = NodeNames.flags(class: classLists(className), id: NodeNames.lists(matching: id))
            }
            if !id.isEmpty { ids.insert(id) }
            node.isBlock = name.isBlock
            collectHead(tag: tag, attributes: node.attributes)
            node.dropped = name.isInvisible || Self.isHidden(node.attributes)
            // The head is no page text, but its meta, link and title elements are read on the way.
            open.append(Open(node: index, skipsChildren: node.dropped && tag != "head"))
            if reading == nil {
                if tag == "title" && titleText == nil {
                    reading = (open.count - 1, true, [])
                } else if tag == "script", node.attributes["type"]?.lowercased().includes("ld+json") == true {
                    reading = (open.count - 1, false, [])
                }
            }
            nodes.append(node)
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
            textNode = nodes.count
            text.append(contentsOf: bytes)
            nodes.append(Node(kind: .text, tag: "", parent: top.node, end: textNode + 1, depth: nodes[top.node].depth + 1))
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
            if !nodes.isEmpty { nodes[0].end = nodes.count }
            PageTree.fillCounts(&nodes)
            return PageTree(nodes: nodes, meta: meta, links: links, baseHref: baseHref, titleText: titleText, jsonLD: jsonLD,
                            ids: ids, classValues: classValues)
        }

        /// The name lists a class value matches, asked of `NodeNames` once per page for each value
        /// (a page repeats its values hundreds of times).
        private mutating func classLists(_ value: String) -> NodeNames.Lists {
            if value.isEmpty { return [] }
            if let known = classValues[value] { return known }
            let lists = NodeNames.lists(matching: value)
            classValues[value] = lists
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

        private static func isHidden(_ attributes: Attributes) -> Bool {
            // Only display:none: pages such as WeChat's keep the article at visibility:hidden until a script shows it.
            if attributes["hidden"] != nil { return true }
            guard let style = attributes["style"]?.lowercased(), style.includes("none") else { return false }
            return style.filter { !$0.isWhitespace }.includes("display:none")
        }

        /// What a head element says by its attributes alone. (The title and JSON-LD are the text inside
        /// their elements, read as `reading`.)
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
}
