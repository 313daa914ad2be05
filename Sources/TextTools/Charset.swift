import CICU

/// Character set conversion through ICU (behind the CICU shim), and detection through uchardet.
public enum Charset {
    /// Text decoded from bytes, and how many invalid or unmappable sequences became U+FFFD.
    public struct Decoded: Equatable, Sendable {
        public var text: String
        public var substitutions: Int

        public init(text: String, substitutions: Int) {
            self.text = text
            self.substitutions = substitutions
        }
    }

    /// Decodes `bytes` from `charset` (an ICU converter name: `gb18030`, `Big5-HKSCS`, `UTF-16LE`,
    /// `windows-1252`, …); nil if ICU has no such converter.
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, from charset: String) -> Decoded? {
        let input = Array(bytes)
        guard !input.isEmpty else { return Decoded(text: "", substitutions: 0) }
        var capacity = input.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            var written: Int32 = 0
            var substitutions: Int32 = 0
            let status = etl_icu_decode(charset, input, Int32(input.count), &output, Int32(capacity), &written, &substitutions)
            if status == -2 { capacity = Int(written) + 16; continue }
            guard status == 0 else { return nil }
            return Decoded(text: String(decoding: output.prefix(Int(written)), as: UTF8.self),
                           substitutions: Int(substitutions))
        }
    }

    /// Encodes `text` into `charset`; nil if a character has no mapping there (or no such charset).
    public static func encode(_ text: String, to charset: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard !input.isEmpty else { return [] }
        var capacity = input.count * 2 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            var written: Int32 = 0
            let status = etl_icu_encode(charset, input, Int32(input.count), &output, Int32(capacity), &written)
            if status == -2 { capacity = Int(written) + 16; continue }
            guard status == 0 else { return nil }
            return Array(output.prefix(Int(written)))
        }
    }
}

import CUchardet

extension Charset {
    /// uchardet's guess at the charset of `bytes` (`GB18030`, `BIG5`, `EUC-TW`, `UTF-8`, `ASCII`,
    /// `WINDOWS-1252`, …), or nil when it has none. Better than ICU's detector on short texts, and
    /// it knows EUC-TW.
    public static func guess<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let input = Array(bytes)
        let status = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let found = String(cString: name)
        return found.isEmpty ? nil : found
    }
}
