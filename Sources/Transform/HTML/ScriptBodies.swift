import TextTools

/// Drops what is inside `<script>` and `<style>` elements before libxml2 parses a page, keeping
/// the elements themselves and JSON-LD scripts whole. Nearly half the bytes of a saved news page
/// are script and style, none of it page text, and libxml2's HTML parser reads such content
/// character by character into growing text nodes; skipping it here takes a byte search.
///
/// The scan follows libxml2's HTML parser (in recovery mode) where it matters: only `script` and
/// `style` hold raw text, which ends at the first `</script` (`</style`) in any case; a tag name
/// is a letter then letters, digits, `-`, `_`, `:` or `.` (`<script-x>` is another element);
/// comments (`<!-- … -->`), processing instructions and quoted attribute values are passed over,
/// so a `<script` inside them starts nothing.
enum ScriptBodies {
    static func dropped(from html: [UInt8]) -> [UInt8] {
        html.withUnsafeBufferPointer { dropped(from: $0) }
    }

    private static func dropped(from html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = html.count
        var output: [UInt8] = []
        var copied = 0      // html[..<copied] is dealt with
        var index = 0
        while let open = ByteSearch.find("<", in: html, from: index) {
            index = open + 1
            guard index < count else { break }
            let next = html[index]
            if next == UInt8(ascii: "!") && ByteSearch.matches("!--", in: html, at: index) {
                // A comment runs to `-->`; an unclosed one to the end, and so does the scan.
                guard let end = ByteSearch.find("-->", in: html, from: index + 3) else { break }
                index = end + 3
                continue
            }
            if next == UInt8(ascii: "?") {
                // A processing instruction runs to the first `>`.
                guard let end = ByteSearch.find(">", in: html, from: index) else { break }
                index = end + 1
                continue
            }
            guard ByteSearch.isASCIILetter(next) else { continue }
            var nameEnd = index + 1
            while nameEnd < count, HTMLBytes.isNameByte(html[nameEnd]) { nameEnd += 1 }
            // The tag's end: the first `>` outside a quoted attribute value.
            var tagEnd = nameEnd
            var quote: UInt8?
            while tagEnd < count {
                let byte = html[tagEnd]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    // A quote opens a value only after `=` (and blanks), as libxml2 reads attributes.
                    if lastNonBlank(html, before: tagEnd, from: nameEnd) == UInt8(ascii: "=") { quote = byte }
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                tagEnd += 1
            }
            guard tagEnd < count else { break }
            index = tagEnd + 1
            let nameLength = nameEnd - open - 1
            let isScript = nameLength == 6 && ByteSearch.matches("script", in: html, at: open + 1, ignoringASCIICase: true)
            let isStyle = nameLength == 5 && ByteSearch.matches("style", in: html, at: open + 1, ignoringASCIICase: true)
            // `<script/>` holds nothing; JSON-LD is read later.
            guard isScript || isStyle, html[tagEnd - 1] != UInt8(ascii: "/") else { continue }
            let close = ByteSearch.find(isScript ? "</script" : "</style", in: html, from: index, ignoringASCIICase: true) ?? count
            guard !(isScript && ByteSearch.find("ld+json", in: html, from: open, to: tagEnd, ignoringASCIICase: true) != nil) else {
                index = close
                continue
            }
            if output.isEmpty { output.reserveCapacity(count) }
            output.append(contentsOf: html[copied..<index])
            copied = close
            index = close
        }
        guard copied > 0 else { return Array(html) }
        output.append(contentsOf: html[copied...])
        return output
    }

    private static func lastNonBlank(_ html: UnsafeBufferPointer<UInt8>, before index: Int, from start: Int) -> UInt8? {
        var position = index - 1
        while position >= start, HTMLBytes.isBlank(html[position]) { position -= 1 }
        return position >= start ? html[position] : nil
    }
}
