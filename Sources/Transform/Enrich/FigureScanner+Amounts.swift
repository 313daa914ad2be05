/// The parts of a figure: an amount (a number and its magnitude), the unit after it, and the
/// separator between the two ends of a range.
extension FigureScanner {
    // MARK: amounts: a number and its magnitude

    struct Amount {
        var start: Int
        var end: Int
        var mantissa: ExactDecimal
        var exponent = 0
        var hasMagnitude = false
        /// `兆` was read as 10¹²: only money may have it.
        var needsCurrency = false
        /// Written in Chinese numerals, and whether they hold a unit character.
        var chinese = false
        var chineseHasUnit = false
        var value: ExactDecimal { mantissa.shifted(by: exponent) }

        /// The lower end of a range takes the magnitude of the upper one when it has none
        /// (`100-200亿` is 100亿 to 200亿).
        mutating func takeMagnitude(of upper: Amount?) {
            guard let upper, !hasMagnitude, upper.hasMagnitude else { return }
            exponent = upper.exponent
            hasMagnitude = true
        }
    }

    /// Digits with optional thousands groups and decimals: `5,999`, `14.3`. Nil when the number
    /// heads a chain that is not an amount: `1.2.3`, `10:30`, `2024/11/28`, `14,3`.
    func arabic(at start: Int) -> (ExactDecimal, Int)? {
        var index = start
        var integer = "", fraction = ""
        while index < n, FigureText.isDigit(s[index]) {
            integer.unicodeScalars.append(Unicode.Scalar(s[index])!)
            index += 1
        }
        guard !integer.isEmpty else { return nil }
        while at(index) == 0x2C, (1...3).allSatisfy({ FigureText.isDigit(at(index + $0)) }), !FigureText.isDigit(at(index + 4)) {
            for offset in 1...3 { integer.unicodeScalars.append(Unicode.Scalar(s[index + offset])!) }
            index += 4
        }
        if at(index) == 0x2E, FigureText.isDigit(at(index + 1)) {
            index += 1
            while index < n, FigureText.isDigit(s[index]) {
                fraction.unicodeScalars.append(Unicode.Scalar(s[index])!)
                index += 1
            }
        }
        if [0x2E, 0x2C, 0x3A, 0x2F].contains(at(index)), FigureText.isDigit(at(index + 1)) { return nil }
        guard let value = ExactDecimal(integer: integer, fraction: fraction) else { return nil }
        return (value, index)
    }

    /// An amount at `start`: Arabic digits and a magnitude (`148亿`, `1 亿`, `100多亿`, `1.8万亿`,
    /// `14.3 billion`, after a currency symbol also `3.2bn`), or a Chinese numeral (`三千万`, `一百多万`).
    func amount(at start: Int, abbreviations: Bool) -> Amount? {
        if FigureText.isDigit(at(start)) {
            guard let (mantissa, end) = arabic(at: start) else { return nil }
            var amount = Amount(start: start, end: end, mantissa: mantissa)
            var index = end
            var spaces = 0
            while FigureText.isSpace(at(index)), spaces < 2 { index += 1; spaces += 1 }
            let afterApproximation = at(index) == Self.duo || at(index) == Self.yu ? index + 1 : index
            if let magnitude = ChineseNumbers.magnitude(s, at: afterApproximation) {
                amount.exponent = magnitude.exponent
                amount.needsCurrency = magnitude.hasZhao
                amount.end = magnitude.end
                if at(amount.end) == Self.duo || at(amount.end) == Self.yu { amount.end += 1 }   // 1亿多美元
                amount.hasMagnitude = true
            } else if let (exponent, wordEnd) = englishMagnitude(at: end, abbreviations: abbreviations) {
                amount.exponent = exponent
                amount.end = wordEnd
                amount.hasMagnitude = true
            }
            return amount
        }
        let startsNumeral = ChineseNumbers.canStart(at(start)) || (at(start) == Self.ling && at(start + 1) == Self.dian)
        guard startsNumeral, let numeral = ChineseNumbers.numeral(s, at: start) else { return nil }
        var amount = Amount(start: start, end: numeral.end, mantissa: numeral.value, chinese: true, chineseHasUnit: numeral.hasUnit)
        if at(amount.end) == Self.duo || at(amount.end) == Self.yu {
            if let magnitude = ChineseNumbers.magnitude(s, at: amount.end + 1), !magnitude.hasZhao {   // 一百多万
                amount.exponent = magnitude.exponent
                amount.end = magnitude.end
                amount.chineseHasUnit = true
            } else {
                amount.end += 1
            }
        }
        return amount
    }

    /// `million`, `billion`… after at most one space; with `abbreviations`, `bn`, `m`, `k`… (one
    /// letter only when attached: `$5m`, not `$5 m`).
    func englishMagnitude(at end: Int, abbreviations: Bool) -> (Int, Int)? {
        for start in [end, end + 1] where start == end || FigureText.isSpace(at(end)) {
            for entry in Self.englishMagnitudes where matchesWord(entry.word, at: start) {
                return (entry.exponent, start + entry.word.count)
            }
            guard abbreviations else { continue }
            for entry in Self.magnitudeAbbreviations where matchesWord(entry.word, at: start) {
                if entry.word.count == 1 && start != end { continue }
                return (entry.exponent, start + entry.word.count)
            }
        }
        return nil
    }

    // MARK: units after an amount

    enum UnitKind: Equatable {
        case percent(String)
        case money(code: String, exponent: Int)
        case times
    }

    struct Unit {
        var kind: UnitKind
        var end: Int
    }

    /// `%`, `个百分点`, `percent`, a currency word, or `倍`, right after the amount or one space on.
    func unit(after amount: Amount) -> Unit? {
        for start in [amount.end, amount.end + 1] where start == amount.end || FigureText.isSpace(at(amount.end)) {
            let scalar = at(start)
            if scalar == Self.percentSign { return Unit(kind: .percent("%"), end: start + 1) }
            if scalar == Self.bei { return Unit(kind: .times, end: start + 1) }
            for pattern in Self.percentagePoint where matches(pattern, at: start) {
                return Unit(kind: .percent("pp"), end: start + pattern.count)
            }
            for entry in Self.percentWords where matchesWord(entry.word, at: start) {
                return Unit(kind: .percent(entry.unit), end: start + entry.word.count)
            }
            if let (currency, end) = Currencies.match(Currencies.suffixIndex, in: s, at: start) {
                if currency.pattern == [Self.yuan] {
                    // A bare 元: not after a Chinese numeral without a unit (一元二次, 二元), not in 元年, 元素…
                    if amount.chinese && !amount.chineseHasUnit { return nil }
                    if Self.notAfterYuan.contains(at(end)) { return nil }
                }
                return Unit(kind: .money(code: currency.code, exponent: currency.exponent), end: end)
            }
        }
        return nil
    }

    /// `-`, `~`, `至`, `到` between the two ends of a range, with a space either side at most.
    func rangeSeparator(at index: Int) -> Int? {
        var position = index
        if FigureText.isSpace(at(position)) { position += 1 }
        guard [Self.hyphen, Self.tilde, Self.zhi, Self.dao].contains(at(position)) else { return nil }
        position += 1
        if FigureText.isSpace(at(position)) { position += 1 }
        let next = at(position)
        return FigureText.isDigit(next) || ChineseNumbers.canStart(next) ? position : nil
    }
}
