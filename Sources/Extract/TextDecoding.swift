/// Turns bytes into text: a byte-order mark decides, else strict UTF-8.
public enum TextDecoding {
    public struct Decoded: Equatable, Sendable {
        public var text: String
        /// The encoding's name as recorded in `etl.files.encoding`.
        public var encoding: String
        public var defects: [String]
    }

    /// Decodes `bytes`, or nil when they are not valid text in a supported encoding.
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Decoded? {
        let array = Array(bytes)
        if array.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(validating: array.dropFirst(3), as: UTF8.self).map { Decoded(text: $0, encoding: "utf-8", defects: []) }
        }
        if array.starts(with: [0xFF, 0xFE]) || array.starts(with: [0xFE, 0xFF]) {
            let littleEndian = array[0] == 0xFF
            let body = array.dropFirst(2)
            guard body.count % 2 == 0 else { return nil }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index < body.endIndex {
                let first = UInt16(body[index]), second = UInt16(body[index + 1])
                units.append(littleEndian ? first | second << 8 : first << 8 | second)
                index += 2
            }
            return String(validating: units, as: UTF16.self).map {
                Decoded(text: $0, encoding: littleEndian ? "utf-16le" : "utf-16be", defects: [])
            }
        }
        return String(validating: array, as: UTF8.self).map { Decoded(text: $0, encoding: "utf-8", defects: []) }
    }
}
