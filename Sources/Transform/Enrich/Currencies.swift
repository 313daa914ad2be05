/// Currency words and symbols, written before an amount (`$`, `US$`, `¥`, `RMB`, `人民币`) or after
/// it (`美元`, `元`, `港币`, `dollars`, `yuan`), with their ISO 4217 codes. Matched on the folded
/// scalars of `FigureText` (lower-case ASCII, half-width symbols, Simplified currency characters).
enum Currencies {
    struct Entry: Sendable {
        /// Folded scalars of the word.
        var pattern: [UInt32]
        var code: String
        /// Power of ten the amount is multiplied by: `美分` (cents) is -2.
        var exponent: Int
        /// Latin words need a word boundary after them (`yuan` but not `yuanbao`).
        var latin: Bool
    }

    /// Written after the amount, longest first where one is a prefix of another (`元人民币`, `元`).
    static let suffixes = table([
        ("美元", "USD"), ("美金", "USD"), ("元人民币", "CNY"), ("人民币", "CNY"), ("元", "CNY"), ("块钱", "CNY"),
        ("港元", "HKD"), ("港币", "HKD"), ("日元", "JPY"), ("日币", "JPY"), ("欧元", "EUR"), ("英镑", "GBP"),
        ("韩元", "KRW"), ("新台币", "TWD"), ("台币", "TWD"), ("澳元", "AUD"), ("澳币", "AUD"), ("加元", "CAD"),
        ("加币", "CAD"), ("卢布", "RUB"), ("瑞郎", "CHF"), ("瑞士法郎", "CHF"), ("新加坡元", "SGD"), ("新元", "SGD"),
        ("卢比", "INR"), ("泰铢", "THB"), ("越南盾", "VND"), ("澳门元", "MOP"), ("雷亚尔", "BRL"),
        ("us dollars", "USD"), ("dollars", "USD"), ("dollar", "USD"), ("usd", "USD"), ("yuan", "CNY"), ("rmb", "CNY"),
        ("cny", "CNY"), ("euros", "EUR"), ("euro", "EUR"), ("eur", "EUR"), ("yen", "JPY"), ("jpy", "JPY"),
        ("hong kong dollars", "HKD"), ("hkd", "HKD"), ("gbp", "GBP"),
    ]) + [Entry(pattern: fold("美分"), code: "USD", exponent: -2, latin: false)]

    /// Written before the amount. `¥` alone is the yuan (CNY), as Chinese news uses it; `JP¥` is the yen.
    static let prefixes = table([
        ("us$", "USD"), ("hk$", "HKD"), ("nt$", "TWD"), ("a$", "AUD"), ("c$", "CAD"), ("s$", "SGD"), ("r$", "BRL"),
        ("$", "USD"), ("jp¥", "JPY"), ("cn¥", "CNY"), ("rmb¥", "CNY"), ("¥", "CNY"), ("€", "EUR"), ("£", "GBP"),
        ("₩", "KRW"), ("₹", "INR"), ("₽", "RUB"), ("usd", "USD"), ("rmb", "CNY"), ("cny", "CNY"), ("eur", "EUR"),
        ("gbp", "GBP"), ("jpy", "JPY"), ("hkd", "HKD"), ("人民币", "CNY"), ("港币", "HKD"),
    ])

    /// Entries by their first scalar, longest first, so that a scan tries few of them.
    static let suffixIndex = index(suffixes)
    static let prefixIndex = index(prefixes)
    /// Whether a prefix may start with each scalar of the Basic Multilingual Plane: most of a text
    /// is answered here, without hashing into `prefixIndex`.
    private static let prefixStarts: [Bool] = {
        var starts = [Bool](repeating: false, count: 0x10000)
        for first in prefixIndex.keys where first < 0x10000 { starts[Int(first)] = true }
        return starts
    }()

    /// Whether some prefix starts with `scalar` (for a scalar beyond the BMP: perhaps).
    static func mayStartPrefix(_ scalar: UInt32) -> Bool {
        scalar >= 0x10000 || prefixStarts[Int(scalar)]
    }

    /// The longest currency word in `entries` at `start`, if any.
    static func match(_ index: [UInt32: [Entry]], in text: [UInt32], at start: Int) -> (entry: Entry, end: Int)? {
        guard start < text.count, let candidates = index[text[start]] else { return nil }
        for entry in candidates where start + entry.pattern.count <= text.count {
            var matches = true
            for (offset, scalar) in entry.pattern.enumerated() where text[start + offset] != scalar {
                matches = false
                break
            }
            guard matches else { continue }
            let end = start + entry.pattern.count
            if entry.latin, end < text.count, FigureText.isLetter(text[end]) { continue }
            return (entry, end)
        }
        return nil
    }

    private static func table(_ pairs: [(String, String)]) -> [Entry] {
        pairs.map { word, code in
            Entry(pattern: fold(word), code: code, exponent: 0, latin: word.unicodeScalars.last!.isASCII && word.unicodeScalars.last!.properties.isAlphabetic)
        }
    }

    private static func fold(_ word: String) -> [UInt32] {
        word.unicodeScalars.map { FigureText.fold($0.value) }
    }

    private static func index(_ entries: [Entry]) -> [UInt32: [Entry]] {
        var byFirst: [UInt32: [Entry]] = [:]
        for entry in entries { byFirst[entry.pattern[0], default: []].append(entry) }
        return byFirst.mapValues { $0.sorted { $0.pattern.count > $1.pattern.count } }
    }
}
