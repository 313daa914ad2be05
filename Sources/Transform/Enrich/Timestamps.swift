import Foundation

/// Publication and crawl times as scrapers write them, normalized to ISO 8601 with an explicit
/// offset. A time written without a zone is read in `defaultZone` (Asia/Shanghai for Chinese
/// sources unless configured).
public struct Timestamps: Sendable {
    public let defaultZone: TimeZone

    public init(defaultZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.defaultZone = defaultZone
    }

    /// A parsed instant.
    public struct Instant: Equatable, Sendable {
        /// Seconds since the Unix epoch.
        public var epochSeconds: Double
        /// The offset it was written with (or the default zone's at that instant), in seconds.
        public var offsetSeconds: Int

        /// `2024-05-09T10:21:00+08:00`.
        public var iso8601: String {
            let local = Int64(epochSeconds.rounded(.down)) + Int64(offsetSeconds)
            var seconds = local
            let days = Int64((Double(seconds) / 86400).rounded(.down))
            seconds -= days * 86400
            let (y, m, d) = Self.civil(fromDays: days)
            let sign = offsetSeconds < 0 ? "-" : "+"
            let offset = abs(offsetSeconds)
            return String(format: "%04lld-%02d-%02dT%02lld:%02lld:%02lld%@%02d:%02d", y, m, d, seconds / 3600,
                          (seconds % 3600) / 60, seconds % 60, sign, offset / 3600, (offset % 3600) / 60)
        }

        public var microseconds: Int64 { Int64((epochSeconds * 1_000_000).rounded()) }

        /// Gregorian date from days since 1970-01-01 (Howard Hinnant's algorithm).
        static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = Int(doy - (153 * mp + 2) / 5 + 1)
            let m = Int(mp < 10 ? mp + 3 : mp - 9)
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
        }

        static func days(fromCivil year: Int64, _ month: Int, _ day: Int) -> Int64 {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = Int64(month > 2 ? month - 3 : month + 9)
            let doy = (153 * mp + 2) / 5 + Int64(day) - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses epoch seconds or milliseconds, ISO 8601 (`2024-05-09T10:21:00Z`, `+08:00`),
    /// `2024-05-09 10:21(:00)`, `2024/05/09 10:21`, `2024年5月9日 10:21`, and RFC 2822
    /// (`Thu, 09 May 2024 10:21:00 +0800`). Nil for anything else, or an implausible date.
    public func parse(_ raw: String) -> Instant? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isNumber) {
            guard let value = Double(text) else { return nil }
            let seconds = text.count >= 13 ? value / 1000 : value
            guard text.count == 10 || text.count == 13 else { return nil }
            return plausible(Instant(epochSeconds: seconds, offsetSeconds: offset(in: defaultZone, at: seconds)))
        }
        // Pull the numbers out in order, and note a zone designator.
        var numbers: [Int] = []
        var current = ""
        var monthName: Int?
        var letters = ""
        var zone: Int?
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                if !current.isEmpty { numbers.append(Int(current) ?? 0); current = "" }
                if (scalar == "+" || scalar == "-") && numbers.count >= 5 {
                    // +08:00, +0800, -05
                    var digits = ""
                    var j = index + 1
                    while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ":" {
                        if scalars[j] != ":" { digits.unicodeScalars.append(scalars[j]) }
                        j += 1
                    }
                    if digits.count == 4 || digits.count == 2 {
                        let hours = Int(digits.prefix(2)) ?? 0, minutes = digits.count == 4 ? Int(digits.suffix(2)) ?? 0 : 0
                        zone = (scalar == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
                        index = j
                        continue
                    }
                } else if scalar.properties.isAlphabetic && scalar.isASCII {
                    letters.unicodeScalars.append(scalar)
                } else {
                    flushLetters(&letters, &monthName, &zone)
                }
            }
            index += 1
        }
        if !current.isEmpty { numbers.append(Int(current) ?? 0) }
        flushLetters(&letters, &monthName, &zone)

        var year = 0, month = 0, day = 0
        var rest: ArraySlice<Int>
        if let monthName {
            // RFC 2822: day month year hh mm ss
            guard numbers.count >= 2 else { return nil }
            day = numbers[0]; month = monthName; year = numbers[1]
            rest = numbers.dropFirst(2)
        } else {
            guard numbers.count >= 3, numbers[0] >= 1000 else { return nil }
            year = numbers[0]; month = numbers[1]; day = numbers[2]
            rest = numbers.dropFirst(3)
        }
        let hour = rest.first ?? 0
        let minute = rest.dropFirst().first ?? 0
        let second = rest.dropFirst(2).first ?? 0
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second) else { return nil }
        let localSeconds = Double(Instant.days(fromCivil: Int64(year), month, day) * 86400
                                  + Int64(hour * 3600 + minute * 60 + second))
        if let zone {
            return plausible(Instant(epochSeconds: localSeconds - Double(zone), offsetSeconds: zone))
        }
        // Local time in the default zone: its offset at that moment (close enough around DST).
        let guess = localSeconds - Double(offset(in: defaultZone, at: localSeconds))
        let zoneOffset = offset(in: defaultZone, at: guess)
        return plausible(Instant(epochSeconds: localSeconds - Double(zoneOffset), offsetSeconds: zoneOffset))
    }

    private func flushLetters(_ letters: inout String, _ monthName: inout Int?, _ zone: inout Int?) {
        defer { letters = "" }
        let lowered = letters.lowercased()
        if lowered.count >= 3, let month = Self.months.firstIndex(of: String(lowered.prefix(3))) {
            monthName = month + 1
        } else if lowered == "z" || lowered == "utc" || lowered == "gmt" || lowered == "ut" {
            zone = 0
        }
    }

    private func offset(in zone: TimeZone, at seconds: Double) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
    }

    /// Between 1990 and 2100: anything else is a parse of something that was not a date.
    private func plausible(_ instant: Instant) -> Instant? {
        (631_152_000...4_102_444_800).contains(instant.epochSeconds) ? instant : nil
    }
}
