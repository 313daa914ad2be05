import Foundation
import Records

/// The curated organizations, people, places and products articles are searched for
/// (`config/entities.json`), each with its canonical name (`news.entities.name`), its English name
/// (`news.entities.name_en`), its aliases in Chinese and English, those of its names that are
/// common words, and the words that make a common word another thing. `ignore` lists phrases that
/// contain an alias but do not name the entity (`升华为` is not 华为, `三星堆` is not 三星): they
/// take their span without being counted. `name_words` may stand beside a common word or before a
/// surname without making it another name (`EntityMatcher` has the rules).
///
/// The file:
///
///     {"organizations": [{"name": "英伟达", "en": "Nvidia", "aliases": ["NVIDIA", "辉达"]},
///                        {"name": "苹果", "en": "Apple", "aliases": ["Apple"], "common_words": ["Apple"],
///                         "other_senses": ["pie"]}, …],
///      "people": […], "places": […], "products": […], "name_words": ["Inc", "CEO", …],
///      "ignore": ["升华为", …]}
public struct EntityList: Sendable, Equatable {
    public struct Entity: Sendable, Hashable {
        public var kind: EntityKind
        public var name: String
        /// Other ways to write the name; the name itself always matches too.
        public var aliases: [String]
        /// The entity's name in English (`news.entities.name_en`); it matches like an alias.
        public var english: String?
        /// Names and aliases that are also ordinary English words or given names (`Apple`, `Claude`,
        /// `Musk`): they match only as written and in a context that makes them this entity
        /// (`EntityMatcher`).
        public var commonWords: [String]
        /// Words that, right after a common-word alias, make it something else (`Amazon rainforest`,
        /// `Apple pie`); compared in lower case.
        public var otherSenses: [String]

        public init(kind: EntityKind, name: String, aliases: [String] = [], english: String? = nil,
                    commonWords: [String] = [], otherSenses: [String] = []) {
            self.kind = kind
            self.name = name
            self.aliases = aliases
            self.english = english
            self.commonWords = commonWords
            self.otherSenses = otherSenses
        }

        /// Every way the entity is written: the name, the English name, the aliases.
        public var spellings: [String] { [name] + (english.map { [$0] } ?? []) + aliases }
    }

    public var entities: [Entity]
    public var ignore: [String]
    /// Capitalised words that may stand beside a common-word alias, or before a surname, without
    /// making it another name: company and product words (`Inc`, `Watch`, `Store`) and titles
    /// (`CEO`, `President`, `Mr`). Compared in lower case, without a final full stop.
    public var nameWords: [String]

    public init(entities: [Entity], ignore: [String] = [], nameWords: [String] = []) {
        self.entities = entities
        self.ignore = ignore
        self.nameWords = nameWords
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
        let known = Set(sections.map(\.key) + ["ignore", "name_words", "about"])
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
                guard let aliases = entry.aliases.value, let commonWords = entry.commonWords.value,
                      let otherSenses = entry.otherSenses.value, Set(entry.keys).isSubset(of: Entry.keyNames) else {
                    throw fail("\(key)[\(number)] (\(name)) may hold only \(Entry.keyNames.sorted().joined(separator: ", ")): "
                               + "'en' a string, the others lists of strings")
                }
                var english: String?
                if let value = entry.english {
                    guard let text = value.value, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw fail("\(key)[\(number)] (\(name)): 'en' must be a name")
                    }
                    english = text
                }
                let entity = Entity(kind: kind, name: name, aliases: aliases, english: english,
                                    commonWords: commonWords, otherSenses: otherSenses)
                let spellings = Set(entity.spellings.map(SearchText.form))
                if let stray = commonWords.first(where: { !spellings.contains(SearchText.form($0)) }) {
                    throw fail("\(key)[\(number)] (\(name)): common word '\(stray)' is not its name, 'en' or an alias")
                }
                list.entities.append(entity)
            }
        }
        if let value = file.ignore {
            guard let phrases = value.value else { throw fail("'ignore' must be a list of phrases") }
            list.ignore = phrases
        }
        if let value = file.nameWords {
            guard let words = value.value else { throw fail("'name_words' must be a list of words") }
            list.nameWords = words
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
        var nameWords: ConfigValue<[String]>?

        init(from decoder: any Decoder) throws {
            let top = try decoder.container(keyedBy: ConfigKey.self)
            keys = top.keyNames
            for (key, _) in EntityList.sections {
                sections[key] = try top.field(key)
            }
            ignore = try top.field("ignore")
            nameWords = try top.field("name_words")
        }
    }

    /// One entry of a section.
    struct Entry: Decodable {
        var keys: [String]
        var name: ConfigValue<String>?
        /// None when the entry gives none.
        var aliases: ConfigValue<[String]>
        var english: ConfigValue<String>?
        var commonWords: ConfigValue<[String]>
        var otherSenses: ConfigValue<[String]>

        static let keyNames: Set<String> = ["name", "en", "aliases", "common_words", "other_senses"]

        init(from decoder: any Decoder) throws {
            let entry = try decoder.container(keyedBy: ConfigKey.self)
            keys = entry.keyNames
            name = try entry.field("name")
            aliases = try entry.field("aliases") ?? .value([])
            english = try entry.field("en")
            commonWords = try entry.field("common_words") ?? .value([])
            otherSenses = try entry.field("other_senses") ?? .value([])
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
            for alias in entity.spellings {
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
