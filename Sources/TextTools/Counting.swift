extension StringProtocol {
    /// The number of characters, counted no further than `limit`: `min(count, limit)`. `count`
    /// walks the whole text, where a test against a bound need not (a wrapped paragraph being
    /// joined is asked again for every line added to it).
    @inlinable
    public func count(upTo limit: Int) -> Int {
        var counted = 0
        var index = startIndex
        while counted < limit && index < endIndex {
            formIndex(after: &index)
            counted += 1
        }
        return counted
    }

    /// Whether the text has at least `count` characters, counting no further (see `count(upTo:)`).
    @inlinable
    public func hasAtLeast(_ count: Int) -> Bool {
        self.count(upTo: count) >= count
    }
}

extension String {
    /// The text's Unicode scalars, each through `transform`, decoded once: `Array(unicodeScalars)`
    /// and `unicodeScalars.map` decode the UTF-8 twice (once to count the scalars). The array may
    /// hold spare capacity: it is reserved for one scalar per byte.
    @inlinable
    public func mapScalars<Element>(_ transform: (Unicode.Scalar) -> Element) -> [Element] {
        var elements: [Element] = []
        elements.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { elements.append(transform(scalar)) }
        return elements
    }

    /// The text's Unicode scalars, decoded once (see `mapScalars`).
    @inlinable
    public var scalarArray: [Unicode.Scalar] { mapScalars { $0 } }
}
