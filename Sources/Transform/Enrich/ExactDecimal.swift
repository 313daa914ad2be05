/// A non-negative decimal number kept as its digits and a scale, so that magnitudes apply exactly:
/// `1.8` × 10¹² is `1800000000000`, never a binary floating-point approximation. The value is
/// `digits × 10^(-scale)`; a negative scale means trailing zeros.
struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    /// ASCII digits, at least one.
    private(set) var digits: [UInt8]
    private(set) var scale: Int

    /// `integer` and `fraction` are ASCII digit strings (`"14"`, `"3"` for 14.3).
    init?(integer: String, fraction: String = "") {
        let bytes = Array(integer.utf8) + Array(fraction.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        digits = bytes
        scale = fraction.utf8.count
    }

    init(_ value: UInt64) {
        digits = Array(String(value).utf8)
        scale = 0
    }

    /// The value times 10^exponent (exponent may be negative: `美分`, `千分之`).
    func shifted(by exponent: Int) -> ExactDecimal {
        var copy = self
        copy.scale -= exponent
        return copy
    }

    /// Plain decimal notation without superfluous zeros: `14800000000`, `0.3`, `5`.
    var description: String {
        var integer: [UInt8]
        var fraction: [UInt8]
        if scale <= 0 {
            integer = digits + [UInt8](repeating: 0x30, count: -scale)
            fraction = []
        } else if scale >= digits.count {
            integer = []
            fraction = [UInt8](repeating: 0x30, count: scale - digits.count) + digits
        } else {
            integer = Array(digits[..<(digits.count - scale)])
            fraction = Array(digits[(digits.count - scale)...])
        }
        while let first = integer.first, first == 0x30 { integer.removeFirst() }
        while let last = fraction.last, last == 0x30 { fraction.removeLast() }
        if integer.isEmpty { integer = [0x30] }
        let text = fraction.isEmpty ? integer : integer + [0x2E] + fraction
        return String(decoding: text, as: UTF8.self)
    }
}

extension ExactDecimal: Comparable {
    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        // Bring both to the larger scale, drop leading zeros, then compare length and digits.
        let scale = max(lhs.scale, rhs.scale)
        func aligned(_ value: ExactDecimal) -> [UInt8] {
            let padded = value.digits + [UInt8](repeating: 0x30, count: scale - value.scale)
            let significant = padded.drop { $0 == 0x30 }
            return Array(significant)
        }
        let (left, right) = (aligned(lhs), aligned(rhs))
        if left.count != right.count { return left.count < right.count }
        return left.lexicographicallyPrecedes(right)
    }
}
