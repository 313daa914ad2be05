extension String {
    /// The text of `scalars`, encoded as UTF-8 once. (Appending scalars one by one to a
    /// `String.UnicodeScalarView` costs hundreds of instructions each: it re-checks the string's
    /// storage every time.)
    init<Scalars: Sequence<Unicode.Scalar>>(scalars: Scalars) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars { bytes.append(contentsOf: scalar.utf8) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
