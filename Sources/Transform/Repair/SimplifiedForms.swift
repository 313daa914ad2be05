import TextTools

/// The Simplified form of each Han character (CJK Unified Ideographs and Extension A), character by
/// character, from OpenCC's t2s tables (`CharacterConversion`). Used to score Traditional text
/// with Simplified frequencies and to tell Traditional text from Simplified. (Whole texts go
/// through `SearchText.simplified`, which also knows phrases.)
enum SimplifiedForms {
    static let range: ClosedRange<UInt32> = 0x3400...0x9FFF

    /// OpenCC's t2s character by character, and the characters its phrases treat otherwise; nil
    /// when OpenCC is not installed or its dictionaries cannot be listed.
    static let conversion = CharacterConversion(.traditionalToSimplified)

    /// For each character of `range` (by `scalar - 0x3400`), its Simplified form as an offset
    /// into `range`, or 0xFFFF when it is its own Simplified form (or OpenCC is not installed).
    static let table: [UInt16] = {
        let count = Int(range.upperBound - range.lowerBound) + 1
        var table = [UInt16](repeating: 0xFFFF, count: count)
        let scalars = range.map { Unicode.Scalar($0)! }
        // From the character table; without it, each character through OpenCC in one call.
        guard let forms = conversion.map({ conversion in scalars.map { Substring(conversion.form(of: $0)) } })
                ?? ChineseConverter.toSimplified?.convertEach(scalars) else { return table }
        for index in 0..<count {
            let form = forms[index].unicodeScalars
            guard form.count == 1, let first = form.first, range.contains(first.value) else { continue }
            let offset = Int(first.value - range.lowerBound)
            if offset != index { table[index] = UInt16(offset) }
        }
        return table
    }()

    /// `text` through OpenCC's t2s (phrases included): the character table's conversion when it
    /// gives OpenCC's, else OpenCC's; unchanged when it holds no Traditional character or OpenCC
    /// is not installed.
    static func converted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isTraditional) else { return text }
        if let converted = conversion?.convert(text[...]) { return converted }
        return ChineseConverter.toSimplified?.convert(text) ?? text
    }

    /// The Simplified form of `scalar` (itself when it has no other).
    static func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard range.contains(scalar.value) else { return scalar }
        let entry = table[Int(scalar.value - range.lowerBound)]
        return entry == 0xFFFF ? scalar : Unicode.Scalar(range.lowerBound + UInt32(entry))!
    }

    /// Whether `scalar` is a Traditional character with a different Simplified form.
    static func isTraditional(_ scalar: Unicode.Scalar) -> Bool {
        range.contains(scalar.value) && table[Int(scalar.value - range.lowerBound)] != 0xFFFF
    }
}
