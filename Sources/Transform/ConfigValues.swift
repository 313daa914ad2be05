import Foundation
import Records

/// The pieces the transform's configuration files (boilerplate rules, entity list) are decoded
/// with. Their loaders say what is wrong in their own words, naming the rule or entry and the key,
/// so a value is decoded as "of the expected type or not" (`ConfigValue`) and checked afterwards,
/// rather than left to `JSONDecoder`'s messages.
enum ConfigFile {
    /// `Value` decoded from `data`. When the data does not have its shape, the failure says why:
    /// "not valid JSON: …" (as `ConfigJSON` words it) or else `shape`.
    static func decode<Value: Decodable, E: Error>(_ type: Value.Type, from data: Data, shape: String,
                                                   _ failure: (String) -> E) throws(E) -> Value {
        do { return try JSONDecoder().decode(Value.self, from: data) } catch {
            _ = try ConfigJSON.value(of: data, failure)
            throw failure(shape)
        }
    }
}

/// A value present in a configuration file: of the expected type, or of another one (`null`
/// included), which the loader reports under the key's name.
enum ConfigValue<Value: Decodable>: Decodable {
    case value(Value)
    case wrongType

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if !container.decodeNil(), let value = try? container.decode(Value.self) {
            self = .value(value)
        } else {
            self = .wrongType
        }
    }

    /// The value, or nil when it has another type.
    var value: Value? {
        if case .value(let value) = self { value } else { nil }
    }
}

/// Any key of a JSON object: the loaders read the keys an object has, to name an unknown one.
struct ConfigKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == ConfigKey {
    /// The value under `key`: nil when the object has no such key.
    func field<Value: Decodable>(_ key: String) throws -> ConfigValue<Value>? {
        let key = ConfigKey(key)
        return contains(key) ? try decode(ConfigValue<Value>.self, forKey: key) : nil
    }

    /// The object's keys, as written.
    var keyNames: [String] { allKeys.map(\.stringValue) }
}
