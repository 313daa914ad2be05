import Foundation
import Records

/// Finds the source (`news.sources.code`) of an article from its URL's host or the site name a
/// scraper wrote, using the sources in `config/sources.json`; or, for a site none of them is, makes
/// one from the URL's host (`derived`).
public struct SourceMatcher: Sendable {
    let byHost: [(host: String, code: String)]
    let byAlias: [String: String]
    /// The zones configured for sources (`Source.timeZone`), by code.
    let zones: [String: TimeZone]
    /// The names and aliases of the configured sources, by code.
    let names: [String: [String]]

    public init(sources: [Source]) {
        zones = Dictionary(sources.compactMap { source in
            source.timeZone.flatMap(TimeZone.init(identifier:)).map { (source.code, $0) }
        }, uniquingKeysWith: { first, _ in first })
        names = Dictionary(sources.map { ($0.code, [$0.name] + $0.aliases) }, uniquingKeysWith: { first, _ in first })
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

    /// The name and aliases of the configured source `code` (none for another code).
    public func names(code: String?) -> [String] {
        code.flatMap { names[$0] } ?? []
    }

    /// The zone configured for the source `code`, if any.
    public func zone(code: String?) -> TimeZone? {
        code.flatMap { zones[$0] }
    }

    /// A source for a site `config/sources.json` does not know, from its URL: the code is the host
    /// in lower case without `www.` (`nfl.si.com`), the name the site's own (`og:site_name` …, or a
    /// scraper's field) else that host, the home page the URL's scheme and host. Nil without an
    /// http(s) URL, or for a host a code cannot be (`news.sources.code`: `^[a-z0-9][a-z0-9.-]*$`;
    /// an IP address is no site either).
    public static func derived(url: String?, siteName: String?) -> Source? {
        guard let url, let host = host(url), let schemeEnd = url.range(of: "://") else { return nil }
        var code = Substring(host)
        if code.hasPrefix("www.") { code = code.dropFirst(4) }
        while code.hasSuffix(".") { code = code.dropLast() }
        guard let first = code.utf8.first, Self.isCodeStart(first), code.utf8.allSatisfy(Self.isCodeByte),
              code.contains("."), !code.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || (0x30...0x39).contains($0) })
        else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let folded = siteName.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") } ?? ""
        let name = folded.isEmpty || folded.count > 200 ? String(code) : folded
        return Source(code: String(code), name: name, homepage: scheme + "://" + host + "/")
    }

    private static func isCodeStart(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    private static func isCodeByte(_ byte: UInt8) -> Bool {
        isCodeStart(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == ":" }) ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty ? nil : String(host.split(separator: "@").last ?? Substring(host))
    }
}
