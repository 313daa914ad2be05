/// Dates written in page text, as Chinese pages print them under the headline:
/// `2024-05-09 10:21 来源：新华社`, `2024年05月09日 10:21:30`, `2024/5/9`, `2024.05.09`.
/// Found by a scanner (no regular expression), returned as `YYYY-MM-DD[ HH:MM[:SS]]` for
/// `Timestamps` to read in the configured zone.
enum DateInText {
    struct Found: Equatable {
        var text: String
        var hasTime: Bool
    }

    /// The first plausible date in `text` (years 1990 to 2099).
    static func first(in text: String) -> Found? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 8 <= scalars.count {
            defer { index += 1 }
            guard isDigit(scalars[index]) else { continue }
            if index > 0 && isDigit(scalars[index - 1]) { continue }
            if let found = date(at: index, in: scalars) { return found }
        }
        return nil
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                         "january", "february", "march", "april", "june", "july", "august", "september", "october",
                         "november", "december"]

    /// Whether `text` holds an English date: a month name and a four-digit year (`August 12, 2010`).
    static func hasEnglishDate(_ text: String) -> Bool {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        let month = words.contains { months.contains(String($0)) }
        let year = words.contains { $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) && $0.allSatisfy(\.isNumber) }
        return month && year
    }

    /// The first date in a URL path: `/2019/05/09/`, `/2019-05-09/`, `/20190509/`, `doc-2019-11-25`;
    /// else a month between slashes, `/2019/05/slug` (returned as `2019-05`).
    static func inURL(_ url: String) -> String? {
        let scalars = Array(url.unicodeScalars)
        var month: String?
        var index = 0
        while index + 8 <= scalars.count {
            defer { index += 1 }
            guard isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]) else { continue }
            var position = index
            guard let year = number(scalars, &position, digits: 4, exact: true), (1990...2099).contains(year) else { continue }
            let separator = position < scalars.count && ["/", "-", "_"].contains(scalars[position])
            if separator { position += 1 }
            guard let monthNumber = number(scalars, &position, digits: 2, exact: true), (1...12).contains(monthNumber) else { continue }
            if separator {
                guard position < scalars.count, scalars[position] == scalars[index + 4] else { continue }
                if month == nil, scalars[index + 4] == "/", index > 0, scalars[index - 1] == "/" {
                    month = "\(year)-" + pad(monthNumber)
                }
                position += 1
            }
            guard let day = number(scalars, &position, digits: 2, exact: true), (1...31).contains(day) else { continue }
            if position < scalars.count && isDigit(scalars[position]) { continue }
            return format(year, monthNumber, day)
        }
        return month
    }

    private static func date(at start: Int, in scalars: [Unicode.Scalar]) -> Found? {
        var position = start
        guard let year = number(scalars, &position, digits: 4, exact: true), (1990...2099).contains(year),
              position < scalars.count else { return nil }
        let separator = scalars[position]
        guard ["-", "/", ".", "年"].contains(separator) else { return nil }
        position += 1
        skipSpaces(scalars, &position)
        guard let month = number(scalars, &position, digits: 2, exact: false), (1...12).contains(month),
              position < scalars.count else { return nil }
        let second = scalars[position]
        let expected: Unicode.Scalar = separator == "年" ? "月" : separator
        guard second == expected else { return nil }
        position += 1
        skipSpaces(scalars, &position)
        guard let day = number(scalars, &position, digits: 2, exact: false), (1...31).contains(day) else { return nil }
        if position < scalars.count && isDigit(scalars[position]) { return nil }
        if position < scalars.count && scalars[position] == "日" { position += 1 }
        var text = format(year, month, day)
        // An optional time: hh:mm or hh:mm:ss, after spaces or a T.
        var cursor = position
        while cursor < scalars.count && (TextMeasure.isSpace(scalars[cursor]) || scalars[cursor] == "T") && cursor - position < 4 {
            cursor += 1
        }
        if let hour = number(scalars, &cursor, digits: 2, exact: false), hour < 24, cursor < scalars.count,
           scalars[cursor] == ":" || scalars[cursor] == "：" {
            cursor += 1
            if let minute = number(scalars, &cursor, digits: 2, exact: true), minute < 60 {
                text += " " + pad(hour) + ":" + pad(minute)
                if cursor < scalars.count, scalars[cursor] == ":" || scalars[cursor] == "：" {
                    cursor += 1
                    if let second = number(scalars, &cursor, digits: 2, exact: true), second < 60 {
                        text += ":" + pad(second)
                    }
                }
                return Found(text: text, hasTime: true)
            }
        }
        return Found(text: text, hasTime: false)
    }

    private static func number(_ scalars: [Unicode.Scalar], _ position: inout Int, digits: Int, exact: Bool) -> Int? {
        var value = 0
        var count = 0
        while position < scalars.count, count < digits, isDigit(scalars[position]) {
            value = value * 10 + Int(scalars[position].value - 48)
            position += 1
            count += 1
        }
        if count == 0 || (exact && count != digits) { return nil }
        return value
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], _ position: inout Int) {
        while position < scalars.count && scalars[position] == " " { position += 1 }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(year)-\(pad(month))-\(pad(day))"
    }
}
