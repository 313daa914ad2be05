import Postgres
import Records

extension SearchVector {
    /// The vector in tsvector's binary form, for a binary COPY.
    public var postgresBinary: [UInt8] {
        PostgresBinary.tsvector(lexemeBytes: lexemeBytes, lexemeEnds: lexemeEnds, positions: positions,
                                positionEnds: positionEnds)
    }

    /// About how many bytes the vector's entries take in a GIN index's pending list: per lexeme an
    /// index tuple (an 8-byte header, then the lexeme as a text with a 1-byte header, aligned to 8
    /// bytes) and its 4-byte line pointer.
    var pendingListBytes: Int {
        var total = 0
        var start = 0
        for end in lexemeEnds {
            total += ((9 + Int(end) - start + 7) & ~7) + 4
            start = Int(end)
        }
        return total
    }
}
