import TextTools

/// Splits decoded text into a title and paragraphs, and removes what PostgreSQL text cannot hold.
public enum TextLayout {
    /// Line breaks of every platform become `\n`; NUL, other C0/C1 controls (except tab and newline),
    /// zero-width characters and stray BOMs are removed; the text is put in Unicode NFC.
    /// Returns the cleaned text and whether control characters were removed.
    public static func normalize(_ text: String) -> (text: String, removedControls: Bool) {
        // Most lines hold nothing to replace or remove: they are only put in NFC.
        guard text.unicodeScalars.contains(where: needsCleaning) else {
            return (Normalization.normalized(text, .canonical), false)
        }
        var bytes: [UInt8] = []   // UTF-8, made a String once: appending to a String scalar by scalar is slow
        bytes.reserveCapacity(text.utf8.count)
        var removed = false
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0D { bytes.append(0x0A); previousWasCR = true; continue }
            defer { previousWasCR = false }
            if value == 0x0A { if !previousWasCR { bytes.append(0x0A) }; continue }
            if value == 0x2028 || value == 0x2029 { bytes.append(0x0A); continue }
            if value == 0x09 { bytes.append(0x20); continue }
            if value < 0x20 || (0x7F...0x9F).contains(value) { removed = true; continue }
            if value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF {
                removed = true
                continue
            }
            bytes.appendUTF8(scalar)
        }
        let cleaned = String(decoding: bytes, as: UTF8.self)
        return (Normalization.normalized(cleaned, .canonical), removed)
    }

    /// `text` without C0 controls (tab and line breaks aside) and zero-width characters and BOMs,
    /// or nil when it has none (the usual case, found by one pass over its bytes).
    static func withoutInvisibles(_ text: String) -> String? {
        func holdsOne(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                if byte == 0xE2, index + 2 < bytes.count,   // U+200B...U+200D, U+2060
                   (bytes[index + 1] == 0x80 && (0x8B...0x8D).contains(bytes[index + 2]))
                    || (bytes[index + 1] == 0x81 && bytes[index + 2] == 0xA0) { return true }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return true }
                index += 1
            }
            return false
        }
        let found = text.utf8.withContiguousStorageIfAvailable(holdsOne) ?? Array(text.utf8).withUnsafeBufferPointer(holdsOne)
        guard found else { return nil }
        var removed = false
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0..<0x20, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: removed = true
            default: scalars.append(scalar)
            }
        }
        return removed ? String(scalars) : nil
    }

    /// Whether `normalize` has anything to replace or remove for this scalar (a lone `\n` stays).
    private static func needsCleaning(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// The lines of `text`, split at every kind of line break (`\n`, `\r\n`, `\r`, U+2028, U+2029).
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex   // of the current line
        var previousWasCR = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let value = scalars[index].value
            let next = scalars.index(after: index)
            switch value {
            case 0x0A where previousWasCR:
                previousWasCR = false
                start = next
            case 0x0A, 0x0D, 0x2028, 0x2029:
                lines.append(String(scalars[start..<index]))
                start = next
                previousWasCR = value == 0x0D
            default:
                previousWasCR = false
            }
            index = next
        }
        lines.append(String(scalars[start...]))
        return lines
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

    /// Whether a first line reads as the opening paragraph rather than a headline: it ends a
    /// sentence with a full stop (`。`, or `.` after a letter or digit, perhaps before a closing
    /// quote) after a comma, or it is longer than any headline (over 120 characters). A file
    /// without a title line starts so; its first line is body text, not a title to take out of it.
    public static func readsAsParagraph(_ line: String) -> Bool {
        var scalars = Substring(line).unicodeScalars.reversed().drop(while: { $0.properties.isWhitespace })
        if scalars.count > 120 { return true }
        if let last = scalars.first, "”’\"'」』)）".unicodeScalars.contains(last) { scalars = scalars.dropFirst() }
        guard let end = scalars.first else { return false }
        let fullStop = end == "。" || (end == "." && scalars.dropFirst().first.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) } == true)
        return fullStop && scalars.contains(where: { $0 == "，" || $0 == "," || $0 == "；" || $0 == ";" || $0 == "、" })
    }

    /// The non-empty lines of `text`, trimmed, with runs of spaces folded into one.
    public static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [UInt8] = []   // UTF-8, made a String once per paragraph
        var pendingSpace = false
        func finish() {
            if !current.isEmpty { paragraphs.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                finish()
            case 0x20, 0x3000, 0xA0:
                pendingSpace = !current.isEmpty
            default:
                if pendingSpace { current.append(0x20); pendingSpace = false }
                current.appendUTF8(scalar)
            }
        }
        finish()
        return paragraphs
    }
}
