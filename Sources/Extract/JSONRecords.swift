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
    /// counts as one character) until it returns false. The ends are found on UTF-8 bytes, by
    /// memchr: a line feed is always a character of its own, and a search of the bytes is much
    /// cheaper than a walk over the characters (BENCHMARKS.md).
    static func forEachLine(of text: String, _ body: (Substring) -> Bool) {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        _ = utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            while start < bytes.count {
                let feed = ByteSearch.find("\n", in: bytes, from: start) ?? bytes.count
                var end = feed
                if feed < bytes.count && end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                guard body(text[lower..<utf8.index(lower, offsetBy: end - start)]) else { return }
                start = feed + 1
            }
        }
    }

    /// The records of a JSON Lines text: one object a line; blank lines are skipped.
    public static func lines(_ text: String, fields: FieldMap) -> [Item] {
        let decoder = FieldDecoding.decoder(for: fields)
        var items: [Item] = []
        var lineNo = 0
        forEachLine(of: text) { line in
            lineNo += 1
            let trimmed = line.trimmingScalars(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { items.append(item(Data(trimmed.utf8), recordNo: lineNo, fields: fields, decoder: decoder)) }
            return true
        }
        return items
    }

    /// The records of a JSON text: one object, or an array of objects.
    public static func document(_ text: String, fields: FieldMap) -> [Item] {
        let data = Data(text.utf8)
        let top: FieldDecoding.Top
        do {
            top = try FieldDecoding.decoder(for: fields).decode(FieldDecoding.Top.self, from: data)
        } catch {
            // What Foundation's own parser makes of it: its verdict and its message, which the
            // rejects of broken JSON quote.
            do {
                top = FieldDecoding.Top(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
            } catch {
                return [.reject(recordNo: 1, code: "invalid_json", message: "not valid JSON: \(describe(error))")]
            }
        }
        switch top {
        case .array(let elements):
            return elements.enumerated().map { index, element in
                guard let object = element else {
                    return .reject(recordNo: index + 1, code: "invalid_json", message: "array element \(index + 1) is not an object")
                }
                return record(object, recordNo: index + 1, fields: fields)
            }
        case .object(let object):
            return [record(object, recordNo: 1, fields: fields)]
        case .other:
            return [.reject(recordNo: 1, code: "invalid_json", message: "the JSON is neither an object nor an array of objects")]
        }
    }

    /// The mapped values of a line's object, nil for another JSON value; JSONSerialization's error
    /// for a line that is no JSON.
    static func object(_ data: Data, decoder: JSONDecoder) throws -> [String: FieldDecoding.Value]? {
        do {
            return try decoder.decode(FieldDecoding.Line.self, from: data).object
        } catch {
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]).map(FieldDecoding.values)
        }
    }

    /// The record a line (or, `unit` says, an array element) of JSON holds.
    static func item(_ data: Data, recordNo: Int, fields: FieldMap, decoder: JSONDecoder, unit: String = "line") -> Item {
        let object: [String: FieldDecoding.Value]?
        do {
            object = try Self.object(data, decoder: decoder)
        } catch {
            return .reject(recordNo: recordNo, code: "invalid_json", message: "\(unit) \(recordNo) is not valid JSON: \(describe(error))")
        }
        guard let object else {
            return .reject(recordNo: recordNo, code: "invalid_json", message: "\(unit) \(recordNo) is not a JSON object")
        }
        return record(object, recordNo: recordNo, fields: fields)
    }

    private static func record(_ object: [String: FieldDecoding.Value], recordNo: Int, fields map: FieldMap) -> Item {
        func first(_ names: [String], joiner: String) -> String? {
            for name in names {
                if let text = object[name]?.text(joiner: joiner), !text.isEmpty { return text }
            }
            return nil
        }
        let fields = Fields(body: first(map.body, joiner: "\n"), title: first(map.title, joiner: " "),
                            url: first(map.url, joiner: " "), author: first(map.author, joiner: ", "),
                            published: first(map.published, joiner: " "), crawled: first(map.crawled, joiner: " "),
                            source: first(map.source, joiner: " "))
        return .record(recordNo: recordNo, fields: fields)
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? error.localizedDescription
    }
}

