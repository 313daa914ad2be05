import TextTools

/// The Simplified form of each Han character (CJK Unified Ideographs and Extension A), character by
/// character, from OpenCC's t2s tables: built once with one conversion of every character.
/// Used to score Traditional text with Simplified frequencies and to tell Traditional text from
/// Simplified. (Whole texts go through OpenCC itself, which also knows phrases.)
enum SimplifiedForms {
    static let range: ClosedRange<UInt32> = 0x3400...0x9FFF

    /// For each character of `range` (by `scalar - 0x3400`), its Simplified form as an offset
    /// into `range`, or 0xFFFF when it is its own Simplified form (or OpenCC is not installed).
    static let table: [UInt16] = {
        let count = Int(range.upperBound - range.lowerBound) + 1
        var table = [UInt16](repeating: 0xFFFF, count: count)
        guard let converter = ChineseConverter.toSimplified,
              let lines = converter.convertEach(range.map { Unicode.Scalar($0)! }) else { return table }
        for index in 0..<count {
            let scalars = lines[index].unicodeScalars
            guard scalars.count == 1, let first = scalars.first, range.contains(first.value) else { continue }
            let offset = Int(first.value - range.lowerBound)
            if offset != index { table[index] = UInt16(offset) }
        }
        return table
    }()

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
