import CLibPQ

/// How a transaction ends when its body returns; a body that throws always rolls it back.
public enum TransactionEnd: Sendable {
    case commit
    /// Rolled back all the same: a dry run does all of its work and keeps none of it.
    case rollBack
}

extension Connection {
    /// Runs `body` in a transaction that ends as `end` says when `body` returns, and rolls back
    /// when it throws. Inside an open transaction it uses a savepoint instead, so the outer
    /// transaction decides (a dry run is one transaction that rolls back, around a whole run whose
    /// batches are transactions of their own).
    public func transaction<R>(ending end: TransactionEnd = .commit, file: String = #fileID, line: Int = #line,
                               _ body: () throws -> R) throws -> R {
        var savepoint: String?
        if PQtransactionStatus(handle) == PQTRANS_INTRANS {
            savepoints += 1
            savepoint = "etl_savepoint_\(savepoints)"
        }
        try execute(savepoint.map { Statement("savepoint", "SAVEPOINT \($0)") } ?? Statement("begin", "BEGIN"),
                    file: file, line: line)
        let value: R
        do {
            value = try body()
        } catch {
            rollBack(savepoint, file: file, line: line)
            throw error
        }
        switch end {
        case .commit:
            try execute(savepoint.map { Statement("release savepoint", "RELEASE SAVEPOINT \($0)") }
                        ?? Statement("commit", "COMMIT"), file: file, line: line)
        case .rollBack:
            rollBack(savepoint, file: file, line: line)
        }
        return value
    }

    /// Whether a transaction is open on this connection.
    public var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Rolls back to `savepoint`, or the whole transaction when it is nil. A connection that
    /// cannot do so is lost, and the server rolls back what it held: the failure is only logged.
    private func rollBack(_ savepoint: String?, file: String, line: Int) {
        let status = PQtransactionStatus(handle)
        if let savepoint {
            guard status == PQTRANS_INERROR || status == PQTRANS_INTRANS else { return }
            _ = try? execute(Statement("rollback to savepoint", "ROLLBACK TO SAVEPOINT \(savepoint)"), file: file, line: line)
            return
        }
        guard status != PQTRANS_IDLE else { return }
        do {
            try execute(Statement("rollback", "ROLLBACK"), file: file, line: line)
        } catch {
            logger.warning("rollback failed", metadata: ["error": "\(error)"])
        }
    }
}
