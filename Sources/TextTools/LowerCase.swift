extension String {
    /// `lowercased()`, byte by byte when the text is ASCII, and the text itself, not a copy, when
    /// it holds no capital letter: for names and words read many times over (tag and attribute
    /// names, class lists), most of them lower case already.
    public func lowercasedASCIIFast() -> String {
        var capitals = false
        for byte in utf8 {
            if byte >= 0x80 { return lowercased() }
            if byte &- 0x41 < 26 { capitals = true }
        }
        return capitals ? loweringASCIICapitals() : self
    }

    /// The text with `A`–`Z` lowered and every other byte as it is: `lowercased()` for a text whose
    /// other characters lower case leaves alone.
    public func loweringASCIICapitals() -> String {
        guard utf8.contains(where: { $0 &- 0x41 < 26 }) else { return self }
        return String(decoding: utf8.map { $0 &- 0x41 < 26 ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
