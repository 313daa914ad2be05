/// The files found under one input root, held compactly: their relative paths end to end in one
/// byte buffer, and per file where its path ends, its size, its mtime and whether its name is
/// valid UTF-8. Each element is made (with a `String` for its path) as it is read.
///
/// A run holds its listing until it ends: in this form a listing takes about half the memory of an
/// array of `DiscoveredFile` with a `String` of its own per path, in two allocations rather than
/// one per file (BENCHMARKS.md).
public struct FileList: RandomAccessCollection, Sendable {
    public let root: String
    private var paths: [UInt8] = []
    private var entries: [Entry] = []

    private struct Entry: Sendable {
        var pathEnd: Int
        var size: Int64
        var mtimeMicros: Int64
        var validName: Bool
    }

    public init(root: String) {
        self.root = root
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(position: Int) -> DiscoveredFile {
        let entry = entries[position]
        let path = String(decoding: paths[pathStart(position)..<entry.pathEnd], as: UTF8.self)
        return DiscoveredFile(root: root, path: path, size: entry.size, mtimeMicros: entry.mtimeMicros,
                              validName: entry.validName)
    }

    /// Adds `file`, which must lie under this list's root.
    public mutating func append(_ file: DiscoveredFile) {
        precondition(file.root == root, "a file of another root")
        paths.append(contentsOf: file.path.utf8)
        entries.append(Entry(pathEnd: paths.count, size: file.size, mtimeMicros: file.mtimeMicros,
                             validName: file.validName))
    }

    /// The files at `positions`, in that order (in buffers of the exact size).
    public func picking<C: Collection<Int>>(_ positions: C) -> FileList {
        var picked = FileList(root: root)
        picked.entries.reserveCapacity(positions.count)
        picked.paths.reserveCapacity(positions.reduce(0) { $0 + entries[$1].pathEnd - pathStart($1) })
        for position in positions {
            picked.paths.append(contentsOf: paths[pathStart(position)..<entries[position].pathEnd])
            var entry = entries[position]
            entry.pathEnd = picked.paths.count
            picked.entries.append(entry)
        }
        return picked
    }

    /// The files `isIncluded` keeps, in order.
    public func filter(_ isIncluded: (DiscoveredFile) throws -> Bool) rethrows -> FileList {
        try picking(indices.filter { try isIncluded(self[$0]) })
    }

    /// The files in the byte order of their paths.
    public func sortedByPath() -> FileList {
        let order = paths.withUnsafeBufferPointer { bytes in
            indices.sorted { left, right in
                let a = UnsafeBufferPointer(rebasing: bytes[pathStart(left)..<entries[left].pathEnd])
                let b = UnsafeBufferPointer(rebasing: bytes[pathStart(right)..<entries[right].pathEnd])
                return a.lexicographicallyPrecedes(b)
            }
        }
        return picking(order)
    }

    private func pathStart(_ position: Int) -> Int {
        position == 0 ? 0 : entries[position - 1].pathEnd
    }
}
