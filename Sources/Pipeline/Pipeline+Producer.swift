import Extract
import Foundation
import Records

/// The producer side of `run`: extract and transform, batch after batch, into the queue the
/// loader takes from.
extension Pipeline {
    /// Extracts, transforms and queues `files` of `plan` in batches; false once the run stops. With
    /// `olderCopies`, records that are older copies are recorded untransformed (`OlderCopies`),
    /// counted in `superseded`. A backfill by date has dropped the files of day folders outside its
    /// range before they are read (`FileSelection.accepts`); a file outside any day folder is
    /// dropped here, after its transform, unless an article was published in the range. Record
    /// files too large to read whole follow their batch, a part per batch (`stream`).
    static func produce(_ files: FileList, of plan: RootPlan, stages: Stages, settings: Settings,
                        selection: FileSelection, cancellation: Cancellation, into queue: BatchQueue,
                        olderCopies: OlderCopies.Decisions? = nil, superseded: Tally? = nil) throws -> Bool {
        for start in stride(from: 0, to: files.count, by: settings.batchSize) {
            if cancellation.isCancelled || queue.isClosed { return false }
            let range = start..<min(start + settings.batchSize, files.count)
            let done = stages.extractAndTransform(Array(files[range]), ledger: plan.ledger, olderCopies: olderCopies)
            var units = done.compactMap { $0 }
            let streamed = units.filter { $0.streamed != nil }
            units.removeAll { $0.streamed != nil }
            if selection.restrictsDays {
                units = units.filter { publishedInRange($0, selection: selection) }
            }
            superseded?.add(units.reduce(0) { $0 + $1.superseded.count })
            queue.put(PreparedBatch(units: units, files: range.count - streamed.count, skipped: done.count { $0 == nil }))
            for unit in streamed {
                guard try stream(unit, stages: stages, settings: settings, cancellation: cancellation, into: queue) else { return false }
            }
        }
        return true
    }

    /// Reads a record file too large to read whole part by part, transforming and queueing each
    /// part as a batch of its own; false once the run stops. The file's ledger entry comes with its
    /// last part, so a run stopped in between reads the file again. (A backfill by date loads such
    /// a file whole: its records' dates are only known part by part.)
    ///
    /// Reading a part (inflating, splitting, decoding its records) takes one thread; the part read
    /// before it is transformed meanwhile, on every worker, and queued in order once the next is
    /// read: the file is not read and transformed by turns.
    static func stream(_ unit: FileUnit<ArticleRecord>, stages: Stages, settings: Settings, cancellation: Cancellation,
                       into queue: BatchQueue) throws -> Bool {
        var transforming: (done: DispatchGroup, result: PartResult)?
        func queueTransformed() {
            guard let (done, result) = transforming else { return }
            done.wait()
            transforming = nil
            guard let part = result.part else { return }
            queue.put(PreparedBatch(units: [part], files: part.file?.endsFile == true ? 1 : 0, skipped: 0))
        }
        defer { queueTransformed() }
        return try stages.stream(unit, recordsPerPart: settings.batchSize) { part in
            queueTransformed()
            if cancellation.isCancelled || queue.isClosed { return false }
            let done = DispatchGroup(), result = PartResult()
            DispatchQueue.global().async(group: done) { result.part = stages.transform([part])[0] }
            transforming = (done, result)
            return true
        }
    }

    /// A part transformed on another thread, read once its group is done.
    final class PartResult: @unchecked Sendable {
        var part: FileUnit<ArticleRecord>?
    }

    /// A backfill by date keeps a file outside the day folders only when one of its articles was
    /// published inside the range (files rejected whole are kept: their reject is worth recording).
    /// A file in a day folder was chosen by its folder before it was read, and is kept.
    static func publishedInRange(_ unit: FileUnit<ArticleRecord>, selection: FileSelection) -> Bool {
        guard let file = unit.file, FileSelection.dayFolder(of: file.path) == nil, !unit.items.isEmpty else { return true }
        return unit.items.contains { article in
            guard let published = article.publishedAt, published.count >= 10 else { return false }
            let day = String(published.prefix(10))
            return (selection.fromDay.map { day >= $0 } ?? true) && (selection.toDay.map { day <= $0 } ?? true)
        }
    }

}

/// A count the producer adds to, read once it has stopped.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ amount: Int) {
        lock.withLock { count += amount }
    }

    var value: Int { lock.withLock { count } }
}
