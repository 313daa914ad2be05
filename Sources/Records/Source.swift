import Foundation

/// A publishing platform or site: one row of `news.sources`, from `config/sources.json`.
public struct Source: Codable, Hashable, Sendable {
    /// Stable lowercase code, e.g. `netease-hao`.
    public var code: String
    /// Display name, e.g. 网易号.
    public var name: String
    public var homepage: String?
    /// Host names whose URLs belong to this source (a host matches itself and its subdomains).
    public var hosts: [String]
    /// Names scrapers write in a `source`/`site` field for it.
    public var aliases: [String]
    /// The IANA zone the site prints its times in (`America/New_York`), for a time it writes
    /// without a zone; nil: the zone its domain or language suggests (`SiteZones`).
    public var timeZone: String?

    public init(code: String, name: String, homepage: String? = nil, hosts: [String] = [], aliases: [String] = [],
                timeZone: String? = nil) {
        self.code = code
        self.name = name
        self.homepage = homepage
        self.hosts = hosts
        self.aliases = aliases
        self.timeZone = timeZone
    }

    enum CodingKeys: String, CodingKey { case code, name, homepage, hosts, aliases, timeZone }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        name = try container.decode(String.self, forKey: .name)
        homepage = try container.decodeIfPresent(String.self, forKey: .homepage)
        hosts = try container.decodeIfPresent([String].self, forKey: .hosts) ?? []
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw DecodingError.dataCorruptedError(forKey: .timeZone, in: container,
                                                   debugDescription: "unknown time zone '\(timeZone)'")
        }
    }
}
