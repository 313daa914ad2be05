/// Chinese numerals (`三千五百万`, `一点八`, `两百`, `一万五`) and the magnitude words written after
/// Arabic digits (`148亿`, `1.8万亿`, `5千万`). Works on the scalars of `FigureText`, where
/// Traditional and financial forms are already folded (`億` → `亿`, `兩` → `两`, `壹` → `一`).
enum ChineseNumbers {
    /// `零〇一二两三四五六七八九` → 0…9.
    static func digit(_ scalar: UInt32) -> UInt64? {
        switch scalar {
        case 0x96F6, 0x3007: return 0   // 零 〇
        case 0x4E00: return 1           // 一
        case 0x4E8C, 0x4E24: return 2   // 二 两
        case 0x4E09: return 3           // 三
        case 0x56DB: return 4           // 四
        case 0x4E94: return 5           // 五
        case 0x516D: return 6           // 六
        case 0x4E03: return 7           // 七
        case 0x516B: return 8           // 八
        case 0x4E5D: return 9           // 九
        default: return nil
        }
    }

    /// `十百千` → 1…3 (as powers of ten).
    static func smallUnit(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0x5341: return 1   // 十
        case 0x767E: return 2   // 百
        case 0x5343: return 3   // 千
        default: return nil
        }
    }

    static let wan: UInt32 = 0x4E07     // 万
    static let yi: UInt32 = 0x4EBF      // 亿
    static let zhao: UInt32 = 0x5146    // 兆
    static let dian: UInt32 = 0x70B9    // 点

    static func isNumeral(_ scalar: UInt32) -> Bool {
        digit(scalar) != nil || smallUnit(scalar) != nil || scalar == wan || scalar == yi
    }

    /// Characters a Chinese numeral may start with: a digit other than `零〇`, or `十百千万`
    /// (`亿` alone does not start an amount).
    static func canStart(_ scalar: UInt32) -> Bool {
        if let value = digit(scalar) { return value != 0 }
        return smallUnit(scalar) != nil || scalar == wan
    }

    /// Scalars after a `千` that make it a metric prefix (千米, 千克, 千瓦, 千卡, 千帕, 千赫, 千焦,
    /// 千伏, 千字, 千兆), not a magnitude.
    static let metricAfterQian: Set<UInt32> = [0x7C73, 0x514B, 0x74E6, 0x5361, 0x5E15, 0x8D6B, 0x7126, 0x4F0F, 0x5B57, 0x5146]

    /// A magnitude written after a number: `[十百千]? 万? (亿|兆)?`, at least one character
    /// (`万`, `亿`, `万亿`, `千万`, `百万`, `十亿`, `兆`). `兆` (10¹², as in 兆日元 and Taiwanese
    /// 兆元) is also the metric mega (兆瓦, 兆字节), so the caller accepts it only before a currency.
    struct Magnitude {
        var exponent: Int
        var end: Int
        var hasZhao: Bool
    }

    static func magnitude(_ text: [UInt32], at start: Int) -> Magnitude? {
        var index = start
        var exponent = 0
        var hasZhao = false
        if index < text.count, let small = smallUnit(text[index]) {
            let next = index + 1 < text.count ? text[index + 1] : 0
            if small == 3 && metricAfterQian.contains(next) { return nil }
            if small == 2 && next == 0x5206 { return nil }   // 百分…: a percentage phrase, not 百
            exponent += small
            index += 1
        }
        if index < text.count, text[index] == wan {
            exponent += 4
            index += 1
        }
        if index < text.count, text[index] == yi || text[index] == zhao {
            hasZhao = text[index] == zhao
            exponent += hasZhao ? 12 : 8
            index += 1
        }
        return index == start ? nil : Magnitude(exponent: exponent, end: index, hasZhao: hasZhao)
    }

    /// A Chinese numeral starting at `start`.
    struct Numeral {
        var value: ExactDecimal
        var end: Int
        /// Whether it holds a unit character (十百千万亿): `二元` is not money, `五十元` is.
        var hasUnit: Bool
    }

    /// Reads `三千五百万`, `一亿三千万`, `一百零五`, `一万五` (colloquial 15000), `百分之` tails such as
    /// `三十五点五`, and `一点八万亿`. Nil for runs that are not one number (`二〇二四`, `一二`).
    static func numeral(_ text: [UInt32], at start: Int) -> Numeral? {
        var total: UInt64 = 0, section: UInt64 = 0, number: UInt64 = 0
        var previousDigit: UInt64?      // the scalar before was this digit
        var lastUnitExponent = 0        // the scalar before was this unit (0: not a unit)
        var hasUnit = false
        var index = start

        func add(_ a: UInt64, _ b: UInt64) -> UInt64? {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : sum
        }
        func times(_ a: UInt64, tenTo exponent: Int) -> UInt64? {
            var result = a
            for _ in 0..<exponent {
                let (product, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = product
            }
            return result
        }

        loop: while index < text.count {
            let scalar = text[index]
            if let value = digit(scalar) {
                if let before = previousDigit, before != 0 { return nil }   // 一二, 二〇二四
                number = value
                previousDigit = value
                lastUnitExponent = 0
            } else if let exponent = smallUnit(scalar) {
                if previousDigit == nil && lastUnitExponent != 0 { break loop }   // 百千: not one number
                guard let part = times(number == 0 && previousDigit == nil ? 1 : number, tenTo: exponent),
                      let sum = add(section, part) else { return nil }
                section = sum
                number = 0
                previousDigit = nil
                lastUnitExponent = exponent
                hasUnit = true
            } else if scalar == wan || scalar == yi {
                let exponent = scalar == wan ? 4 : 8
                guard var base = add(section, number) else { return nil }
                if scalar == yi { guard let sum = add(total, base) else { return nil }; base = sum }
                if base == 0 { base = 1 }
                guard let scaled = times(base, tenTo: exponent) else { return nil }
                if scalar == wan { section = scaled } else { total = scaled; section = 0 }
                number = 0
                previousDigit = nil
                lastUnitExponent = exponent
                hasUnit = true
            } else {
                break loop
            }
            index += 1
        }
        guard index > start else { return nil }
        // 一万五 = 15000, 三千五 = 3500: a last digit right after a unit counts in the next lower place.
        if number > 0, previousDigit != nil, index >= 2, smallUnit(text[index - 2]) != nil || text[index - 2] == wan || text[index - 2] == yi {
            let unitBefore = text[index - 2] == wan ? 4 : text[index - 2] == yi ? 8 : smallUnit(text[index - 2])!
            if unitBefore >= 2, let scaled = times(number, tenTo: unitBefore - 1) { number = scaled }
        }
        guard let sum = add(total, section), let integer = add(sum, number) else { return nil }

        // A decimal part (一点八, 三十五点五), then a magnitude (一点八万亿).
        var fraction = ""
        if index + 1 < text.count, text[index] == dian, let first = digit(text[index + 1]) {
            fraction.append(String(first))
            index += 2
            while index < text.count, let value = digit(text[index]) {
                fraction.append(String(value))
                index += 1
            }
        }
        guard var value = ExactDecimal(integer: String(integer), fraction: fraction) else { return nil }
        if !fraction.isEmpty, let magnitude = magnitude(text, at: index), !magnitude.hasZhao {
            value = value.shifted(by: magnitude.exponent)
            index = magnitude.end
            hasUnit = true
        }
        return Numeral(value: value, end: index, hasUnit: hasUnit)
    }
}
