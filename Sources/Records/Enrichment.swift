/// An entity an article names, and how often (`news.entities` + `news.mentions`).
public struct Mention: Codable, Hashable, Sendable {
    /// `org`, `person`, `place` or `product`.
    public var kind: String
    /// Canonical name (the entity list maps aliases to it).
    public var name: String
    public var count: Int

    public init(kind: String, name: String, count: Int) {
        self.kind = kind
        self.name = name
        self.count = count
    }
}

/// A money amount, percentage or quantity an article reports (`news.figures`).
public struct Figure: Codable, Hashable, Sendable {
    /// `money`, `percent` or `quantity`.
    public var kind: String
    /// As written, e.g. `148亿美元`.
    public var raw: String
    /// The value with its magnitude applied, as a decimal string (exact: `14800000000`, `0.3`).
    public var value: String
    /// Upper end of a range (`3-5倍` → `5`), else nil.
    public var valueMax: String?
    /// ISO 4217 currency for money, `%` for percentages, the counted unit for quantities.
    public var unit: String?
    /// Character offset of `raw` in the body, or nil when it is in the title.
    public var position: Int?

    public init(kind: String, raw: String, value: String, valueMax: String? = nil, unit: String?, position: Int?) {
        self.kind = kind
        self.raw = raw
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.position = position
    }
}

/// The kinds of entity `news.entities.kind` holds. `Mention.kind` carries the raw value: its
/// producer (`EntityMatcher`, in Transform) and the COPY rows that write it (Warehouse) take the
/// enum in their own step of the redesign.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case org, person, place, product
}

/// The kinds of figure `news.figures.kind` holds. `Figure.kind` carries the raw value until its
/// producer (`FigureGrammar`, in Transform) and the loader (Warehouse) take the enum.
public enum FigureKind: String, Codable, Sendable, CaseIterable {
    case money, percent, quantity
}
