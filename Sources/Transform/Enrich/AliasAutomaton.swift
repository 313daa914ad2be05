/// An Aho–Corasick automaton over Unicode scalar values: finds every occurrence of every pattern
/// in one pass over a text, whatever the number of patterns. Built once; read-only afterwards, so
/// one instance serves any number of threads.
struct AliasAutomaton: Sendable {
    /// Transitions, keyed by `node << 32 | scalar`.
    private let children: Transitions
    /// The root's transitions for the Basic Multilingual Plane, by scalar (0: none): most of a
    /// text is read at the root, and an array answers there without hashing.
    private let rootChildren: [Int32]
    /// The longest proper suffix of a node's path that is also a path (the failure link).
    private let fail: [Int32]
    /// The pattern that ends exactly at a node, or -1.
    private let pattern: [Int32]
    /// The nearest node on the failure chain (not the node itself) where a pattern ends, or -1.
    private let output: [Int32]
    /// Length of each pattern, in scalars.
    let lengths: [Int]

    /// Pattern `i` is reported as `i`. A repeated pattern keeps its first index; empty patterns are
    /// never reported.
    init(patterns: [[UInt32]]) {
        var children: [UInt64: Int32] = [:]
        var edges: [[(scalar: UInt32, node: Int32)]] = [[]]
        var pattern: [Int32] = [-1]
        for (index, scalars) in patterns.enumerated() where !scalars.isEmpty {
            var node: Int32 = 0
            for scalar in scalars {
                let key = Self.key(node, scalar)
                if let next = children[key] {
                    node = next
                } else {
                    let next = Int32(edges.count)
                    children[key] = next
                    edges[Int(node)].append((scalar, next))
                    edges.append([])
                    pattern.append(-1)
                    node = next
                }
            }
            if pattern[Int(node)] < 0 { pattern[Int(node)] = Int32(index) }
        }
        var fail = [Int32](repeating: 0, count: edges.count)
        var output = [Int32](repeating: -1, count: edges.count)
        var queue = edges[0].map(\.node)   // breadth first: depth-one nodes fail to the root
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (scalar, child) in edges[Int(node)] {
                var candidate = fail[Int(node)]
                while candidate != 0 && children[Self.key(candidate, scalar)] == nil { candidate = fail[Int(candidate)] }
                let target = children[Self.key(candidate, scalar)] ?? 0
                fail[Int(child)] = target == child ? 0 : target
                let link = fail[Int(child)]
                output[Int(child)] = pattern[Int(link)] >= 0 ? link : output[Int(link)]
                queue.append(child)
            }
        }
        var rootChildren = [Int32](repeating: 0, count: 0x10000)
        for (scalar, node) in edges[0] where scalar < 0x10000 { rootChildren[Int(scalar)] = node }
        self.children = Transitions(children)
        self.rootChildren = rootChildren
        self.fail = fail
        self.pattern = pattern
        self.output = output
        lengths = patterns.map(\.count)
    }

    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(scalar)
    }

    /// Calls `body(start, end, pattern)` for every occurrence, in order of their ends.
    func forEachMatch(in text: [UInt32], _ body: (Int, Int, Int) -> Void) {
        var state: Int32 = 0
        for (index, scalar) in text.enumerated() {
            while true {
                if state == 0 && scalar < 0x10000 {
                    state = rootChildren[Int(scalar)]
                    break
                }
                let next = children[Self.key(state, scalar)]
                if next != 0 {
                    state = next
                    break
                }
                if state == 0 { break }
                state = fail[Int(state)]
            }
            var node = pattern[Int(state)] >= 0 ? state : output[Int(state)]
            while node >= 0 {
                let found = Int(pattern[Int(node)])
                body(index + 1 - lengths[found], index + 1, found)
                node = output[Int(node)]
            }
        }
    }
}

/// The transitions below the root, as an open-addressing table probed linearly from a
/// multiplicative hash of the key: every scalar of a text read away from the root is looked up
/// here, and a `Dictionary` (SipHash) made those lookups most of the matcher's time. Keys are
/// `node << 32 | scalar`; `UInt64.max`, which no key can be (nodes are `Int32`), marks a free slot.
private struct Transitions: Sendable {
    private let keys: [UInt64]
    private let nodes: [Int32]
    private let shift: UInt64

    init(_ transitions: [UInt64: Int32]) {
        var bits: UInt64 = 4
        while (1 << bits) < transitions.count * 2 { bits += 1 }
        var keys = [UInt64](repeating: .max, count: 1 << bits)
        var nodes = [Int32](repeating: 0, count: 1 << bits)
        let mask = keys.count - 1
        shift = 64 - bits
        for (key, node) in transitions {
            var slot = Self.slot(key, shift: shift)
            while keys[slot] != .max { slot = (slot + 1) & mask }
            keys[slot] = key
            nodes[slot] = node
        }
        self.keys = keys
        self.nodes = nodes
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The node `key` leads to, or 0 (the root, which no transition leads to) if none.
    @inline(__always)
    subscript(key: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var slot = Self.slot(key, shift: shift)
            while true {
                let found = keys[slot]
                if found == key { return nodes[slot] }
                if found == .max { return 0 }
                slot = (slot + 1) & mask
            }
        }
    }
}