/// JSON records read with `JSONDecoder`, which scans a line twice as fast as `JSONSerialization`
/// parses it (the bench corpus's feeds, whose text is all `\uXXXX` escapes) and makes strings only
/// of the values the `FieldMap` names. What it cannot read goes to `JSONSerialization`, which
/// decides whether the text is JSON (and says why not).
enum FieldDecoding {
    /// A value as the field mapping reads it: strings as they are; numbers as written (epoch
    /// times; see `numberText`), booleans as 1 and 0; lists of them (joined when read); anything
    /// else (null, an object) is no text. Only the values of mapped keys are read.
    enum Value: Decodable {
        case text(String)
        case list([Value])
        case other

        init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer() {
                if single.decodeNil() { self = .other; return }
                if let text = try? single.decode(String.self) { self = .text(text); return }
                if let flag = try? single.decode(Bool.self) { self = .text(numberText(NSNumber(value: flag))); return }
                if let number = try? single.decode(Double.self) {
                    // From 10^18 on, NSNumber writes an integer in full and a fraction in exponent
                    // form, which the decoder does not tell apart: JSONSerialization reads such a record.
                    guard abs(number) < 1e18 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a number from 10^18 on")) }
                    self = .text(numberText(NSNumber(value: number)))
                    return
                }
            }
            if var list = try? decoder.unkeyedContainer() {
                var items: [Value] = []
                while !list.isAtEnd { items.append(try list.decode(Value.self)) }
                self = .list(items)
                return
            }
            self = .other
        }

        /// A value `JSONSerialization` gave.
        init(_ value: Any) {
            switch value {
            case let text as String: self = .text(text)
            case let number as NSNumber: self = .text(numberText(number))
            case let list as [Any]: self = .list(list.map(Value.init))
            default: self = .other
            }
        }

        /// Its text; a list's non-empty parts joined by `joiner`.
        func text(joiner: String) -> String? {
            switch self {
            case .text(let text): return text
            case .list(let items):
                let parts = items.compactMap { $0.text(joiner: joiner) }.filter { !$0.isEmpty }
                return parts.isEmpty ? nil : parts.joined(separator: joiner)
            case .other: return nil
            }
        }
    }

    /// A whole number below 10^18 as an integer (epoch times, also when written `1.7e9`), any
    /// other as `NSNumber` writes it.
    static func numberText(_ number: NSNumber) -> String {
        let double = number.doubleValue
        return double == double.rounded() && abs(double) < 1e18 ? String(Int64(double)) : number.stringValue
    }

    /// The object of `JSONSerialization`'s, as the mapping reads it.
    static func values(_ object: [String: Any]) -> [String: Value] {
        object.mapValues(Value.init)
    }

    /// A decoder that reads the values of the keys `fields` names, and no other.
    static func decoder(for fields: FieldMap) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[namesKey] = fields.url + fields.title + fields.body + fields.published + fields.crawled
            + fields.author + fields.source
        return decoder
    }

    static let namesKey = CodingUserInfoKey(rawValue: "article-etl.field-names")!

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The named keys of an object, nil for any other JSON value.
    static func object(_ decoder: any Decoder) throws -> [String: Value]? {
        guard let container = try? decoder.container(keyedBy: Key.self) else { return nil }
        var values: [String: Value] = [:]
        for name in decoder.userInfo[namesKey] as? [String] ?? [] where values[name] == nil {
            let key = Key(stringValue: name)
            if container.contains(key) { values[name] = try container.decode(Value.self, forKey: key) }
        }
        return values
    }

    /// A line of JSON Lines: an object, or nil for another value.
    struct Line: Decodable {
        var object: [String: Value]?
        init(from decoder: any Decoder) throws { object = try FieldDecoding.object(decoder) }
    }

    /// A JSON document: an array (of objects, nil for other elements), an object, or other.
    enum Top: Decodable {
        case array([[String: Value]?])
        case object([String: Value])
        case other

        init(from decoder: any Decoder) throws {
            if let object = try FieldDecoding.object(decoder) {
                self = .object(object)
            } else if var list = try? decoder.unkeyedContainer() {
                var elements: [[String: Value]?] = []
                while !list.isAtEnd { elements.append(try list.decode(Line.self).object) }
                self = .array(elements)
            } else {
                self = .other
            }
        }

        /// What `JSONSerialization` gave.
        init(_ value: Any) {
            if let array = value as? [Any] {
                self = .array(array.map { ($0 as? [String: Any]).map(FieldDecoding.values) })
            } else if let object = value as? [String: Any] {
                self = .object(FieldDecoding.values(object))
            } else {
                self = .other
            }
        }
    }
}
