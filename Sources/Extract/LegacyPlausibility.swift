/// Whether bytes look like real text in a double-byte Chinese charset. Almost any run of high
/// bytes is valid GB18030, so validity alone proves nothing: real text keeps to the common
/// characters (GB2312's area, Big5's frequently used area), random bytes do not. The walk
/// resynchronizes after an uncommon pair (one byte at a time), so a dropped or inserted byte in a
/// damaged file costs one miss, not the rest of the file.
enum LegacyPlausibility {
    static func looksLike(_ charset: String, _ bytes: [UInt8]) -> Bool {
        guard charset == "gb18030" || charset == "Big5-HKSCS" else { return false }
        var common = 0, misses = 0
        var index = 0
        while index + 1 < bytes.count {
            let lead = bytes[index], trail = bytes[index + 1]
            guard lead >= 0x81 else { index += 1; continue }
            if isCommon(charset, lead, trail) {
                common += 1
                index += 2
            } else {
                misses += 1
                index += 1
            }
        }
        return common >= 4 && common * 10 >= (common + misses) * 8
    }

    @inline(__always)
    static func isCommon(_ charset: String, _ lead: UInt8, _ trail: UInt8) -> Bool {
        if charset == "gb18030" {
            // GB2312's hanzi (B0–F7) and its punctuation and symbols (A1–A9), trail A1–FE.
            return ((0xB0...0xF7).contains(lead) || (0xA1...0xA9).contains(lead)) && (0xA1...0xFE).contains(trail)
        }
        // Big5: frequently used hanzi (A4–C6) and punctuation (A1–A3), trail 40–7E or A1–FE.
        return (0xA1...0xC6).contains(lead) && ((0x40...0x7E).contains(trail) || (0xA1...0xFE).contains(trail))
    }
}
