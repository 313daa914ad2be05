/// A set of Unicode scalars for hot loops: membership in the Basic Multilingual Plane is one bit
/// of a table (8 KB), without hashing; scalars beyond it are kept in a `Set`.
public struct ScalarSet: Sendable {
    @usableFromInline var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    @usableFromInline var beyond: Set<UInt32> = []
    public private(set) var count = 0

    public init(_ values: some Sequence<UInt32>) {
        for value in values where !contains(value) {
            if value < 0x10000 { bits[Int(value >> 6)] |= 1 << UInt64(value & 63) } else { beyond.insert(value) }
            count += 1
        }
    }

    /// The empty set.
    public init() {}

    public init(_ scalars: some Sequence<Unicode.Scalar>) {
        self.init(scalars.lazy.map(\.value))
    }

    public var isEmpty: Bool { count == 0 }

    /// The scalars of either set.
    public func union(_ other: ScalarSet) -> ScalarSet {
        var result = self
        for index in result.bits.indices { result.bits[index] |= other.bits[index] }
        result.beyond.formUnion(other.beyond)
        result.count = result.bits.reduce(0) { $0 + $1.nonzeroBitCount } + result.beyond.count
        return result
    }

    @inlinable
    public func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }

    /// (Inlinable: it is called per character, from other modules.)
    @inlinable
    public func contains(_ value: UInt32) -> Bool {
        value < 0x10000 ? bits[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 : beyond.contains(value)
    }
}
