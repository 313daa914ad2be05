import TextTools

/// Bytes as libxml2's HTML parser classes them, for the scans that read pages before it does
/// (`ScriptBodies`, `CanonicalHint`).
enum HTMLBytes {
    /// Space, tab, line feed, carriage return, form feed.
    static func isBlank(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C: true
        default: false
        }
    }

    /// A byte a tag or attribute name may hold after its first: an ASCII letter or digit, `-`,
    /// `_`, `:` or `.`.
    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    /// A byte an attribute name may start with: an ASCII letter, `_`, `:` or `.`.
    static func isNameStart(_ byte: UInt8) -> Bool {
        ByteSearch.isASCIILetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }
}
