import Foundation

extension StringProtocol {
    /// Without the scalars of `set` at either end: what Foundation's `trimmingCharacters(in:)`
    /// returns, found by looking at the ends only. (Foundation's copies the whole text through an
    /// `NSString`, for each line of a JSON Lines file.)
    public func trimmingScalars(in set: CharacterSet) -> SubSequence {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }),
              let last = scalars.lastIndex(where: { !set.contains($0) }) else { return self[endIndex...] }
        return self[first...last]
    }
}
