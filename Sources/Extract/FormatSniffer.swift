import Records

public enum FormatSniffer {
    /// Extensions that make a file JSON Lines when its first lines do not settle it …
    static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    /// … and with `json`, those of the files the sniffer takes for JSON of either kind.
    public static func isJSONExtension(_ pathExtension: String) -> Bool {
        let ext = pathExtension.lowercased()
        return ext == "json" || jsonLinesExtensions.contains(ext)
    }

    /// `html` when the text starts with markup; `json`/`jsonl` when it starts with `{` or `[` and its
    /// first line or the whole text is JSON; `text` otherwise. Extensions only break ties: a `.json`
    /// or `.jsonl` file is JSON even when it is broken (so it is rejected as invalid JSON).
    public static func sniff(_ text: String, pathExtension: String) -> FileFormat {
        let ext = pathExtension.lowercased()
        guard let first = text.unicodeScalars.first(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }) else {
            return .text
        }
        switch first {
        case "<":
            return .html
        case "{", "[":
            let lines = firstLines(of: text, count: 51)
            if lines.count > 1, JSONRecords.isJSONObject(lines[0]) { return .jsonl }
            // A .json file is JSON whether or not it parses (its records are parsed once, later).
            if ext == "json" || JSONRecords.isJSON(text) { return .json }
            if jsonLinesExtensions.contains(ext) { return .jsonl }
            // Broken JSON in a .txt: JSON Lines if most lines look like objects.
            let objectLines = lines.prefix(50).filter { $0.first == "{" }.count
            return objectLines * 2 > min(lines.count, 50) && lines.count > 1 ? .jsonl : .text
        default:
            if ext == "html" || ext == "htm" || ext == "xhtml" || ext == "xml" {
                return text.utf8.contains(UInt8(ascii: "<")) ? .html : .text
            }
            return .text
        }
    }

    /// Up to `count` lines of `text` that are not blank, read no further than needed.
    static func firstLines(of text: String, count: Int) -> [Substring] {
        var lines: [Substring] = []
        JSONRecords.forEachLine(of: text) { line in
            if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
            return lines.count < count
        }
        return lines
    }
}
