import Foundation
import Records

// What the transform's configuration files (boilerplate rules, entity list) are decoded with,
// beside `ConfigJSON.decode` and `ConfigKey`: their loaders say what is wrong in their own words,
// naming the rule or entry and the key.

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

extension KeyedDecodingContainer where Key == ConfigKey {
    /// The value under `key`: nil when the object has no such key.
    func field<Value: Decodable>(_ key: String) throws -> ConfigValue<Value>? {
        let key = ConfigKey(key)
        return contains(key) ? try decode(ConfigValue<Value>.self, forKey: key) : nil
    }

    /// The object's keys, as written.
    var keyNames: [String] { allKeys.map(\.stringValue) }
}
