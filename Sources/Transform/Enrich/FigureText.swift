import TextTools

/// A text as the figure grammar reads it: its Unicode scalars, and beside them the same scalars
/// folded one for one (so offsets stay those of the original, as PostgreSQL counts characters):
/// full-width forms to ASCII (`１２％` → `12%`), ASCII letters to lower case, spaces and dashes to
/// one of each, and the Traditional or financial forms of numerals and currency characters to
/// the Simplified ones (`億` → `亿`, `兩` → `两`, `幣` → `币`, `壹` → `一`).
struct FigureText {
    let scalars: [Unicode.Scalar]
    let folded: [UInt32]

    init(_ text: String) {
        scalars = text.scalarArray
        folded = scalars.map { Self.fold($0.value) }
    }

    var count: Int { folded.count }

    /// The original text of `range`.
    func raw(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }

    static func fold(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A: return value + 0x20                        // A-Z → a-z
        case 0xFF21...0xFF3A: return value - 0xFEE0 + 0x20           // Ａ-Ｚ → a-z
        case 0xFF01...0xFF5E: return value - 0xFEE0                  // full-width ASCII
        case 0x09, 0xA0, 0x2002...0x200A, 0x202F, 0x205F, 0x3000: return 0x20
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: return 0x2D    // dashes and minus → -
        case 0x301C, 0x223C: return 0x7E                             // wave dashes → ~
        case 0xFFE5: return 0xA5                                     // ￥ → ¥
        case 0xFFE1: return 0xA3                                     // ￡ → £
        default: return simplified(value)
        }
    }

    /// The CJK block, where every character the fold changes lies.
    private static let cjk: ClosedRange<UInt32> = 0x4E00...0x9FFF

    private static func simplified(_ value: UInt32) -> UInt32 {
        guard cjk.contains(value) else { return value }
        let folded = simplifiedTable[Int(value - cjk.lowerBound)]
        return folded == 0 ? value : folded
    }

    /// `simplified` as a flat table over the CJK block (0 = unchanged): one lookup and no hashing,
    /// since every character of every text goes through it.
    private static let simplifiedTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: Int(cjk.upperBound - cjk.lowerBound) + 1)
        for (from, to) in simplified {
            precondition(cjk.contains(from), "FigureText folds only CJK characters")
            table[Int(from - cjk.lowerBound)] = to
        }
        return table
    }()

    /// Traditional and financial forms of the characters the grammar reads.
    private static let simplified: [UInt32: UInt32] = {
        let pairs: [(Character, Character)] = [
            ("萬", "万"), ("億", "亿"), ("兩", "两"), ("點", "点"), ("幣", "币"), ("圓", "元"), ("圆", "元"),
            ("歐", "欧"), ("鎊", "镑"), ("臺", "台"), ("韓", "韩"), ("盧", "卢"), ("個", "个"), ("塊", "块"),
            ("錢", "钱"), ("餘", "余"), ("數", "数"), ("幾", "几"), ("銖", "铢"), ("門", "门"),
            ("壹", "一"), ("贰", "二"), ("貳", "二"), ("叁", "三"), ("肆", "四"), ("柒", "七"), ("捌", "八"),
            ("玖", "九"), ("拾", "十"), ("佰", "百"), ("仟", "千"),
        ]
        var table: [UInt32: UInt32] = [:]
        for (from, to) in pairs { table[from.unicodeScalars.first!.value] = to.unicodeScalars.first!.value }
        return table
    }()

    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }
    /// Lower-case ASCII letters (the fold leaves no upper-case ones).
    static func isLetter(_ value: UInt32) -> Bool { value >= 0x61 && value <= 0x7A }
    static func isSpace(_ value: UInt32) -> Bool { value == 0x20 }
}
