/// An article's search vector, as `news.articles.search_vector` holds it: each lexeme once, in
/// PostgreSQL's order (by UTF-8 bytes), with its ascending positions. Stage files write it in
/// tsvector input syntax (`工程:1,7 程师:2`); the loader sends it in tsvector's binary form, which
/// the server stores without parsing or sorting it.
public struct SearchVector: Hashable, Sendable {
    /// The lexemes' UTF-8, back to back; lexeme `i` ends at `lexemeEnds[i]`.
    public private(set) var lexemeBytes: [UInt8] = []
    /// (Ends are 32-bit, as a vector holds at most 1 MB: 64-bit ends would be half of what a
    /// transformed batch holds in memory; BENCHMARKS.md.)
    public private(set) var lexemeEnds: [UInt32] = []
    /// The positions, lexeme after lexeme; lexeme `i`'s end at `positionEnds[i]`.
    public private(set) var positions: [UInt16] = []
    public private(set) var positionEnds: [UInt32] = []

    public init() {}

    /// A position's bits (the top two are its weight: A is 3, D 0, as in a tsvector).
    public static let positionMask: UInt16 = 0x3FFF
    /// Weight A, given to the title's lexemes.
    public static let weightA: UInt16 = 0xC000

    public var count: Int { lexemeEnds.count }

    /// About how many bytes of memory the vector holds (its arrays' capacity).
    public var heldBytes: Int {
        lexemeBytes.capacity + positions.capacity * MemoryLayout<UInt16>.stride
            + (lexemeEnds.capacity + positionEnds.capacity) * MemoryLayout<UInt32>.stride
    }

    /// Adds a lexeme after the others (the caller keeps PostgreSQL's order) with its positions,
    /// ascending and distinct.
    /// (Concrete types, not `some Sequence`: a generic public method is not specialized for its
    /// callers in other modules, and ran through witness tables at 4 % of the transform.)
    public mutating func append(lexeme: [UInt8], positions: [UInt16]) {
        appendEntry(lexeme, positions)
    }

    mutating func append(lexeme: UnsafeBufferPointer<UInt8>, positions: [UInt16]) {
        appendEntry(lexeme, positions)
    }

    /// Adds a lexeme of one or two characters (a Han lexeme), written into the vector's bytes
    /// directly: through a lexeme array, appending a few bytes cost more than the bytes.
    public mutating func append(characters first: Unicode.Scalar, _ second: Unicode.Scalar?, positions: [UInt16]) {
        UTF8.encode(first) { lexemeBytes.append($0) }
        if let second { UTF8.encode(second) { lexemeBytes.append($0) } }
        lexemeEnds.append(UInt32(lexemeBytes.count))
        for position in positions { self.positions.append(position) }
        positionEnds.append(UInt32(self.positions.count))
    }

    private mutating func appendEntry(_ lexeme: some Collection<UInt8>, _ positions: [UInt16]) {
        lexemeBytes.append(contentsOf: lexeme)
        lexemeEnds.append(UInt32(lexemeBytes.count))
        self.positions.append(contentsOf: positions)
        positionEnds.append(UInt32(self.positions.count))
    }

    /// Lexeme `index`'s UTF-8 and positions.
    public func entry(_ index: Int) -> (lexeme: ArraySlice<UInt8>, positions: ArraySlice<UInt16>) {
        let lexemeStart = index == 0 ? 0 : Int(lexemeEnds[index - 1])
        let positionStart = index == 0 ? 0 : Int(positionEnds[index - 1])
        return (lexemeBytes[lexemeStart..<Int(lexemeEnds[index])], positions[positionStart..<Int(positionEnds[index])])
    }

    /// The vector in tsvector input syntax. Lexemes are Han characters and letters or digits, so
    /// none needs quoting.
    public var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(lexemeBytes.count + positions.count * 5 + count)
        for index in 0..<count {
            let (lexeme, positions) = entry(index)
            if index > 0 { out.append(0x20) }
            out.append(contentsOf: lexeme)
            for (k, position) in positions.enumerated() {
                out.append(k == 0 ? 0x3A : 0x2C)   // ':' first, then ','
                Self.appendDecimal(Int(position & Self.positionMask), to: &out)
                if position >> 14 != 0 { out.append(0x44 - UInt8(position >> 14)) }   // 'A', 'B' or 'C'
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads the input syntax `text` writes: lexemes separated by single spaces, in byte order and
    /// each once, each followed by `:` and its 1 to 255 ascending positions separated by `,`, a
    /// position followed by its weight when it has one (`A`, `B`, `C`; D is written as none).
    /// Throws for anything else (quotes, weight D, order, a lexeme of 2,047 bytes or more), so a
    /// damaged stage file stops the load instead of storing a wrong vector.
    public init(text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            func malformed() -> Malformed { Malformed(text: String(decoding: bytes, as: UTF8.self)) }
            var index = 0
            var lexemePositions: [UInt16] = []
            while index < bytes.count {
                let start = index
                while index < bytes.count, bytes[index] != 0x3A {
                    guard !Self.isSyntax(bytes[index]) else { throw malformed() }
                    index += 1
                }
                let lexeme = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard index > start, index < bytes.count, lexeme.count < 2_047,
                      count == 0 || entry(count - 1).lexeme.lexicographicallyPrecedes(lexeme) else {
                    throw malformed()
                }
                lexemePositions.removeAll(keepingCapacity: true)
                repeat {
                    index += 1   // past ':' or ','
                    var value = 0
                    let digits = index
                    while index < bytes.count, (0x30...0x39).contains(bytes[index]), value <= 0xFFFF {
                        value = value * 10 + Int(bytes[index] - 0x30)
                        index += 1
                    }
                    guard index > digits, value >= 1, value <= 0x3FFF,
                          value > Int((lexemePositions.last ?? 0) & Self.positionMask),
                          lexemePositions.count < 255 else {
                        throw malformed()
                    }
                    var weight: UInt16 = 0
                    if index < bytes.count, (0x41...0x43).contains(bytes[index]) {   // 'A', 'B', 'C'
                        weight = UInt16(0x44 - bytes[index]) << 14
                        index += 1
                    }
                    lexemePositions.append(UInt16(value) | weight)
                } while index < bytes.count && bytes[index] == 0x2C
                if index < bytes.count {
                    guard bytes[index] == 0x20, index + 1 < bytes.count else { throw malformed() }
                    index += 1
                }
                append(lexeme: lexeme, positions: lexemePositions)
            }
        }
    }

    public struct Malformed: Error, CustomStringConvertible {
        public var text: String
        public var description: String {
            "search vector not in article-etl's form (lexeme:position,… separated by spaces): \(text.prefix(80))"
        }
    }

    private static func isSyntax(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2C || byte == 0x27 || byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(0x30 + UInt8(value % 10))
    }
}

extension SearchVector: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(text: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
