import Records

/// The money amounts, percentages and quantities an article reports (`news.figures`), read by a
/// small hand-written grammar for Chinese and English numbers:
///
/// - **money**: a number, a magnitude, a currency — `1亿美元`, `148億美元`, `1 亿美元`, `百万人民币`,
///   `人民币100亿元`, `$14.3 billion`, `US$2bn`, `¥5,999`, `5999元`, `€3`, `£3m`, `50亿港元`,
///   `3000亿日元`, `5兆日元`, `10 million yuan`; ranges `100-200亿美元`, `$1-2 billion`.
/// - **percent**: `0.3%`, `３５％`, `百分之三十`, `千分之五` (0.5), `30 percent`, ranges `3-5%`,
///   `30%-40%`; `5个百分点` is a percentage-point change (unit `pp`); `-5%` keeps its sign.
/// - **quantity**: a multiplier `3-5倍`, `三倍` (unit `倍`), or a number with a magnitude — `1.8万亿`,
///   `1万名` (unit `名`, the counted word when it is a known measure word), `14.3 billion`.
///
/// Deliberately not figures (the negatives of the golden cases): a number with no magnitude,
/// currency, percent or `倍` (`4名`, `8人`, `48小时`, `19岁`: counts and durations are left to the
/// text); years and dates (`2024年`, `2025 年`, `7月`, `6月份`, `2026-11-28`); model names and
/// versions (`GPT-4.5`, `GPT - 4.5`, `Llama 4`, `o1`, `H20`, `v1.2.3`); phone numbers
/// (`138-0013-8000`); ordinals (`第3`); times (`10:30`); approximate amounts whose value is unknown
/// (`数十亿美元`, `上百万`, `十几亿`); Chinese numerals without a currency, percent or `倍`
/// (`千万不要`, `万达`, `一元二次`, `二元`); `兆` outside money (`100兆瓦` is mega, not 10¹²);
/// `千米`, `千克`, `千瓦` (metric units, not thousands); `成` (三成 = 30%, but 八成 is "probably").
///
/// Values are exact decimal strings. Positions are offsets in Unicode scalars (PostgreSQL's
/// characters, 0-based) in the body; figures of the title come first, with no position.
public enum FigureGrammar {
    public static func figures(title: String, body: String) -> [Figure] {
        FigureScanner(FigureText(title)).figures(position: false)
            + FigureScanner(FigureText(body)).figures(position: true)
    }
}

/// One pass over a text, left to right; a figure consumes its span.
struct FigureScanner {
    let text: FigureText
    let s: [UInt32]
    let n: Int

    init(_ text: FigureText) {
        self.text = text
        s = text.folded
        n = text.count
    }

    // MARK: scalars the grammar reads

    private static func scalar(_ character: Unicode.Scalar) -> UInt32 { character.value }
    static let percentSign = scalar("%"), hyphen = scalar("-"), tilde = scalar("~"), space = scalar(" ")
    static let zhi = scalar("至"), dao = scalar("到"), duo = scalar("多"), yu = scalar("余"), bei = scalar("倍")
    static let yuan = scalar("元"), di = scalar("第"), ling = scalar("零"), dian = scalar("点")

