/// The three shapes a figure takes: a number and what follows it, a `百分之` phrase, a currency
/// and the amount after it.
extension FigureScanner {
    // MARK: figures

    /// Whether the digits at `start` continue something that is not an amount: a model name or
    /// version (`GPT-4`, `GPT - 4.5`, `o1`, `H20`, `v2`), an ordinal (`第3`), the rest of a number
    /// (`1.5`, `10:30`, `2024/11`, the `11` of `2026-11-28`).
    func continuesSomethingElse(_ start: Int) -> Bool {
        let before = at(start - 1)
        if FigureText.isLetter(before) || FigureText.isDigit(before) || before == 0x5F || before == 0x2E { return true }
        if [0x2C, 0x3A, 0x2F].contains(before), FigureText.isDigit(at(start - 2)) { return true }
        var index = start - 1
        while FigureText.isSpace(at(index)) { index -= 1 }
        if at(index) == Self.di { return true }
        if at(index) == Self.hyphen {
            index -= 1
            while FigureText.isSpace(at(index)) { index -= 1 }
            if FigureText.isLetter(at(index)) || FigureText.isDigit(at(index)) { return true }
        }
        return false
    }

    /// A figure that starts with a number (Arabic or Chinese).
    func number(at start: Int) -> (Found, Int)? {
        let scalar = at(start)
        if FigureText.isDigit(scalar) {
            guard !continuesSomethingElse(start) else { return nil }
        } else if ChineseNumbers.canStart(scalar) {
            let before = at(start - 1)
            if Self.notBeforeChineseNumeral.contains(before) || ChineseNumbers.isNumeral(before) || FigureText.isDigit(before) { return nil }
        } else {
            return nil
        }
        guard var lower = amount(at: start, abbreviations: false) else { return nil }
        var unit = unit(after: lower)
        var upper: Amount?
        if let next = rangeSeparator(at: unit?.end ?? lower.end), let right = amount(at: next, abbreviations: false) {
            let rightUnit = self.unit(after: right)
            if let rightUnit, unit == nil || unit?.kind == rightUnit.kind {
                (upper, unit) = (right, rightUnit)   // 3-5倍, 100-200亿美元, 30-40%, 30%-40%, 1亿至2亿美元
            } else if unit == nil, rightUnit == nil, lower.hasMagnitude, right.hasMagnitude, !lower.chinese, !right.chinese {
                upper = right                        // 1万-2万
            }
        }
        lower.takeMagnitude(of: upper)
        if let upper {
            guard lower.value < upper.value else { return nil }   // not a range: 2026-11, 10-5
        }
        var end = unit?.end ?? upper?.end ?? lower.end
        var found: Found
        switch unit?.kind {
        case .percent(let symbol):
            guard !lower.hasMagnitude, !lower.needsCurrency, !(upper?.needsCurrency ?? false) else { return nil }
            found = Found(kind: .percent, start: start, value: lower.value.description, valueMax: upper?.value.description, unit: symbol)
            if upper == nil, at(start - 1) == Self.hyphen, !continuesSomethingElse(start - 1), at(start - 2) != Self.hyphen,
               lower.value.description != "0" {
                found.start = start - 1              // -5%: a fall
                found.value = "-" + found.value
            }
        case .money(let code, let exponent):
            found = Found(kind: .money, start: start, value: lower.value.shifted(by: exponent).description,
                          valueMax: upper?.value.shifted(by: exponent).description, unit: code)
        case .times:
            guard !lower.needsCurrency, !(upper?.needsCurrency ?? false) else { return nil }
            found = Found(kind: .quantity, start: start, value: lower.value.description, valueMax: upper?.value.description, unit: "倍")
        case nil:
            guard lower.hasMagnitude, !lower.chinese, !lower.needsCurrency, !(upper?.needsCurrency ?? false) else { return nil }
            found = Found(kind: .quantity, start: start, value: lower.value.description, valueMax: upper?.value.description, unit: nil)
            for word in Self.measureWords where matches(word, at: end) {
                found.unit = text.raw(end..<(end + word.count))
                end += word.count
                break
            }
        }
        return (found, end)
    }

    /// `百分之三十`, `百分之30`, `千分之五`, `万分之三`.
    func perPhrase(at start: Int) -> (Found, Int)? {
        let first = at(start)
        guard Self.perPhrases.contains(where: { $0.pattern[0] == first }) else { return nil }
        for phrase in Self.perPhrases where matches(phrase.pattern, at: start) {
            let numberStart = start + phrase.pattern.count
            let value: ExactDecimal, end: Int
            if FigureText.isDigit(at(numberStart)) {
                guard let (decimal, numberEnd) = arabic(at: numberStart) else { return nil }
                (value, end) = (decimal, numberEnd)
            } else if ChineseNumbers.isNumeral(at(numberStart)), let numeral = ChineseNumbers.numeral(s, at: numberStart) {
                (value, end) = (numeral.value, numeral.end)
            } else {
                return nil
            }
            return (Found(kind: .percent, start: start, value: value.shifted(by: phrase.exponent).description, unit: "%"), end)
        }
        return nil
    }

    /// Money written with its currency first: `$14.3 billion`, `US$2bn`, `¥5,999`, `€3m`,
    /// `RMB 100 million`, `人民币100亿元`, `$1-2 billion`.
    func prefixedMoney(at start: Int) -> (Found, Int)? {
        guard Currencies.mayStartPrefix(at(start)),
              let (currency, afterCurrency) = Currencies.match(Currencies.prefixIndex, in: s, at: start) else { return nil }
        if FigureText.isLetter(currency.pattern[0]) {
            let before = at(start - 1)
            if FigureText.isLetter(before) || FigureText.isDigit(before) { return nil }
        }
        var numberStart = afterCurrency
        if FigureText.isSpace(at(numberStart)) { numberStart += 1 }
        guard FigureText.isDigit(at(numberStart)), var lower = amount(at: numberStart, abbreviations: true) else { return nil }
        var upper: Amount?
        if let next = rangeSeparator(at: lower.end), FigureText.isDigit(at(next)),
           let right = amount(at: next, abbreviations: true) {
            upper = right
        }
        lower.takeMagnitude(of: upper)
        var code = currency.code, exponent = currency.exponent
        var end = (upper ?? lower).end
        if let suffix = unit(after: upper ?? lower) {
            guard case .money(let suffixCode, let suffixExponent) = suffix.kind else { return nil }
            (code, exponent, end) = (suffixCode, suffixExponent, suffix.end)    // 人民币100亿元, $100美元
        }
        var found = Found(kind: .money, start: start, value: lower.value.shifted(by: exponent).description, unit: code)
        if let upper {
            guard lower.value < upper.value else { return nil }
            found.valueMax = upper.value.shifted(by: exponent).description
        }
        return (found, end)
    }
}
