/// An entity an article names, and how often (`news.entities` + `news.mentions`).
public struct Mention: Codable, Hashable, Sendable {
    public var kind: EntityKind
    /// Canonical name (the entity list maps aliases to it).
    public var name: String
    public var count: Int
    /// The entity's name in English (`news.entities.name_en`), for listed entities that give one.
    public var english: String?

    public init(kind: EntityKind, name: String, count: Int, english: String? = nil) {
        self.kind = kind
        self.name = name
        self.count = count
        self.english = english
    }
}

/// A money amount, percentage or quantity an article reports (`news.figures`).
public struct Figure: Codable, Hashable, Sendable {
    public var kind: FigureKind
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

    public init(kind: FigureKind, raw: String, value: String, valueMax: String? = nil, unit: String?, position: Int?) {
        self.kind = kind
        self.raw = raw
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.position = position
    }
}

/// The kinds of entity `news.entities.kind` holds (written as their raw values, in stage files too).
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case org, person, place, product
}

/// The kinds of figure `news.figures.kind` holds (written as their raw values, in stage files too).
public enum FigureKind: String, Codable, Sendable, CaseIterable {
    case money, percent, quantity
}
