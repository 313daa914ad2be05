import Foundation
import Records
import TextTools

/// Splits JSON and JSON Lines files into records, mapping scraper field names through a `FieldMap`.
/// A broken line becomes a reject with its line number; the other lines still load.
public enum JSONRecords {
    /// One record's fields, or why it could not be used.
    public enum Item: Equatable, Sendable {
        case record(recordNo: Int, fields: Fields)
        case reject(recordNo: Int, code: String, message: String)
    }

    public struct Fields: Equatable, Sendable {
        public var body: String?
        public var title, url, author, published, crawled, source: String?
    }

    static func isJSONObject(_ line: Substring) -> Bool {
        guard line.first == "{" else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any]
    }

    static func isJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
    }

    /// Calls `body` with each line of `text` (without its end: `\n`, or `\r\n`, which Swift
    /// counts as one character) until it returns false. The ends are found on UTF-8 bytes: a
    /// line feed is always a character of its own, and going through the characters instead cost
    /// 2 % of a full run's client CPU (sniffing JSON Lines files and splitting them).
    static func forEachLine(of text: String, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            guard let feed = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                _ = body(text[start...])
                return
            }
            var end = feed
            if end > start && utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
            guard body(text[start..<end]) else { return }
            start = utf8.index(after: feed)
        }
    }

    /// The records of a JSON Lines text: one object a line; blank lines are skipped.
    public static func lines(_ text: String, fields: FieldMap) -> [Item] {
        var items: [Item] = []
        var lineNo = 0
        forEachLine(of: text) { line in
            lineNo += 1
            let trimmed = line.trimmingScalars(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { items.append(item(Data(trimmed.utf8), recordNo: lineNo, fields: fields)) }
            return true
        }
        return items
    }

    /// The records of a JSON text: one object, or an array of objects.
    public static func document(_ text: String, fields: FieldMap) -> [Item] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            return [.reject(recordNo: 1, code: "invalid_json", message: "not valid JSON: \(describe(error))")]
        }
        if let array = value as? [Any] {
            return array.enumerated().map { index, element in
                guard let object = element as? [String: Any] else {
                    return .reject(recordNo: index + 1, code: "invalid_json", message: "array element \(index + 1) is not an object")
                }
                return record(object, recordNo: index + 1, fields: fields)
            }
        }
        guard let object = value as? [String: Any] else {
            return [.reject(recordNo: 1, code: "invalid_json", message: "the JSON is neither an object nor an array of objects")]
        }
        return [record(object, recordNo: 1, fields: fields)]
    }

    private static func item(_ data: Data, recordNo: Int, fields: FieldMap) -> Item {
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return .reject(recordNo: recordNo, code: "invalid_json", message: "line \(recordNo) is not a JSON object")
            }
            return record(object, recordNo: recordNo, fields: fields)
        } catch {
            return .reject(recordNo: recordNo, code: "invalid_json", message: "line \(recordNo) is not valid JSON: \(describe(error))")
        }
    }

    private static func record(_ object: [String: Any], recordNo: Int, fields map: FieldMap) -> Item {
        func first(_ names: [String], joiner: String) -> String? {
            for name in names {
                if let text = string(object[name], joiner: joiner), !text.isEmpty { return text }
            }
            return nil
        }
        let fields = Fields(body: first(map.body, joiner: "\n"), title: first(map.title, joiner: " "),
                            url: first(map.url, joiner: " "), author: first(map.author, joiner: ", "),
                            published: first(map.published, joiner: " "), crawled: first(map.crawled, joiner: " "),
                            source: first(map.source, joiner: " "))
        return .record(recordNo: recordNo, fields: fields)
    }

    /// Strings as they are; numbers as written (epoch times); lists of strings joined.
    private static func string(_ value: Any?, joiner: String) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e18 ? String(Int64(double)) : number.stringValue
        case let list as [Any]:
            let parts = list.compactMap { string($0, joiner: joiner) }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: joiner)
        default: return nil
        }
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? error.localizedDescription
    }
}
