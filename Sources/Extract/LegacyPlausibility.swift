/// Whether bytes look like real text in a double-byte Chinese charset. Almost any run of high
/// bytes is valid GB18030, so validity alone proves nothing: real text keeps to the common
/// characters (GB2312's area, Big5's frequently used area), random bytes do not.
enum LegacyPlausibility {
    static func looksLike(_ charset: String, _ bytes: [UInt8]) -> Bool {
        var pairs = 0, common = 0
        var index = 0
        while index + 1 < bytes.count {
            let lead = bytes[index], trail = bytes[index + 1]
            guard lead >= 0x81 else { index += 1; continue }
            pairs += 1
            switch charset {
            case "gb18030":
                if (0xB0...0xF7).contains(lead) && (0xA1...0xFE).contains(trail) { common += 1 }
                else if (0xA1...0xA9).contains(lead) && (0xA1...0xFE).contains(trail) { common += 1 }   // punctuation
            case "Big5-HKSCS":
                if (0xA4...0xC6).contains(lead) && ((0x40...0x7E).contains(trail) || (0xA1...0xFE).contains(trail)) { common += 1 }
                else if lead == 0xA1 || lead == 0xA2 || lead == 0xA3 { common += 1 }   // punctuation
            default:
                return false
            }
            index += 2
        }
        return pairs >= 4 && common * 10 >= pairs * 8
    }
}
