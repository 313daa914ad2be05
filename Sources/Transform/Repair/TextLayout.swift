import Foundation

/// Splits decoded text into a title and paragraphs, and removes what PostgreSQL text cannot hold.
public enum TextLayout {
    /// Line breaks of every platform become `\n`; NUL, other C0/C1 controls (except tab and newline),
    /// zero-width characters and stray BOMs are removed; the text is put in Unicode NFC.
    /// Returns the cleaned text and whether control characters were removed.
    public static func normalize(_ text: String) -> (text: String, removedControls: Bool) {
        var scalars = String.UnicodeScalarView()
        var removed = false
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0D { scalars.append("\n"); previousWasCR = true; continue }
            defer { previousWasCR = false }
            if value == 0x0A { if !previousWasCR { scalars.append(scalar) }; continue }
            if value == 0x2028 || value == 0x2029 { scalars.append("\n"); continue }
            if value == 0x09 { scalars.append(" "); continue }
            if value < 0x20 || (0x7F...0x9F).contains(value) { removed = true; continue }
            if value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF {
                removed = true
                continue
            }
            scalars.append(scalar)
        }
        return (String(scalars).precomposedStringWithCanonicalMapping, removed)
    }

    /// The first line of `text` with something visible in it, and everything after that line.
    public static func splitTitle(_ text: String) -> (title: String, body: String) {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
            if line.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && $0.value != 0xFEFF && $0.value != 0x200B }) {
                return (String(line), String(rest))
            }
        }
        return ("", "")
    }

    /// The non-empty lines of `text`, trimmed, with runs of spaces folded into one.
    public static func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let folded = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{00A0}" })
                .joined(separator: " ")
            return folded.isEmpty ? nil : folded
        }
    }
}
