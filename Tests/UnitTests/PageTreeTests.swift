import CLibXML2
import Foundation
import Testing
import TestSupport
@testable import Transform

/// `PageTree` is built from the HTML parser's events, without the document libxml2's tree builder
/// would make. It must hold what a walk of that document gives. The oracle here has libxml2 build
/// the document from the same bytes and options (`htmlReadMemory`), walks it in document order as
/// the tree is meant to be walked (into no dropped element but `head`, as the tree marks them), and
/// reads the first title and the JSON-LD scripts with `xmlNodeGetContent`.
@Suite("page trees built from parser events")
struct PageTreeTests {
    /// Each element and text node of the walk: kind, name, depth, parent and text.
    static func oracle(_ html: String, tree: PageTree) throws -> (nodes: [String], title: String?, jsonLD: [String]) {
        var bytes = Array(html.utf8)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        let document = try #require(bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        })
        defer { xmlFreeDoc(document) }
        var nodes: [String] = []
        var title: String?
        var jsonLD: [String] = []
        func content(_ node: xmlNodePtr) -> String {
            guard let text = xmlNodeGetContent(node) else { return "" }
            defer { etl_xml_free(text) }
            return String(cString: text)
        }
        func visit(_ node: xmlNodePtr, parent: Int, depth: Int) {
            let index = nodes.count
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: node.pointee.name).lowercased()
                nodes.append("element \(name) depth \(depth) parent \(parent)")
                if name == "title" && title == nil { title = content(node) }
                if name == "script", let type = xmlGetProp(node, "type") {
                    if String(cString: type).lowercased().contains("ld+json") { jsonLD.append(content(node)) }
                    etl_xml_free(type)
                }
                let dropped = index < tree.nodes.count ? tree.nodes[index].dropped : false
                guard !dropped || name == "head" else { return }
                var child = node.pointee.children
                while let current = child {
                    visit(current, parent: index, depth: depth + 1)
                    child = current.pointee.next
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                nodes.append("text depth \(depth) parent \(parent) \(String(cString: node.pointee.content))")
            default:
                break
            }
        }
        if let root = xmlDocGetRootElement(document) { visit(root, parent: -1, depth: 0) }
        return (nodes, title, jsonLD)
    }

    static func described(_ tree: PageTree) -> [String] {
        tree.nodes.map { node in
            node.kind == .element ? "element \(node.tag) depth \(node.depth) parent \(node.parent)"
                : "text depth \(node.depth) parent \(node.parent) \(node.text)"
        }
    }

    static func expectSameAsTheDocument(_ html: String, _ comment: Comment? = nil) throws {
        let tree = try #require(PageTree(html: html, dropScriptBodies: false), comment)
        let (nodes, title, jsonLD) = try oracle(html, tree: tree)
        #expect(described(tree) == nodes, comment)
        #expect(tree.titleText == title, comment)
        #expect(tree.jsonLD == jsonLD, comment)
        for (index, node) in tree.nodes.enumerated() where node.kind == .element {
            #expect(tree.nodes[index].end >= index + 1)
        }
    }

    /// Pages built to show each rule the tree follows where libxml2's tree builder has one.
    @Test(arguments: [
        // Text parted by a comment is two nodes; entities are text.
        "<html><body><p>a<!-- c -->b &amp; &nbsp;&#x4E2D;&unknown; c</p></body></html>",
        // A Word export's o:p is a p; attribute names keep their colon.
        "<body><p class=MsoNormal>段落<o:p></o:p></p><p xml:lang=zh st1:x=\"1\">二</p><a:>x</a:><:b>y</:b></body>",
        // Elements after the root: its last children when nothing comes before it …
        "<html><body><p>x</p></body></html><div>after</div>tail<p>more</p>",
        // … but outside the tree after a DOCTYPE, a comment or a processing instruction.
        "<!DOCTYPE html><html><body><p>x</p></body></html><div>after</div>",
        "<!-- saved --><html><body><p>x</p></body></html><div>after</div>",
        "<?xml version=\"1.0\"?><html><body><p>x</p></body></html><div>after</div>",
        "<html><body><p>x</p></body></html><!DOCTYPE html><div>after</div>",
        // A control character inside a start tag; a start tag the page ends in, which the parser
        // closes without an end event.
        "<html><body><p>a<span class=\"x\" \u{1}>b</span> c</p><p>d</p></body></html>",
        "<html><body><p>text<span class=\"a\"",
        // Misplaced html, head and body tags; text straight in html; text before any tag.
        "lead <html>hello<head><title>T</title></head><body><p>a</p><body class=x><p>b</p><html lang=zh><head></head></body></html>",
        // Title with an element inside, a second title, JSON-LD, style and script bodies (CDATA).
        "<html><head><title>A <b>B</b> C</title><title>second</title><script type=\"application/ld+json\">{\"a\": \"<x>\"}</script><style>p{}</style></head><body><script>var a = '<p>';</script><p>x</p><script type=\"Application/LD+JSON\">[1]</script></body></html>",
        // Dropped subtrees: hidden, display:none, svg with a title, noscript.
        "<body><div hidden><p>x</p></div><div style=\"DISPLAY: none\">y</div><svg><title>t</title><text>z</text></svg><noscript><p>n</p></noscript><p>kept</p></body>",
        // Implied closes: list items, cells, a p cut by a div; whitespace between blocks.
        "<body>\n  <ul>\n <li>a<li>b</ul>\n<table><tr><td>1<td>2</table>\n<p>a<div>b</div>\n</body>",
        // Duplicate, valueless and upper-case attributes; an empty page body.
        "<DIV CLASS=\"A\" class=\"b\" ID=\"X\" hidden>t</DIV><input type=checkbox checked><br/><img src=\"a.png\"/>",
        "<html></html>",
        "   ",
    ])
    func treesAreTheDocumentsWalk(html: String) throws {
        try Self.expectSameAsTheDocument(html)
    }

    /// The golden pages and, when they are beside the project, the shared sample pages.
    @Test func goldenAndSamplePagesGiveTheDocumentsTree() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/html")
        var pages = try FileManager.default.contentsOfDirectory(atPath: golden.path).filter { $0.hasSuffix(".html") }.sorted()
            .map { (path: $0, text: try String(contentsOf: golden.appendingPathComponent($0), encoding: .utf8)) }
        #expect(pages.count >= 5)
        if SamplePages.present { pages += try SamplePages.all() }
        for page in pages {
            try Self.expectSameAsTheDocument(page.text, "\(page.path)")
        }
    }
}
