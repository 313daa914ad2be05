import Records

/// Finds the source (`news.sources.code`) of an article from its URL's host or the site name a
/// scraper wrote, using the sources in `config/sources.json`.
public struct SourceMatcher: Sendable {
    let byHost: [(host: String, code: String)]
    let byAlias: [String: String]

    public init(sources: [Source]) {
        byHost = sources.flatMap { source in source.hosts.map { (host: $0.lowercased(), code: source.code) } }
            .sorted { $0.host.count > $1.host.count }   // the most specific host wins
        var aliases: [String: String] = [:]
        for source in sources {
            for alias in source.aliases + [source.name, source.code] { aliases[alias.lowercased()] = source.code }
        }
        byAlias = aliases
    }

    public func code(url: String?, siteName: String?) -> String? {
        if let host = url.flatMap(Self.host) {
            for entry in byHost where host == entry.host || host.hasSuffix("." + entry.host) { return entry.code }
        }
        if let name = siteName?.lowercased(), let code = byAlias[name] { return code }
        if let name = siteName?.lowercased() {
            for entry in byHost where name == entry.host || name.hasSuffix("." + entry.host) { return entry.code }
        }
        return nil
    }

    static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" }) ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty ? nil : String(host.split(separator: "@").last ?? Substring(host))
    }
}
