import CLibXML2

/// A page parsed by libxml2's HTML parser (the parser lxml and trafilatura use), read-only.
/// The text given is already decoded: the parser is told UTF-8, so a `<meta charset>` that lies
/// cannot make it decode the page again.
public final class HTMLDocument {
    let document: htmlDocPtr

    public init?(html: String) {
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The root element, if any.
    public var root: HTMLNode? {
        xmlDocGetRootElement(document).map(HTMLNode.init)
    }

    /// Every element named `name` (lowercase), in document order.
    public func elements(named name: String) -> [HTMLNode] {
        var found: [HTMLNode] = []
        root?.walk { node in
            if node.name == name { found.append(node) }
            return true
        }
        return found
    }

    /// The `content` of the first `<meta>` whose `name`, `property` or `itemprop` is one of `keys`.
    public func meta(_ keys: [String]) -> String? {
        let wanted = Set(keys.map { $0.lowercased() })
        for node in elements(named: "meta") {
            for attribute in ["property", "name", "itemprop"] {
                if let key = node.attribute(attribute)?.lowercased(), wanted.contains(key),
                   let content = node.attribute("content"), !content.isEmpty {
                    return content
                }
            }
        }
        return nil
    }
}

/// One node of an `HTMLDocument`; valid while the document lives.
public struct HTMLNode {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    public var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// Lowercase element name; empty for other nodes.
    public var name: String {
        guard isElement, let name = pointer.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    public var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(HTMLNode(current))
            child = current.pointee.next
        }
        return result
    }

    public func attribute(_ name: String) -> String? {
        guard isElement, let value = xmlGetProp(pointer, name) else { return nil }
        defer { etl_xml_free(value) }
        return String(cString: value)
    }

    /// The text of a text node.
    public var textContent: String {
        guard let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// All text below this node.
    public var allText: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { etl_xml_free(content) }
        return String(cString: content)
    }

    /// Visits this node and its descendants in document order, without recursion (pages can nest
    /// thousands of levels deep). `visit` returns false to skip a node's children.
    public func walk(_ visit: (HTMLNode) -> Bool) {
        var stack: [xmlNodePtr] = [pointer]
        while let current = stack.popLast() {
            let node = HTMLNode(current)
            guard visit(node) else { continue }
            var children: [xmlNodePtr] = []
            var child = current.pointee.children
            while let next = child {
                children.append(next)
                child = next.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
    }
}
