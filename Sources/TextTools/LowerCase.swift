extension String {
    /// `lowercased()`, byte by byte when the text is ASCII, and the text itself, not a copy, when
    /// it holds no capital letter: for names and words read many times over (tag and attribute
    /// names, class lists), most of them lower case already.
    public func lowercasedASCIIFast() -> String {
        var capitals = false
        for byte in utf8 {
            if byte >= 0x80 { return lowercased() }
            if Self.isASCIICapital(byte) { capitals = true }
        }
        return capitals ? asciiCapitalsLowered() : self
    }

    /// The text with `A`–`Z` lowered and every other byte as it is: `lowercased()` for a text whose
    /// other characters lower case leaves alone.
    public func loweringASCIICapitals() -> String {
        utf8.contains(where: Self.isASCIICapital) ? asciiCapitalsLowered() : self
    }

    private func asciiCapitalsLowered() -> String {
        String(decoding: utf8.map { Self.isASCIICapital($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func isASCIICapital(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
}
