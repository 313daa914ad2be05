import Foundation

/// Reading the JSON configuration files (settings, field map, entity list, boilerplate rules): the
/// same three failures, worded once, each turned into the caller's own error by `failure`.
public enum ConfigJSON {
    /// The file's bytes, or "cannot read the file".
    public static func data<E: Error>(at path: String, _ failure: (String) -> E) throws(E) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot read the file") }
        return data
    }

    /// The parsed JSON value, or "not valid JSON: …".
    public static func value<E: Error>(of data: Data, _ failure: (String) -> E) throws(E) -> Any {
        do { return try JSONSerialization.jsonObject(with: data) } catch {
            throw failure("not valid JSON: \(error.localizedDescription)")
        }
    }

    /// `Value` decoded from `data`. When the data does not have its shape, the failure says why:
    /// "not valid JSON: …" (as `value(of:)` words it) or else `shape`. Loaders that word their own
    /// errors decode values as `ConfigValue`s and check them afterwards, rather than leave it to
    /// `JSONDecoder`'s messages.
    public static func decode<Value: Decodable, E: Error>(_ type: Value.Type, from data: Data, shape: String,
                                                          _ failure: (String) -> E) throws(E) -> Value {
        do { return try JSONDecoder().decode(Value.self, from: data) } catch {
            _ = try value(of: data, failure)
            throw failure(shape)
        }
    }

    /// The file's top-level object and its bytes, or "the top level must be an object".
    public static func object<E: Error>(at path: String, _ failure: (String) -> E) throws(E) -> (object: [String: Any], data: Data) {
        let data = try data(at: path, failure)
        guard let object = try value(of: data, failure) as? [String: Any] else {
            throw failure("the top level must be an object")
        }
        return (object, data)
    }
}

/// Any key of a JSON object: the loaders read the keys an object has, to name an unknown one.
public struct ConfigKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
