/// A 64-bit SimHash of a text's character shingles: texts that differ a little differ in few bits.
/// Computed over letters and digits only (punctuation, spaces and boilerplate lines matter less),
/// lowercased, so it works on Chinese without word segmentation. Near duplicates are texts whose
/// fingerprints differ in at most `nearDistance` bits.
public enum SimHash {
    /// Shingle length in characters (3 beat 2, 4 and 5 on the labelled set).
    public static let shingle = 3
    /// Fingerprints this close (in bits) mark a near duplicate; measured on the labelled set in
    /// Tests/ArticleETLTests/DuplicateDetectionTests.swift.
    public static let nearDistance = 6

    public static func fingerprint(_ text: String) -> Int64 {
        let characters = text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        let scalars = Array(characters)
        guard !scalars.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        let count = max(1, scalars.count - shingle + 1)
        for start in 0..<count {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a, 64 bits
            for scalar in scalars[start..<min(start + shingle, scalars.count)] {
                var value = scalar.value
                for _ in 0..<4 {
                    hash ^= UInt64(value & 0xFF)
                    hash = hash &* 0x0000_0100_0000_01B3
                    value >>= 8
                }
            }
            for bit in 0..<64 { weights[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return Int64(bitPattern: result)
    }

    public static func distance(_ a: Int64, _ b: Int64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
