import Testing
@testable import Transform

@Suite("HTML remnants")
struct RepairRemnantsTests {
    @Test(arguments: [
        ("<strong>标题</strong>", "标题"),
        ("第一段<br/>第二段<BR>", "第一段第二段"),
        ("结尾 ?/strong>", "结尾 "),
        ("结尾\u{FFFD}/p>", "结尾"),
        ("<p class=\"lead\">正文</p>", "正文"),
        ("<a href='https://example.org/a?b=1'>链接</a>", "链接"),
        ("<!-- ad -->正文", "正文"),
        ("<script>var a = \"<b>\";</script>正文<style>p{}</style>", "正文"),
        ("A&amp;B", "A&B"),
        ("暴雨&nbsp;过后", "暴雨\u{A0}过后"),
        ("&ldquo;好&rdquo;&hellip;", "“好”…"),
        ("&#20013;&#x6587;", "中文"),
        ("caf&eacute; &Uuml;ber", "café Über"),
        ("&amp;nbsp;", "\u{A0}"),
    ])
    func remnantsGo(text: String, expected: String) {
        let outcome = Remnants.strip(text)
        #expect(outcome == Remnants.Outcome(text: expected, changed: true))
    }

    @Test(arguments: ["a < b and c > d", "x<y>z", "AT&T", "S&P 500", "R&D;", "&unknown;", "&#0;", "Why?/ no", "1 <= 2", "<名字>", "10Î&amp"])
    func textThatIsNotARemnantStays(text: String) {
        #expect(Remnants.strip(text) == Remnants.Outcome(text: text, changed: false))
    }
}
