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

    /// A figure found, before its text is cut out.
    struct Found {
        var kind: FigureKind
        var start: Int
        var value: String
        var valueMax: String?
        var unit: String?
    }
}
