import Foundation
import Records

/// Per-site knowledge for portals whose pages the general scoring gets wrong: where the article body
/// is, and what inside or around it to drop. Kept in `config/site-rules.json`:
///
///     {"sites": [{"name": "163", "hosts": ["163.com"], "detect": ["#ne_article_source"],
///                 "body": ["#endText", ".post_body"], "drop": [".post_statement"]}]}
///
/// A rule applies when the page's host (from its URL, `<link rel=canonical>`, `og:url` or `<base>`)
/// is one of `hosts` or below one, or, when the host is unknown, when one of `detect` matches.
/// `body` selectors are tried in order; the first that finds text gives the article containers.
struct SiteRules: Sendable {
    struct Rule: Sendable, Equatable {
        var name: String
        var hosts: [String]
        var detect: [Selector]
        var body: [Selector]
        var drop: [Selector]
    }

    let rules: [Rule]

    init(rules: [Rule]) {
        self.rules = rules
    }

    /// The rules in `config/site-rules.json`, read once; none when the file is missing or invalid.
    static let standard = SiteRules(path: defaultPath())

    init(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            self.init(rules: [])
            return
        }
        self.init(json: data)
    }

    init(json data: Data) {
        struct File: Decodable {
            struct Site: Decodable {
                var name: String
                var hosts: [String]?
                var detect: [String]?
                var body: [String]?
                var drop: [String]?
            }
            var sites: [Site]
        }
        guard let file = try? JSONDecoder().decode(File.self, from: data) else {
            self.init(rules: [])
            return
        }
        self.init(rules: file.sites.map { site in
            Rule(name: site.name, hosts: (site.hosts ?? []).map { $0.lowercased() },
                 detect: (site.detect ?? []).compactMap(Selector.init), body: (site.body ?? []).compactMap(Selector.init),
                 drop: (site.drop ?? []).compactMap(Selector.init))
        })
    }

    /// `config/site-rules.json` in the working directory if present, else in the source tree.
    static func defaultPath() -> String {
        ProjectFiles.path("config/site-rules.json")
    }

    /// The rule for a page: by host when it is known (the most specific host wins), else by `detect`.
    func rule(host: String?, tree: PageTree) -> Rule? {
        if let host = host?.lowercased() {
            var best: (rule: Rule, length: Int)?
            for rule in rules {
                for candidate in rule.hosts where host == candidate || host.hasSuffix("." + candidate) {
                    if candidate.count > best?.length ?? -1 { best = (rule, candidate.count) }
                }
            }
            if let best { return best.rule }
        }
        return rules.first { rule in rule.detect.contains { !$0.matches(in: tree).isEmpty } }
    }
}
