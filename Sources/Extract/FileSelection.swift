/// Which discovered files a run takes: a shard of the input (`--shard K/N`, by a stable hash of
/// the path), a range of the scraper's day folders (`--from`/`--to`), a sub-folder (`--path`).
public struct FileSelection: Sendable, Equatable {
    /// Shard `index` (1-based) of `count`.
    public struct Shard: Sendable, Equatable, CustomStringConvertible {
        public var index: Int
        public var count: Int

        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
                  count >= 1, (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }

        public var description: String { "\(index)/\(count)" }

        /// FNV-1a over the relative path's UTF-8 bytes: stable across machines and releases.
        public func contains(_ path: String) -> Bool {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in path.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return Int(hash % UInt64(count)) == index - 1
        }
    }

    public var shard: Shard?
    /// Inclusive range of day folders, `YYYY-MM-DD`.
    public var fromDay: String?
    public var toDay: String?
    /// Only files under this folder, relative to the input root.
    public var subpath: String?

    public init(shard: Shard? = nil, fromDay: String? = nil, toDay: String? = nil, subpath: String? = nil) {
        self.shard = shard
        self.fromDay = fromDay
        self.toDay = toDay
        self.subpath = subpath
    }

    public var restrictsDays: Bool { fromDay != nil || toDay != nil }

    /// Whether the run takes `path` (relative to its root). A file outside any day folder passes
    /// the day range here; the backfill then keeps it only if an article's published date is in range.
    public func accepts(_ path: String) -> Bool {
        if let shard, !shard.contains(path) { return false }
        if let subpath {
            let prefix = subpath.hasSuffix("/") ? subpath : subpath + "/"
            if !(path.hasPrefix(prefix) || path == subpath) { return false }
        }
        if restrictsDays, let day = Self.dayFolder(of: path) {
            if let fromDay, day < fromDay { return false }
            if let toDay, day > toDay { return false }
        }
        return true
    }

    /// The `YYYY-MM-DD` folder a path lies in, if any (the scraper's day layout).
    public static func dayFolder(of path: String) -> String? {
        for component in path.split(separator: "/").dropLast() where isDay(component) { return String(component) }
        return nil
    }

    public static func isDay<S: StringProtocol>(_ text: S) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (48...57).contains(byte) }
    }
}
