import Foundation
import Records

/// The curated organizations, people, places and products articles are searched for
/// (`config/entities.json`), each with its canonical name (`news.entities.name`) and its aliases in
/// Chinese and English. `ignore` lists phrases that contain an alias but do not name the entity
/// (`升华为` is not 华为, `三星堆` is not 三星): they take their span without being counted.
///
/// The file:
///
///     {"organizations": [{"name": "英伟达", "aliases": ["NVIDIA", "辉达"]}, …],
///      "people": […], "places": […], "products": […], "ignore": ["升华为", …]}
public struct EntityList: Sendable, Equatable {
    public struct Entity: Sendable, Hashable {
        public var kind: EntityKind
        public var name: String
        /// Other ways to write the name; the name itself always matches too.
        public var aliases: [String]

        public init(kind: EntityKind, name: String, aliases: [String] = []) {
            self.kind = kind
            self.name = name
            self.aliases = aliases
        }
    }

    public var entities: [Entity]
    public var ignore: [String]

    public init(entities: [Entity], ignore: [String] = []) {
        self.entities = entities
        self.ignore = ignore
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "entity list \(path): \(message)" }
    }

    /// The sections of the file and the kind of entity each holds.
    static let sections: [(key: String, kind: EntityKind)] = [
        ("organizations", .org), ("people", .person), ("places", .place), ("products", .product),
    ]

    /// Reads an entity list. Unknown keys, entries without a name, and an alias given to two
    /// entities (compared in the search form, so `Nvidia` and `NVIDIA` are one alias) are errors.
    public static func load(path: String) throws -> EntityList {
        func fail(_ message: String) -> LoadError { LoadError(path: path, message: message) }
        let data = try ConfigJSON.data(at: path, fail)
        let file = try ConfigJSON.decode(File.self, from: data, shape: "the top level must be an object", fail)
        let known = Set(sections.map(\.key) + ["ignore", "about"])
        if let unknown = file.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("unknown key '\(unknown)'; known keys: \(known.sorted().joined(separator: ", "))")
        }
        var list = EntityList(entities: [])
        for (key, kind) in sections {
            guard let value = file.sections[key] else { continue }
            guard let entries = value.value else {
                throw fail("'\(key)' must be a list of {\"name\", \"aliases\"} objects")
            }
            for (number, entry) in entries.enumerated() {
                guard let name = entry.name?.value, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail("\(key)[\(number)] has no name")
                }
                guard let aliases = entry.aliases.value, Set(entry.keys).isSubset(of: ["name", "aliases"]) else {
                    throw fail("\(key)[\(number)] (\(name)) must hold only a name and a list of aliases")
                }
                list.entities.append(Entity(kind: kind, name: name, aliases: aliases))
            }
        }
        if let value = file.ignore {
            guard let phrases = value.value else { throw fail("'ignore' must be a list of phrases") }
            list.ignore = phrases
        }
        if let problem = list.conflict() { throw fail(problem) }
        return list
    }

    /// The file as written, its values not yet checked (`about` is free text, never read).
    struct File: Decodable {
        var keys: [String]
        /// The entries of each section of `sections` the file has.
        var sections: [String: ConfigValue<[Entry]>] = [:]
        var ignore: ConfigValue<[String]>?

        init(from decoder: any Decoder) throws {
            let top = try decoder.container(keyedBy: ConfigKey.self)
            keys = top.keyNames
            for (key, _) in EntityList.sections {
                sections[key] = try top.field(key)
            }
            ignore = try top.field("ignore")
        }
    }

    /// One entry of a section.
    struct Entry: Decodable {
        var keys: [String]
        var name: ConfigValue<String>?
        /// None when the entry gives none.
        var aliases: ConfigValue<[String]>

        init(from decoder: any Decoder) throws {
            let entry = try decoder.container(keyedBy: ConfigKey.self)
            keys = entry.keyNames
            name = try entry.field("name")
            aliases = try entry.field("aliases") ?? .value([])
        }
    }

    /// The first alias (in search form) that two entries claim, described; nil when there is none.
    func conflict() -> String? {
        var owner: [String: String] = [:]
        func claim(_ alias: String, by who: String) -> String? {
            let key = SearchText.form(alias)
            guard !key.isEmpty else { return "\(who) has an empty alias" }
            if let previous = owner[key], previous != who { return "'\(alias)' is claimed by both \(previous) and \(who)" }
            owner[key] = who
            return nil
        }
        for entity in entities {
            for alias in [entity.name] + entity.aliases {
                if let problem = claim(alias, by: "\(entity.kind) \(entity.name)") { return problem }
            }
        }
        for phrase in ignore {
            if let problem = claim(phrase, by: "ignore") { return problem }
        }
        return nil
    }

    /// `config/entities.json`, read once; empty if it cannot be read (matching then finds only
    /// transliterated person names).
    public static let standard: EntityList = (try? load(path: defaultPath())) ?? EntityList(entities: [])

    /// `config/entities.json` in the working directory if present, else in the source tree this
    /// binary was built from.
    static func defaultPath() -> String {
        ProjectFiles.path("config/entities.json")
    }
}
