import Foundation

/// Publication and crawl times as scrapers and pages write them, kept as the source gave them: the
/// instant, the offset the source stated (if it stated one), how precise it was (a day, a minute…)
/// and the calendar day it printed. A time written without a zone is read in the zone the caller
/// passes (a publication time: the site's, `SiteZones`), else in `defaultZone` (a crawl time: the
/// scraper's clock, the configured `timeZone`).
public struct Timestamps: Sendable {
    /// The zone of a time written without one when the caller names none.
    public let defaultZone: TimeZone

    public init(defaultZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.defaultZone = defaultZone
    }

    /// How much of a time the source wrote.
    public enum Precision: String, Sendable, Codable {
        case year, month, day, hour, minute, second
    }

    /// A parsed instant.
    public struct Instant: Equatable, Sendable {
        /// Seconds since the Unix epoch (a value without a time of day: the start of its day, or
        /// of its month or year, in the zone it was read in).
        public var epochSeconds: Double
        /// The offset it was written with (or the reading zone's at that instant), in seconds.
        public var offsetSeconds: Int
        /// The offset the source stated (`+08:00`, `Z`, `GMT`), in seconds; nil when it stated none
        /// (the time was read in a zone the source did not name, or was a count of epoch seconds).
        public var statedOffsetSeconds: Int?
        public var precision: Precision = .second

        /// `2024-05-09T10:21:00+08:00`.
        public var iso8601: String {
            let (y, m, d, seconds) = local
            let sign = offsetSeconds < 0 ? "-" : "+"
            let offset = abs(offsetSeconds)
            return String(format: "%04lld-%02d-%02dT%02lld:%02lld:%02lld%@%02d:%02d", y, m, d, seconds / 3600,
                          (seconds % 3600) / 60, seconds % 60, sign, offset / 3600, (offset % 3600) / 60)
        }

        /// The calendar day the source printed (for a time with an offset, the day at that offset):
        /// `2012-11-12`.
        public var date: String {
            let (y, m, d, _) = local
            return String(format: "%04lld-%02d-%02d", y, m, d)
        }

        /// The local date and the seconds into its day, at `offsetSeconds`.
        private var local: (Int64, Int, Int, Int64) {
            var seconds = Int64(epochSeconds.rounded(.down)) + Int64(offsetSeconds)
            let days = Int64((Double(seconds) / 86400).rounded(.down))
            seconds -= days * 86400
            let (y, m, d) = Self.civil(fromDays: days)
            return (y, m, d, seconds)
        }

        public var microseconds: Int64 { Int64((epochSeconds * 1_000_000).rounded()) }

        /// Whole minutes of the stated offset (`published_offset`).
        public var statedOffsetMinutes: Int? { statedOffsetSeconds.map { $0 / 60 } }

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
    /// (`Thu, 09 May 2024 10:21:00 +0800`, `May 9, 2024`), and a month or a year alone (`2024-05`,
    /// `May 2024`, `2024`). Nil for anything else, or an implausible date. A time written without
    /// a zone is read in `zone` (the site's), else in `defaultZone`.
    public func parse(_ raw: String, zone: TimeZone? = nil) -> Instant? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let reading = zone ?? defaultZone
        if text.allSatisfy(\.isNumber) {
            guard let value = Double(text) else { return nil }
            if text.count == 4 {
                return local(year: Int(value), month: 1, day: 1, precision: .year, zone: reading)
            }
            let seconds = text.count >= 13 ? value / 1000 : value
            guard text.count == 10 || text.count == 13 else { return nil }
            return plausible(Instant(epochSeconds: seconds, offsetSeconds: offset(in: reading, at: seconds),
                                     statedOffsetSeconds: nil, precision: .second))
        }
        // Pull the numbers out in order, and note a zone designator.
        var numbers: [Int] = []
        var current = ""
        var monthName: Int?
        var letters = ""
        var zone: Int?
        var afternoon: Bool?
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
                    flushLetters(&letters, &monthName, &zone, &afternoon)
                }
            }
            index += 1
        }
        if !current.isEmpty { numbers.append(Int(current) ?? 0) }
        flushLetters(&letters, &monthName, &zone, &afternoon)

        var year = 0, month = 0, day = 0
        var rest: ArraySlice<Int>
        var precision = Precision.day
        if let monthName {
            // RFC 2822 (day month year hh mm ss), English (month day, year), or month year.
            if numbers.count == 1, numbers[0] >= 1000 {
                year = numbers[0]; day = 1; precision = .month
            } else {
                guard numbers.count >= 2 else { return nil }
                day = numbers[0]; year = numbers[1]
            }
            month = monthName
            rest = numbers.dropFirst(2)
        } else if numbers.count == 2, numbers[0] >= 1000 {
            year = numbers[0]; month = numbers[1]; day = 1; precision = .month
            rest = []
        } else {
            guard numbers.count >= 3, numbers[0] >= 1000 else { return nil }
            year = numbers[0]; month = numbers[1]; day = numbers[2]
            rest = numbers.dropFirst(3)
        }
        switch rest.count {
        case 0: break
        case 1: precision = .hour
        case 2: precision = .minute
        default: precision = .second
        }
        var hour = rest.first ?? 0
        // 12-hour clocks: 12:05 AM is 00:05, 1:05 PM 13:05.
        if let afternoon, (1...12).contains(hour) { hour = hour % 12 + (afternoon ? 12 : 0) }
        let minute = rest.dropFirst().first ?? 0
        let second = rest.dropFirst(2).first ?? 0
        // (A run of digits read as one number can be any size: a year is four digits.)
        guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let localSeconds = Double(Instant.days(fromCivil: Int64(year), month, day) * 86400
                                  + Int64(hour * 3600 + minute * 60 + second))
        if let zone {
            return plausible(Instant(epochSeconds: localSeconds - Double(zone), offsetSeconds: zone,
                                     statedOffsetSeconds: zone, precision: precision))
        }
        return plausible(local(seconds: localSeconds, precision: precision, zone: reading))
    }

    private func local(year: Int, month: Int, day: Int, precision: Precision, zone: TimeZone) -> Instant? {
        guard (1000...9999).contains(year) else { return nil }
        return plausible(local(seconds: Double(Instant.days(fromCivil: Int64(year), month, day) * 86400),
                        precision: precision, zone: zone))
    }

    /// A wall-clock time in `zone`: its offset at that moment (ICU's, through Foundation; close
    /// enough around DST changes).
    private func local(seconds localSeconds: Double, precision: Precision, zone: TimeZone) -> Instant {
        let guess = localSeconds - Double(offset(in: zone, at: localSeconds))
        let zoneOffset = offset(in: zone, at: guess)
        return Instant(epochSeconds: localSeconds - Double(zoneOffset), offsetSeconds: zoneOffset,
                       statedOffsetSeconds: nil, precision: precision)
    }

    private func flushLetters(_ letters: inout String, _ monthName: inout Int?, _ zone: inout Int?,
                              _ afternoon: inout Bool?) {
        defer { letters = "" }
        let lowered = letters.lowercased()
        if lowered.count >= 3, let month = Self.months.firstIndex(of: String(lowered.prefix(3))) {
            monthName = month + 1
        } else if lowered == "z" || lowered == "utc" || lowered == "gmt" || lowered == "ut" {
            zone = 0
        } else if lowered == "am" || lowered == "pm" {
            afternoon = lowered == "pm"
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
