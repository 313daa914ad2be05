import TextTools

/// Fast classification of Unicode scalars for the hot loops (search lexemes, fingerprints):
/// ASCII and CJK by range, everything else through the Unicode properties (`UnicodeTables`).
enum TextClass {
    @inline(__always)
    static func isHan(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0x20000...0x2EBEF).contains(value)
    }

    /// A letter or digit (Han included): Unicode's Alphabetic or a decimal digit, which is what
    /// glibc's `iswalnum` (and so PostgreSQL's text parser and its `[[:alnum:]]`) takes for one.
    /// Other numbers (`௰`, `𝍠`; NFKC has already made `²` and `①` digits) are not.
    @inline(__always)
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        if isHan(value) { return true }
        if (0x3000...0x303F).contains(value) || (0xFF00...0xFF0F).contains(value) || (0x2000...0x206F).contains(value) {
            return false   // CJK and general punctuation
        }
        return UnicodeTables.isAlphanumeric(scalar)
    }
}
