import Glibc

/// Finding bytes in bytes: a needle's first byte by libc's memchr, then the rest compared at once.
/// Serves substring search in text (`byteRange(of:)`, `includes`) and the scans over raw pages
/// and file heads, which look for ASCII words in either case.
public enum ByteSearch {
    /// Whether `needle` stands in `haystack` at `index`. With `ignoringASCIICase`, an ASCII letter
    /// of the needle matches itself in either case.
    public static func matches(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, at index: Int,
                               ignoringASCIICase: Bool = false) -> Bool {
        guard index >= 0, index + needle.count <= haystack.count else { return false }
        guard let needleBase = needle.baseAddress, let base = haystack.baseAddress else { return needle.isEmpty }
        guard ignoringASCIICase else { return memcmp(base + index, needleBase, needle.count) == 0 }
        for offset in 0..<needle.count {
            let expected = needle[offset], found = haystack[index + offset]
            if found != expected && !(isASCIILetter(expected) && found | 0x20 == expected | 0x20) { return false }
        }
        return true
    }

    /// Where `needle` first stands in `haystack[start..<end]`, or the last place when `backwards`
    /// (occurrences may overlap). As Foundation's searches, an empty needle is found nowhere.
    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                            from start: Int = 0, to end: Int? = nil, ignoringASCIICase: Bool = false,
                            backwards: Bool = false) -> Int? {
        let end = min(end ?? haystack.count, haystack.count)
        guard let first = needle.first, let base = haystack.baseAddress, start >= 0, end - start >= needle.count else { return nil }
        let lastStart = end - needle.count
        let eitherCase = ignoringASCIICase && isASCIILetter(first)
        var from = start
        var found: Int?
        while from <= lastStart {
            let candidate: Int?
            if eitherCase {
                candidate = haystack[from...lastStart].firstIndex { $0 | 0x20 == first | 0x20 }
            } else {
                candidate = memchr(base + from, Int32(first), lastStart - from + 1)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
            }
            guard let candidate else { break }
            if matches(needle, in: haystack, at: candidate, ignoringASCIICase: ignoringASCIICase) {
                found = candidate
                if !backwards { break }
            }
            from = candidate + 1
        }
        return found
    }

    /// `matches` for an ASCII literal.
    public static func matches(_ needle: StaticString, in haystack: UnsafeBufferPointer<UInt8>, at index: Int,
                               ignoringASCIICase: Bool = false) -> Bool {
        matches(bytes(needle), in: haystack, at: index, ignoringASCIICase: ignoringASCIICase)
    }

    /// `find` for an ASCII literal.
    public static func find(_ needle: StaticString, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0,
                            to end: Int? = nil, ignoringASCIICase: Bool = false) -> Int? {
        find(bytes(needle), in: haystack, from: start, to: end, ignoringASCIICase: ignoringASCIICase)
    }

    private static func bytes(_ literal: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    /// `A`–`Z` or `a`–`z`.
    @inline(__always)
    public static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
}

extension StringProtocol {
    /// The range of the first occurrence of `other` (the last one when `backwards`), matched on
    /// UTF-8 bytes. Foundation's `range(of:)` and `contains(_:)` take a detour
    /// through NSString and UTF-16 on Linux that costs many times more. Matching bytes differs from
    /// them only where a match would end inside a character (a needle followed in the text by a
    /// combining mark), which whole-character needles in NFC text make moot.
    public func byteRange(of other: some StringProtocol, backwards: Bool = false) -> Range<Index>? {
        var needle = String(other)   // the same storage when `other` is a String
        let found: Int?? = needle.withUTF8 { needle in
            utf8.withContiguousStorageIfAvailable { ByteSearch.find(needle, in: $0, backwards: backwards) }
                // Text not stored contiguously (bridged from Foundation): search a copy of its bytes.
                ?? Array(utf8).withUnsafeBufferPointer { ByteSearch.find(needle, in: $0, backwards: backwards) }
        }
        guard let found, let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `other` occurs in this text, matched on UTF-8 bytes (see `byteRange(of:)`).
    public func includes(_ other: some StringProtocol) -> Bool {
        byteRange(of: other) != nil
    }
}
