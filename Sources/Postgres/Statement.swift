/// One SQL statement and the name errors carry (`PostgresError.statement`), so a failure says which
/// of a batch's statements it was. A statement without a name is reported by its text. The text is
/// trusted SQL: data reaches it only as parameters.
public struct Statement: Sendable, Hashable, CustomStringConvertible {
    /// A short name, e.g. `upsert articles`; nil for a statement reported by its text.
    public let name: String?
    public let sql: String

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }

    /// A statement without a name (ad hoc SQL): errors carry its text.
    public init(sql: String) {
        self.name = nil
        self.sql = sql
    }

    /// What errors carry: the name, else the text.
    public var description: String { name ?? sql }
}
