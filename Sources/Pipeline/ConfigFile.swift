import Foundation
import Records

/// The configuration file as written (`config/article-etl.example.json`): every key optional, each
/// of its own type. Keys are read in the order of their names, so the first mistake in that order
/// is the one reported (`Problem`), naming the key; `Settings.load` adds its line.
struct ConfigFile: Decodable {
    var inputs: [String]?
    var batchSize: Positive?
    var workers: Positive?
    var maxFileSizeMB: Positive?
    var sqlFolder: String?
    var include: [String]?
    var exclude: [String]?
    var timeZone: ZoneName?
    /// `entitiesFile`, `fieldsFile`, `sourcesFile`: files `Settings.load` reads in turn.
    var files: [CodingKeys: String] = [:]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case inputs, batchSize, workers, maxFileSizeMB, sqlFolder, include, exclude, timeZone
        case fieldsFile, sourcesFile, entitiesFile
    }

    /// A key that is unknown, or whose value is not what it must be.
    struct Problem: Error {
        var key: String
        var message: String
    }

    /// An integer above zero.
    struct Positive: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            value = try decoder.singleValueContainer().decode(Int.self)
            guard value > 0 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not positive")) }
        }
    }

    /// The name of a time zone the system knows.
    struct ZoneName: Decodable {
        var zone: TimeZone
        init(from decoder: any Decoder) throws {
            let name = try decoder.singleValueContainer().decode(String.self)
            guard let zone = TimeZone(identifier: name) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown time zone"))
            }
            self.zone = zone
        }
    }

    /// What a key's value must be, in the words of the error.
    static func expectation(of key: CodingKeys) -> String {
        switch key {
        case .inputs: "a list of folder paths"
        case .batchSize, .workers, .maxFileSizeMB: "a positive integer"
        case .sqlFolder: "a folder path"
        case .include, .exclude: "a list of glob patterns"
        case .timeZone: "a time zone name such as Asia/Shanghai"
        case .fieldsFile, .sourcesFile, .entitiesFile: "a file path"
        }
    }

    /// Any key the object holds, known or not.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ConfigKey.self)
        for name in container.allKeys.map(\.stringValue).sorted() {
            guard let key = CodingKeys(rawValue: name) else {
                let known = CodingKeys.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                throw Problem(key: name, message: "unknown key '\(name)'; known keys: \(known)")
            }
            let anyKey = ConfigKey(name)
            func value<T: Decodable>(_ type: T.Type) throws -> T {
                do { return try container.decode(T.self, forKey: anyKey) } catch {
                    throw Problem(key: name, message: "key '\(name)' must be \(Self.expectation(of: key))")
                }
            }
            switch key {
            case .inputs: inputs = try value([String].self)
            case .batchSize: batchSize = try value(Positive.self)
            case .workers: workers = try value(Positive.self)
            case .maxFileSizeMB: maxFileSizeMB = try value(Positive.self)
            case .sqlFolder: sqlFolder = try value(String.self)
            case .include: include = try value([String].self)
            case .exclude: exclude = try value([String].self)
            case .timeZone: timeZone = try value(ZoneName.self)
            case .fieldsFile, .sourcesFile, .entitiesFile: files[key] = try value(String.self)
            }
        }
    }

    /// The parser's own words for a file that is not JSON.
    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return error.localizedDescription
    }
}
