/// The connected components of a graph of matches (union-find): for each article, the smallest
/// article id of its component, which names the component (`BatchLoader.markDuplicates`; the
/// warehouse then picks each component's root by date and key).
struct DuplicateClusters {
    /// Every article of the graph, in ascending order, and the label of its component.
    private(set) var members: [Int64] = []
    private(set) var labels: [Int64] = []

    /// `edges`: (a, b) a match between a and b, or (a, nil) for an article with no edge given.
    init(_ edges: [(Int64, Int64?)]) {
        var parent: [Int64: Int64] = [:]
        func find(_ x: Int64) -> Int64 {
            var root = x
            while let next = parent[root], next != root { root = next }
            var node = x
            while let next = parent[node], next != root { parent[node] = root; node = next }
            return root
        }
        for (a, b) in edges {
            if parent[a] == nil { parent[a] = a }
            guard let b else { continue }
            if parent[b] == nil { parent[b] = b }
            let (ra, rb) = (find(a), find(b))
            // The smaller id becomes the root, so the label is the component's smallest id.
            if ra < rb { parent[rb] = ra } else if rb < ra { parent[ra] = rb }
        }
        members = parent.keys.sorted()
        labels = members.map(find)
    }
}
