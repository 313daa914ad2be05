import Testing
@testable import Pipeline

@Suite("parallel map")
struct ParallelMapTests {
    @Test func resultsKeepTheInputOrderWhateverOrderTheyAreMadeIn() {
        let items = Array(0..<1_000)
        let expected = items.map { $0 * 3 }
        // Costliest first (a cost unrelated to the order), in input order, and on one worker.
        #expect(parallelMap(items, workers: 2, cost: { Int64(($0 * 7_919) % 101) }) { $0 * 3 } == expected)
        #expect(parallelMap(items, workers: 3) { $0 * 3 } == expected)
        #expect(parallelMap(items, workers: 1, cost: { Int64($0) }) { $0 * 3 } == expected)
        #expect(parallelMap([Int](), workers: 2) { $0 } == [])
    }

    @Test func costliestItemsAreHandedOutFirst() {
        #expect(takingOrder([30, 10, 50, 20, 40], cost: { Int64($0) }) == [2, 4, 0, 3, 1])
        #expect(takingOrder([Int](), cost: { Int64($0) }) == [])
    }
}
