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

        /// Shard `index` (1-based) of `count`, or nil unless 1 ≤ index ≤ count.
        public init?(index: Int, count: Int) {
            guard count >= 1, (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }

        public var description: String { "\(index)/\(count)" }

        /// The variable a Kubernetes Indexed Job's manifest sets to the Job's `completions`:
        /// Kubernetes exports the pod's index (`JOB_COMPLETION_INDEX`) but not the count.
        public static let countVariable = "ARTICLE_ETL_SHARD_COUNT"

        /// Why `--shard auto` found no shard, or an inconsistent one.
        public struct EnvironmentError: Error, CustomStringConvertible, Equatable {
            public var description: String
        }

        /// The shard a job engine gives this process (`--shard auto`):
        /// - a Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based) of `ARTICLE_ETL_SHARD_COUNT`
        ///   (set by the manifest to the Job's `completions`), shard `index + 1`;
        /// - a Slurm job array: `SLURM_ARRAY_TASK_ID` of `SLURM_ARRAY_TASK_COUNT`, shard
        ///   `ID - SLURM_ARRAY_TASK_MIN + 1` (MIN taken as 0 when unset; Slurm always sets it).
        ///   The array must be contiguous (`--array=1-N` or `0-(N-1)`, no step).
        /// Both engines' index variables at once is refused as ambiguous rather than guessed;
        /// neither, a missing count, a non-number or an index outside the count is an error.
        public static func fromEnvironment(_ environment: [String: String]) throws -> Shard {
            let kubernetes = environment["JOB_COMPLETION_INDEX"]
            let slurm = environment["SLURM_ARRAY_TASK_ID"]
            switch (kubernetes, slurm) {
            case (nil, nil):
                throw EnvironmentError(description: """
                    no job engine gives a shard: set JOB_COMPLETION_INDEX and \(countVariable) (a Kubernetes \
                    Indexed Job) or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm job array), or pass --shard K/N
                    """)
            case (.some, .some):
                throw EnvironmentError(description: """
                    both JOB_COMPLETION_INDEX (Kubernetes) and SLURM_ARRAY_TASK_ID (Slurm) are set: \
                    unset the one that does not belong to this job, or pass --shard K/N
                    """)
            case (let index?, nil):
                let zeroBased = try number(index, "JOB_COMPLETION_INDEX")
                guard let countText = environment[countVariable] else {
                    throw EnvironmentError(description: """
                        JOB_COMPLETION_INDEX is set but \(countVariable) is not: set it in the Job's manifest \
                        to the Job's completions (Kubernetes does not export the count)
                        """)
                }
                let count = try number(countText, countVariable)
                guard count >= 1 else { throw EnvironmentError(description: "\(countVariable)=\(count): the count must be at least 1") }
                guard zeroBased < count, let shard = Shard(index: zeroBased + 1, count: count) else {
                    throw EnvironmentError(description: """
                        JOB_COMPLETION_INDEX=\(zeroBased) is not below \(countVariable)=\(count): \
                        set \(countVariable) to the Job's completions
                        """)
                }
                return shard
            case (nil, let id?):
                let taskID = try number(id, "SLURM_ARRAY_TASK_ID")
                guard let countText = environment["SLURM_ARRAY_TASK_COUNT"] else {
                    throw EnvironmentError(description: "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
                }
                let count = try number(countText, "SLURM_ARRAY_TASK_COUNT")
                guard count >= 1 else { throw EnvironmentError(description: "SLURM_ARRAY_TASK_COUNT=\(count): the count must be at least 1") }
                let minimum = try environment["SLURM_ARRAY_TASK_MIN"].map { try number($0, "SLURM_ARRAY_TASK_MIN") } ?? 0
                guard taskID >= minimum, taskID - minimum < count, let shard = Shard(index: taskID - minimum + 1, count: count) else {
                    throw EnvironmentError(description: """
                        SLURM_ARRAY_TASK_ID=\(taskID) is not within SLURM_ARRAY_TASK_COUNT=\(count) tasks from \
                        SLURM_ARRAY_TASK_MIN=\(minimum): the array must be contiguous, e.g. --array=1-\(count)
                        """)
                }
                return shard
            }
        }

        /// A non-negative decimal number, or an error naming the variable.
        private static func number(_ text: String, _ variable: String) throws -> Int {
            guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text) else {
                throw EnvironmentError(description: "\(variable)=\"\(text)\" is not a non-negative number")
            }
            return value
        }

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
