import Glibc

extension StringProtocol {
    /// The range of the first occurrence of `other` (the last one when `backwards`), matched on
    /// UTF-8 bytes. Foundation's `range(of:)` and `contains(_:)` take a detour
    /// through NSString and UTF-16 on Linux that costs many times more. Matching bytes differs from
    /// them only where a match would end inside a character (a needle followed in the text by a
    /// combining mark), which whole-character needles in NFC text make moot.
    public func byteRange(of other: some StringProtocol, backwards: Bool = false) -> Range<Index>? {
        var needle = String(other)   // the same storage when `other` is a String
        let found: (lower: Int, upper: Int)?? = needle.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { Self.search(needle, in: $0, backwards: backwards) }
                // Text not stored contiguously (bridged from Foundation): search a copy of its bytes.
                ?? Array(utf8).withUnsafeBufferPointer { Self.search(needle, in: $0, backwards: backwards) }
        }
        guard let found, let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found.lower)
        return lower..<utf8.index(lower, offsetBy: found.upper - found.lower)
    }

    /// Whether `other` occurs in this text, matched on UTF-8 bytes (see `byteRange(of:)`).
    public func includes(_ other: some StringProtocol) -> Bool {
        byteRange(of: other) != nil
    }

    private static func search(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                               backwards: Bool) -> (lower: Int, upper: Int)? {
        // As Foundation's, an empty needle is found nowhere.
        guard let first = needle.first, let text = haystack.baseAddress, needle.count <= haystack.count else { return nil }
        let lastStart = haystack.count - needle.count
        var from = 0
        var found: Int?
        // Each place the needle's first byte occurs, then the rest compared at once.
        while from <= lastStart, let start = haystack[from...lastStart].firstIndex(of: first) {
            if memcmp(text + start, needle.baseAddress!, needle.count) == 0 {
                found = start
                if !backwards { break }
            }
            from = start + 1
        }
        return found.map { ($0, $0 + needle.count) }
    }
}
