import Foundation
import Records
import Testing
import TestSupport
import Transform

@Suite("the canonical URL read from a page's first bytes")
struct CanonicalHintTests {
    func hint(_ html: String) -> String? { CanonicalHint.key(in: Array(html.utf8)) }

    @Test func theFirstCanonicalLinkOfAPlainHead() {
        #expect(hint(page(head: #"<meta charset="utf-8"><title>River rises</title><link rel="canonical" href="https://news.example.com/river.html">"#))
                == "https://news.example.com/river.html")
        #expect(hint(page(head: #"<META NAME=x CONTENT='a > b'><LINK REL="Canonical" HREF=https://news.example.com/r?id=7>"#))
                == "https://news.example.com/r?id=7")
        #expect(hint(page(head: #"<link rel="stylesheet" href="/s.css"><link rel=canonical href="http://a.example/1"><link rel=canonical href="http://a.example/2">"#))
                == "http://a.example/1")
    }

    @Test func withoutACanonicalLinkTheFirstOGURLServes() {
        let og = #"<meta property="og:title" content="River"><meta property="og:url" content="https://news.example.com/og.html">"#
        #expect(hint(page(head: og)) == "https://news.example.com/og.html")
        #expect(hint(page(head: #"<meta name="OG:URL" content="http://a.example/n"><meta property="og:url" content="http://a.example/p">"#))
                == "http://a.example/n")
        // An empty content does not count; the next one does.
        #expect(hint(page(head: #"<meta property="og:url" content=""><meta property="og:url" content="http://a.example/2">"#))
                == "http://a.example/2")
        // Not when the page names a canonical link anywhere, nor when the first og:url holds an entity.
        #expect(hint(page(head: og).replacingOccurrences(of: "</article>", with: #"<link rel="canonical" href="https://c.example/">"#)) == nil)
        #expect(hint(page(head: #"<meta property="og:url" content="https://a.example/?a=1&amp;b=2"><meta property="og:url" content="https://a.example/">"#)) == nil)
        #expect(hint(page(head: #"<meta property="og:url" content="/relative.html">"#)) == nil)
    }

    @Test func scriptsStylesAndCommentsArePassedOverAsTheParserDoes() {
        let head = #"<script>var s = '<link rel="canonical" href="https://fake.example/">';</script><style>a{}</style>"#
            + #"<!-- <link rel="canonical" href="https://old.example/"> --><link rel="canonical" href="https://real.example/a">"#
        #expect(hint(page(head: head)) == "https://real.example/a")
    }

    @Test func whatItIsNotSureOfGivesNoKey() {
        let cases = [
            #"<noscript><link rel="canonical" href="https://a.example/x"></noscript>"#,           // the tree skips noscript
            #"<div></div><link rel="canonical" href="https://a.example/x">"#,                      // another element first
            #"<link rel="canonical" href="https://a.example/x?a=1&amp;b=2">"#,                   // an entity the parser decodes
            #"<link rel="canonical" href="/x.html">"#,                                              // relative
            #"<link rel="canonical">"#,                                                             // no href: og:url would serve
            #"<link rel="canonical" href="https://a.example/a b">"#,                               // a blank
            #"<title>a <b> c</title><link rel="canonical" href="https://a.example/x">"#,          // markup in the title
            #"<link rel="canonical" href="https://a.example/x"#,                                   // unclosed quote
            #"<link rel="canonical" -x href="https://a.example/x">"#,                             // an odd attribute name
            #"<!-- open <link rel="canonical" href="https://a.example/x">"#,                      // unclosed comment
        ]
        for head in cases { #expect(hint(page(head: head)) == nil, "\(head)") }
        #expect(hint(page(head: "")) == nil)
        let utf16 = Array(page(head: #"<link rel="canonical" href="https://a.example/x">"#).utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(CanonicalHint.key(in: utf16) == nil)
    }

    /// Corpus check over the real pages in ../shared/samples (when present): wherever the hint
    /// gives a key and the page is an article, the page's canonical URL (its article key) is that key.
    @Test(.enabled(if: SamplePages.present))
    func theHintAgreesWithTheParsedPageOnEverySamplePage() throws {
        var hinted = 0
        for page in try SamplePages.all() {
            guard let key = CanonicalHint.key(in: Array(page.text.utf8.prefix(CanonicalHint.prefixLength))) else { continue }
            hinted += 1
            guard let extracted = HTMLText.extract(page.text), extracted.isArticle else { continue }
            #expect(extracted.canonicalURL == key, "\(page.path)")
        }
        #expect(hinted > 0)
    }

    /// Where it gives a key, the transform gives the page's article the same one.
    @Test func theKeyIsTheArticleKeyTheTransformGives() throws {
        let heads = [
            #"<title>River rises</title><link rel="canonical" href="https://news.example.com/river.html">"#,
            #"<base href="https://other.example/"><meta property="og:url" content="https://og.example/x"><link rel=canonical href=https://news.example.com/b>"#,
            #"<script>document.write('<div>')</script><link rel="CANONICAL" href="HTTPS://News.Example.com/C">"#,
            #"<meta property="og:url" content="https://news.example.com/og.html"><title>River rises</title>"#,
        ]
        for head in heads {
            let html = page(head: head)
            let key = try #require(hint(html))
            let record = ExtractedRecord(root: "/in", path: "2026-11-28/a.html", recordNo: 1, format: .html, text: html)
            guard case .article(let article) = ArticleTransformer().transform(record) else {
                Issue.record("not an article: \(head)")
                continue
            }
            #expect(article.articleKey == key)
        }
    }
}
