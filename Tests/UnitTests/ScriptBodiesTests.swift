import Testing
@testable import Transform

/// Script and style contents are dropped before libxml2 parses a page: exactly where libxml2
/// would read raw text, and nowhere else.
@Suite("script and style bodies dropped before parsing")
struct ScriptBodiesTests {
    @Test(arguments: [
        // Script and style contents go; the elements stay.
        (#"<p>a</p><script>var x = "<p>not text</p>";</script><p>b</p>"#, "<p>a</p><script></script><p>b</p>"),
        ("<style>p { color: red }</style><p>b</p>", "<style></style><p>b</p>"),
        ("<SCRIPT type=text/javascript>x()</SCRIPT ><p>b</p>", "<SCRIPT type=text/javascript></SCRIPT ><p>b</p>"),
        // The first closing tag ends it, whatever is in between.
        ("<script>a('<script>')</script><p>b</p></script>", "<script></script><p>b</p></script>"),
        // Unclosed: to the end, as libxml2 reads it.
        ("<p>a</p><script>x(", "<p>a</p><script>"),
        // JSON-LD stays whole, in any case.
        (#"<script type="application/ld+json">{"headline":"标题"}</script>"#, #"<script type="application/ld+json">{"headline":"标题"}</script>"#),
        (#"<script TYPE='APPLICATION/LD+JSON'>{}</script><script>x</script>"#, #"<script TYPE='APPLICATION/LD+JSON'>{}</script><script></script>"#),
        // No raw text starts inside a comment, a processing instruction or a quoted value …
        ("<!-- <script> --><p>kept</p><script>x</script>", "<!-- <script> --><p>kept</p><script></script>"),
        (#"<?php echo "<script>"; ?><p>kept</p>"#, #"<?php echo "<script>"; ?><p>kept</p>"#),
        (#"<a title="<script>" href='x>y'>t</a><p>kept</p>"#, #"<a title="<script>" href='x>y'>t</a><p>kept</p>"#),
        // … nor at another element, nor at an empty script.
        ("<script-x>y</script-x><scripts>z</scripts><styles>w</styles>", "<script-x>y</script-x><scripts>z</scripts><styles>w</styles>"),
        (#"<script src="a.js"/><p>kept</p>"#, #"<script src="a.js"/><p>kept</p>"#),
        // An unclosed comment hides the rest.
        ("<!-- <p>a</p><script>x</script>", "<!-- <p>a</p><script>x</script>"),
    ])
    func contentsDroppedOnlyWhereLibxml2ReadsRawText(page: String, expected: String) throws {
        #expect(String(decoding: ScriptBodies.dropped(from: Array(page.utf8)), as: UTF8.self) == expected)
        // libxml2 reads the same page text, head and JSON-LD from both.
        let whole = try #require(PageTree(html: page, dropScriptBodies: false))
        let dropped = try #require(PageTree(html: page))
        #expect(whole.nodes.isEmpty == dropped.nodes.isEmpty)
        if !whole.nodes.isEmpty && !dropped.nodes.isEmpty { #expect(whole.text(of: 0) == dropped.text(of: 0)) }
        #expect(whole.jsonLD == dropped.jsonLD)
        #expect(whole.nodes.map(\.tag) == dropped.nodes.map(\.tag))
    }

    @Test func thePageReadsTheSameWithoutThem() throws {
        let page = """
            <html><head><title>标题</title><style>.a{}</style>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"工程师的新工作","author":{"name":"张三"}}</script>
            <script>document.write("<p>脚本写的段落，不是正文。</p>");</script></head>
            <body><article><h1>工程师的新工作</h1><p>第一段正文，有标点，也有句号。</p>
            <script>var s = "</div><p>假的段落</p>";</script><p>第二段正文，在脚本之后，仍然是正文。</p></article></body></html>
            """
        let result = try #require(HTMLText.extract(page))
        #expect(result.paragraphs == ["第一段正文，有标点，也有句号。", "第二段正文，在脚本之后，仍然是正文。"])
        #expect(result.author == "张三")
    }
}
