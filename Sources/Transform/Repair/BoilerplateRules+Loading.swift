import Foundation
import Records

/// Reading the rules from `config/boilerplate.json`:
///
///     {"rules": [{"name": …, "pattern": … or "contains": …, "where": "last:2", "remove": "paragraph",
///                 "source": …, "metadata": …, "maxLength": …}, …]}
extension BoilerplateRules {
    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "boilerplate rules \(path): \(message)" }
    }

    /// Reads rules from a JSON file (see `config/boilerplate.json`). Unknown keys and bad values
    /// are errors that name the rule.
    public static func load(path: String) throws -> BoilerplateRules {
        try parse(ConfigJSON.data(at: path) { LoadError(path: path, message: $0) }, path: path)
    }

    static let ruleKeys: Set<String> = ["name", "pattern", "contains", "where", "remove", "source", "metadata", "maxLength", "_comment"]

    public static func parse(_ data: Data, path: String = "<data>") throws -> BoilerplateRules {
        func fail(_ message: String) -> LoadError { LoadError(path: path, message: message) }
        let file = try ConfigJSON.decode(RuleFile.self, from: data,
                                         shape: "the top level must be an object with a list of rules under \"rules\"", fail)
        var rules: [Rule] = []
        for (number, entry) in file.rules.enumerated() {
            rules.append(try entry.rule(number: number + 1, fail))
        }
        return BoilerplateRules(rules: rules)
    }

    /// The file: a list of rules under `rules` (other top-level keys, such as `_comment`, are free).
    struct RuleFile: Decodable {
        var rules: [RuleEntry]
    }

    /// A rule as the file writes it, its values not yet checked.
    struct RuleEntry: Decodable {
        var keys: [String]
        var name, pattern, contains, scope, removal, source, metadata: ConfigValue<String>?
        var maxLength: ConfigValue<Int>?

        init(from decoder: any Decoder) throws {
            let entry = try decoder.container(keyedBy: ConfigKey.self)
            keys = entry.keyNames
            name = try entry.field("name")
            pattern = try entry.field("pattern")
            contains = try entry.field("contains")
            scope = try entry.field("where")
            removal = try entry.field("remove")
            source = try entry.field("source")
            metadata = try entry.field("metadata")
            maxLength = try entry.field("maxLength")
        }

        /// The rule, or `fail` of why it is refused, naming the rule: by its name, else by its
        /// `number` (from 1).
        func rule(number: Int, _ fail: (String) -> LoadError) throws -> Rule {
            let name = name?.value ?? "rule \(number)"
            func bad(_ message: String) -> LoadError { fail("\(name): \(message)") }
            if let unknown = keys.first(where: { !ruleKeys.contains($0) }) {
                throw bad("unknown key '\(unknown)'; known keys: \(ruleKeys.sorted().joined(separator: ", "))")
            }
            let expression: NSRegularExpression
            switch (pattern?.value, contains?.value) {
            case (let pattern?, nil):
                do { expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) } catch {
                    throw bad("pattern is not a valid regular expression")
                }
            case (nil, let text?) where !text.isEmpty:
                expression = try NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: text), options: [.caseInsensitive])
            default:
                throw bad("needs exactly one of 'pattern' (a regular expression) or 'contains' (plain text)")
            }
            var ruleScope = Rule.Scope.anywhere
            if let scope {
                guard let text = scope.value, let parsed = parseScope(text) else {
                    throw bad("'where' must be \"anywhere\", \"first:N\" or \"last:N\"")
                }
                ruleScope = parsed
            }
            var ruleRemoval = Rule.Removal.paragraph
            if let removal {
                guard let text = removal.value, let parsed = Rule.Removal(rawValue: text) else {
                    throw bad("'remove' must be \"paragraph\", \"rest\" or \"match\"")
                }
                ruleRemoval = parsed
            }
            if let source, source.value == nil { throw bad("'source' must be a source code such as \"netease-hao\"") }
            if let metadata, metadata.value == nil { throw bad("'metadata' must be a field name such as \"editor\"") }
            if metadata != nil && expression.numberOfCaptureGroups < 1 { throw bad("'metadata' needs a capture group in the pattern") }
            if let maxLength, (maxLength.value ?? 0) <= 0 { throw bad("'maxLength' must be a positive integer") }
            return Rule(name: name, expression: expression, scope: ruleScope, removal: ruleRemoval, source: source?.value,
                        metadata: metadata?.value, maxLength: maxLength?.value)
        }
    }

    static func parseScope(_ text: String) -> Rule.Scope? {
        if text == "anywhere" { return .anywhere }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let number = Int(parts[1]), number > 0 else { return nil }
        switch parts[0] {
        case "first": return .first(number)
        case "last": return .last(number)
        default: return nil
        }
    }

    /// `config/boilerplate.json` in the working directory if present, else the one in the source
    /// tree this binary was built from.
    public static func defaultPath() -> String {
        ProjectFiles.path("config/boilerplate.json")
    }

    private static let loadedDefault: Result<BoilerplateRules, LoadError> = {
        let path = defaultPath()
        do { return .success(try load(path: path)) } catch let error as LoadError {
            return .failure(error)
        } catch {
            return .failure(LoadError(path: path, message: "\(error)"))
        }
    }()

    /// The default rules, loaded once; no rules if the file could not be read (see `defaultLoadError`).
    public static var `default`: BoilerplateRules {
        (try? loadedDefault.get()) ?? BoilerplateRules(rules: [])
    }

    /// Why the default rules could not be loaded, if they could not.
    public static var defaultLoadError: String? {
        if case .failure(let error) = loadedDefault { return error.description }
        return nil
    }
}
