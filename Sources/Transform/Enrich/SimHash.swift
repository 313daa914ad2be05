/// A 64-bit SimHash of a text's character shingles: texts that differ a little differ in few bits.
/// Computed over letters and digits only (punctuation, spaces and boilerplate lines matter less),
/// lowercased, so it works on Chinese without word segmentation. Near duplicates are texts whose
/// fingerprints differ in at most `nearDistance` bits.
public enum SimHash {
    /// Shingle length in characters (3 beat 2, 4 and 5 on the labelled set).
    public static let shingle = 3
    /// Fingerprints this close (in bits) mark a near duplicate; measured on the labelled set in
    /// Tests/UnitTests/DuplicateDetectionTests.swift.
    public static let nearDistance = 6

    /// The fingerprint of `text`, which is expected in search form (lower case).
    public static func fingerprint(_ text: String) -> Int64 {
        var window = [UInt32](repeating: 0, count: shingle)
        var filled = 0
        // For each bit, how many shingle hashes have it set: its weight is that count minus the
        // count of those that have it clear.
        var ones = [Int](repeating: 0, count: 64)
        // The counts gather eight at a time in byte lanes first: lane j of `lanes[k]` counts bit
        // 8j + k. A lane holds 255, so they are emptied into `ones` every 255 shingles.
        var lanes = [UInt64](repeating: 0, count: 8)
        var pending = 0
        func flush() {
            for k in 0..<8 {
                for j in 0..<8 { ones[8 * j + k] += Int((lanes[k] >> UInt64(8 * j)) & 0xFF) }
                lanes[k] = 0
            }
            pending = 0
        }
        var shingles = 0
        func add() {
            // The window's scalars packed into 64 bits (21 bits each), then splitmix64's finalizer,
            // so every output bit is an even coin for every shingle: without a full mix, texts in
            // one script agree on many bits and fingerprints crowd together.
            var hash: UInt64 = 0
            for index in 0..<shingle {
                hash = (hash << 21) | UInt64(window[(filled + index) % shingle] & 0x1F_FFFF)
            }
            hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
            hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
            hash ^= hash >> 31
            for k in 0..<8 { lanes[k] &+= (hash >> UInt64(k)) & 0x0101_0101_0101_0101 }
            pending += 1
            if pending == 255 { flush() }
            shingles += 1
        }
        for scalar in text.unicodeScalars where TextClass.isWordCharacter(scalar) {
            window[filled % shingle] = scalar.value
            filled += 1
            if filled >= shingle { add() }
        }
        if filled > 0 && filled < shingle {
            for index in filled..<shingle { window[index] = 0 }
            filled = 0
            add()
        }
        flush()
        guard shingles > 0 else { return 0 }
        var result: UInt64 = 0
        for bit in 0..<64 where ones[bit] > shingles - ones[bit] { result |= 1 << UInt64(bit) }
        return Int64(bitPattern: result)
    }

    public static func distance(_ a: Int64, _ b: Int64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
