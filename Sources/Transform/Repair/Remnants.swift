import Foundation
import TextTools

/// Leftovers of the HTML a text was scraped from: stray tags (`</strong>`, `<br/>`, and `?/strong>`
/// whose `<` a lossy decoder replaced), whole `<script>`/`<style>` elements, comments, and
/// character references (`&nbsp;`, `&amp;`, `&#8220;`, `&#x4E2D;`, also escaped twice as `&amp;nbsp;`).
/// Only names HTML defines are touched: `a < b`, `x<y>` and `AT&T` stay.
enum Remnants {
    struct Outcome: Equatable {
        var text: String
        var changed: Bool
    }

    static func strip(_ text: String) -> Outcome {
        let hasAngle = text.includes("<") || text.includes(">")
        let hasAmpersand = text.includes("&")
        guard hasAngle || hasAmpersand else { return Outcome(text: text, changed: false) }
        var result = text
        if hasAngle {
            for (pattern, needles) in angled where needles.contains(where: result.includes) {
                result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "")
            }
        }
        if hasAmpersand {
            // Escaped twice (`&amp;nbsp;`) comes back in two rounds.
            for _ in 0..<2 {
                let decoded = decodeReferences(result)
                if decoded == result { break }
                result = decoded
            }
        }
        return Outcome(text: result, changed: result != text)
    }

    /// Tag names HTML defines that turn up in scraped text.
    static let tagNames = [
        "a", "abbr", "article", "aside", "audio", "b", "big", "blockquote", "body", "br", "button", "caption",
        "center", "cite", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input",
        "ins", "label", "li", "link", "mark", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q", "s",
        "section", "small", "source", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "title", "tr", "tt", "u", "ul", "video", "wbr",
    ].joined(separator: "|")

    static let elements = try! NSRegularExpression(
        pattern: "<(script|style)\\b[^>]*>.*?</\\1\\s*>", options: [.caseInsensitive, .dotMatchesLineSeparators])
    static let comments = try! NSRegularExpression(pattern: "<!--.*?-->", options: [.dotMatchesLineSeparators])
    /// `<b>`, `</strong>`, `<br/>`, `<img src="…">`, `<p class='x'>`.
    static let tags = try! NSRegularExpression(
        pattern: "</?(?:\(tagNames))(?:\\s+[^<>]*)?/?>", options: [.caseInsensitive])
    /// A closing tag whose `<` became `?` or U+FFFD: `?/strong>`.
    static let eatenTags = try! NSRegularExpression(
        pattern: "[?\u{FFFD}]/(?:\(tagNames))\\s*>", options: [.caseInsensitive])

    /// Whether `line` ends with a closing tag whose `<` a lossy decoder took with the byte before
    /// it (`…袊 ?/strong>`): a character was lost just before the tag.
    static func endsWithEatenTag(_ line: String) -> Bool {
        guard line.includes("?/") || line.includes("\u{FFFD}/") else { return false }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let range = NSRange(trimmed.startIndex..., in: trimmed)
        return eatenTags.matches(in: trimmed, range: range).last.map { $0.range.upperBound == range.upperBound } ?? false
    }

    /// The expressions in the order they apply, each with the text one of its matches must hold:
    /// most texts with a `<` or `>` (`a < b`) hold no tag, and need not be searched four times.
    static let angled: [(NSRegularExpression, needles: [String])] = [
        (elements, ["</"]), (comments, ["<!--"]), (tags, ["<"]), (eatenTags, ["?/", "\u{FFFD}/"]),
    ]

    static let references = try! NSRegularExpression(pattern: "&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")

    static func decodeReferences(_ text: String) -> String {
        let matches = references.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = ""
        var last = text.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: text), let nameRange = Range(match.range(at: 1), in: text) else { continue }
            let name = text[nameRange]
            var replacement: String?
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let value, value != 0, let scalar = Unicode.Scalar(value) { replacement = String(Character(scalar)) }
            } else if let value = namedReferences[String(name)] {
                replacement = value
            }
            guard let replacement else { continue }
            result += text[last..<whole.lowerBound]
            result += replacement
            last = whole.upperBound
        }
        result += text[last...]
        return result
    }

    /// HTML's named references that appear in news text: markup, spaces, punctuation, signs, and
    /// the Latin-1 letters.
    static let namedReferences: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": "\u{2002}",
            "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{AD}",
            "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}",
            "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
            "mdash": "\u{2014}", "ndash": "\u{2013}", "hellip": "\u{2026}", "middot": "\u{B7}", "bull": "\u{2022}",
            "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "deg": "\u{B0}", "plusmn": "\u{B1}",
            "times": "\u{D7}", "divide": "\u{F7}", "frac12": "\u{BD}", "frac14": "\u{BC}", "frac34": "\u{BE}",
            "sup1": "\u{B9}", "sup2": "\u{B2}", "sup3": "\u{B3}", "micro": "\u{B5}", "para": "\u{B6}", "sect": "\u{A7}",
            "cent": "\u{A2}", "pound": "\u{A3}", "yen": "\u{A5}", "euro": "\u{20AC}", "curren": "\u{A4}",
            "iexcl": "\u{A1}", "iquest": "\u{BF}", "ordf": "\u{AA}", "ordm": "\u{BA}", "not": "\u{AC}",
            "macr": "\u{AF}", "acute": "\u{B4}", "cedil": "\u{B8}", "uml": "\u{A8}", "brvbar": "\u{A6}",
            "prime": "\u{2032}", "Prime": "\u{2033}", "permil": "\u{2030}", "larr": "\u{2190}", "rarr": "\u{2192}",
            "uarr": "\u{2191}", "darr": "\u{2193}", "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}",
            "infin": "\u{221E}", "minus": "\u{2212}", "dagger": "\u{2020}", "Dagger": "\u{2021}",
            "OElig": "\u{152}", "oelig": "\u{153}", "Scaron": "\u{160}", "scaron": "\u{161}", "Yuml": "\u{178}",
            "fnof": "\u{192}", "circ": "\u{2C6}", "tilde": "\u{2DC}",
        ]
        // Latin-1 letters: À (192) to ÿ (255), by their HTML names.
        let letters = [
            "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc",
            "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde",
            "Ouml", "", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
            "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
            "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde",
            "ouml", "", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
        ]
        for (offset, name) in letters.enumerated() where !name.isEmpty {
            table[name] = String(Character(Unicode.Scalar(UInt32(192 + offset))!))
        }
        return table
    }()
}
