import Postgres
import Records

extension SearchVector {
    /// The vector in tsvector's binary form, for a binary COPY.
    public var postgresBinary: [UInt8] {
        PostgresBinary.tsvector(lexemeBytes: lexemeBytes, lexemeEnds: lexemeEnds, positions: positions,
                                positionEnds: positionEnds)
    }
}
