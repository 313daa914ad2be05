extension String {
    /// The text of `scalars`, encoded as UTF-8 once. (Appending scalars one by one to a
    /// `String.UnicodeScalarView` costs hundreds of instructions each: it re-checks the string's
    /// storage every time.)
    init<Scalars: Sequence<Unicode.Scalar>>(scalars: Scalars) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars { bytes.appendUTF8(scalar) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}

extension Array<UInt8> {
    /// Appends the UTF-8 encoding of `scalar` (for text built as bytes and made a String once).
    @inline(__always)
    mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { append($0) }
    }
}