    /// Before a Chinese numeral, these make the amount approximate or not an amount at all
    /// (数十亿, 几百万, 上万, 第一, 周一, 星期一, 礼拜一, 成千上万).
    static let notBeforeChineseNumeral: Set<UInt32> = Set("数几上第周期拜成好".unicodeScalars.map(\.value))
    /// After `元`, words in which it is not the yuan (元年, 元旦, 元素, 三元组, 二元化, 一元论, 元件…).
    static let notAfterYuan: Set<UInt32> = Set("年旦宵素组化论件首帅老气宇次".unicodeScalars.map(\.value))
    /// `百分之` 0, `千分之` -1, `万分之` -2.
    static let perPhrases: [(pattern: [UInt32], exponent: Int)] = [
        (Array("百分之".unicodeScalars.map(\.value)), 0), (Array("千分之".unicodeScalars.map(\.value)), -1),
        (Array("万分之".unicodeScalars.map(\.value)), -2),
    ]
    static let percentagePoint: [[UInt32]] = ["个百分点", "百分点"].map { $0.unicodeScalars.map(\.value) }
    static let englishMagnitudes: [(word: [UInt32], exponent: Int)] = [
        ("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12),
    ].map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    /// After a currency symbol only: `$5m`, `$3.2bn`, `€500k`, `$2 tn`.
    static let magnitudeAbbreviations: [(word: [UInt32], exponent: Int)] = [
        ("bn", 9), ("mln", 6), ("mn", 6), ("tn", 12), ("b", 9), ("m", 6), ("k", 3),
    ].map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    static let percentWords: [(word: [UInt32], unit: String)] = [
        ("percentage points", "pp"), ("percentage point", "pp"), ("per cent", "%"), ("percent", "%"),
    ].map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    /// Measure words kept as the unit of a quantity (`1万名` → 名), longest first.
    static let measureWords: [[UInt32]] = [
        "平方公里", "平方米", "千瓦时", "人次", "用户", "公里", "公斤", "千克", "千米", "千瓦", "人", "名", "个", "家",
        "台", "辆", "部", "件", "项", "次", "位", "款", "座", "架", "颗", "枚", "篇", "条", "份", "套", "张", "只", "户",
        "吨", "股", "桶", "亩", "头", "字",
    ].map { Array($0.unicodeScalars.map { FigureText.fold($0.value) }) }

    func at(_ index: Int) -> UInt32 { index >= 0 && index < n ? s[index] : 0 }

    func matches(_ pattern: [UInt32], at start: Int) -> Bool {
        guard start >= 0, start + pattern.count <= n else { return false }
        for offset in 0..<pattern.count where s[start + offset] != pattern[offset] { return false }
        return true
    }

    /// `pattern` at `start`, ending on a word boundary when it ends with a letter.
    func matchesWord(_ pattern: [UInt32], at start: Int) -> Bool {
        matches(pattern, at: start) && !FigureText.isLetter(at(start + pattern.count))
    }

    // MARK: the scan

    func figures(position: Bool) -> [Figure] {
        var found: [Figure] = []
        var index = 0
        while index < n {
            let scalar = s[index]
            if let (figure, end) = perPhrase(at: index) ?? prefixedMoney(at: index) ?? number(at: index) {
                found.append(Figure(kind: figure.kind, raw: text.raw(figure.start..<end), value: figure.value,
                                    valueMax: figure.valueMax, unit: figure.unit, position: position ? figure.start : nil))
                index = end
            } else if FigureText.isDigit(scalar) || ChineseNumbers.isNumeral(scalar) {
                // Not a figure: skip the whole number, so that none is read from its middle.
                let digits = FigureText.isDigit(scalar)
                index += 1
                while index < n, digits ? FigureText.isDigit(s[index]) : ChineseNumbers.isNumeral(s[index]) { index += 1 }
            } else {
                index += 1
            }
        }
        return found
    }

    struct Found {
        var kind: String
        var start: Int
        var value: String
        var valueMax: String?
        var unit: String?
    }

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
            found = Found(kind: "percent", start: start, value: lower.value.description, valueMax: upper?.value.description, unit: symbol)
            if upper == nil, at(start - 1) == Self.hyphen, !continuesSomethingElse(start - 1), at(start - 2) != Self.hyphen,
               lower.value.description != "0" {
                found.start = start - 1              // -5%: a fall
                found.value = "-" + found.value
            }
        case .money(let code, let exponent):
            found = Found(kind: "money", start: start, value: lower.value.shifted(by: exponent).description,
                          valueMax: upper?.value.shifted(by: exponent).description, unit: code)
        case .times:
            guard !lower.needsCurrency, !(upper?.needsCurrency ?? false) else { return nil }
            found = Found(kind: "quantity", start: start, value: lower.value.description, valueMax: upper?.value.description, unit: "倍")
        case nil:
            guard lower.hasMagnitude, !lower.chinese, !lower.needsCurrency, !(upper?.needsCurrency ?? false) else { return nil }
            found = Found(kind: "quantity", start: start, value: lower.value.description, valueMax: upper?.value.description, unit: nil)
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
            return (Found(kind: "percent", start: start, value: value.shifted(by: phrase.exponent).description, unit: "%"), end)
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
        var found = Found(kind: "money", start: start, value: lower.value.shifted(by: exponent).description, unit: code)
        if let upper {
            guard lower.value < upper.value else { return nil }
            found.valueMax = upper.value.shifted(by: exponent).description
        }
        return (found, end)
    }
}
