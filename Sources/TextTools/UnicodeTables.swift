/// Unicode properties that per-character loops ask of every character, read from bit tables for the
/// Basic Multilingual Plane (built once, 8 KB each) instead of the standard library's property
/// lookup; characters beyond it, rare in text, go to the standard library.
public enum UnicodeTables {
    /// Unicode's Alphabetic property (letters, ideographs, letter numbers such as 〇).
    @inlinable
    public static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x10000 ? alphabetic.contains(scalar.value) : scalar.properties.isAlphabetic
    }

    /// Alphabetic, or a decimal digit (general category Nd): what glibc's `iswalnum` takes for a
    /// letter or digit.
    @inlinable
    public static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x10000 ? alphanumeric.contains(scalar.value)
            : scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
    }

    @usableFromInline static let alphabetic = table { $0.properties.isAlphabetic }
    @usableFromInline static let alphanumeric = table { $0.properties.isAlphabetic || $0.properties.generalCategory == .decimalNumber }

    private static func table(_ property: (Unicode.Scalar) -> Bool) -> ScalarSet {
        ScalarSet((0..<UInt32(0x10000)).lazy.compactMap(Unicode.Scalar.init).filter(property).map(\.value))
    }
}
