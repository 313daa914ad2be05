import CLibXML2

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
        /// Counts over the kept subtree (see `Counts`).
        var counts = Counts()
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

    /// The tree `TreeBuilder` built, its counts filled.
    init(nodes: [Node], meta: [String: String], links: [String: String], baseHref: String?, titleText: String?,
         jsonLD: [String], ids: Set<String>, classValues: [String: NodeNames.Lists]) {
        self.nodes = nodes
        self.meta = meta
        self.links = links
        self.baseHref = baseHref
        self.titleText = titleText
        self.jsonLD = jsonLD
        self.ids = ids
        self.classValues = classValues
    }

    /// Leaves `index` and its subtree out, and takes its counts off its ancestors.
    mutating func drop(_ index: Int) {
        guard !nodes[index].dropped else { return }
        nodes[index].dropped = true
        Self.subtractCounts(of: index, from: &nodes)
    }
}
