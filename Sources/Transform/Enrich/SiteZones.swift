import Foundation

/// The time zone a site prints its times in, for a time it writes without a zone: the one
/// `config/sources.json` names for its source (`timeZone`), else the one its country-code domain
/// (`.cn`, `.tw`, `.uk` …) or its language suggests, else `unknown` (UTC: a `.com` or `.org` site in
/// English, say, whose zone could be any; the article's `published_date` is still the day the site
/// printed, and its `published_offset` NULL says no zone was stated).
public enum SiteZones {
    /// The zone of a site whose zone nothing tells.
    public static let unknown = TimeZone(identifier: "UTC")!

    /// Country-code top-level domains and the zone most of the country's sites print times in (the
    /// capital's; for a country of several zones, the most populous one). Names of the IANA
    /// database: the offsets, and their changes over the years, are ICU's.
    static let byDomain: [String: String] = [
        "cn": "Asia/Shanghai", "tw": "Asia/Taipei", "hk": "Asia/Hong_Kong", "mo": "Asia/Macau",
        "sg": "Asia/Singapore", "my": "Asia/Kuala_Lumpur", "jp": "Asia/Tokyo", "kr": "Asia/Seoul",
        "id": "Asia/Jakarta", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "ph": "Asia/Manila",
        "in": "Asia/Kolkata", "pk": "Asia/Karachi", "bd": "Asia/Dhaka", "ae": "Asia/Dubai", "sa": "Asia/Riyadh",
        "qa": "Asia/Qatar", "il": "Asia/Jerusalem", "ir": "Asia/Tehran", "tr": "Europe/Istanbul",
        "uk": "Europe/London", "ie": "Europe/Dublin", "fr": "Europe/Paris", "de": "Europe/Berlin",
        "at": "Europe/Vienna", "ch": "Europe/Zurich", "it": "Europe/Rome", "es": "Europe/Madrid",
        "pt": "Europe/Lisbon", "nl": "Europe/Amsterdam", "be": "Europe/Brussels", "lu": "Europe/Luxembourg",
        "dk": "Europe/Copenhagen", "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki",
        "pl": "Europe/Warsaw", "cz": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
        "ro": "Europe/Bucharest", "bg": "Europe/Sofia", "gr": "Europe/Athens", "ua": "Europe/Kyiv",
        "ru": "Europe/Moscow", "by": "Europe/Minsk", "rs": "Europe/Belgrade", "hr": "Europe/Zagreb",
        "si": "Europe/Ljubljana", "eg": "Africa/Cairo", "za": "Africa/Johannesburg", "ng": "Africa/Lagos",
        "ke": "Africa/Nairobi", "ma": "Africa/Casablanca", "au": "Australia/Sydney", "nz": "Pacific/Auckland",
        "ca": "America/Toronto", "us": "America/New_York", "mx": "America/Mexico_City", "br": "America/Sao_Paulo",
        "ar": "America/Argentina/Buenos_Aires", "cl": "America/Santiago", "co": "America/Bogota",
        "pe": "America/Lima",
    ]

    /// Languages (with a script for Chinese) whose news comes, overwhelmingly, from one zone.
    static let byLanguage: [String: String] = [
        "zh-Hans": "Asia/Shanghai", "zh-Hant": "Asia/Taipei", "ja": "Asia/Tokyo", "ko": "Asia/Seoul",
        "id": "Asia/Jakarta", "th": "Asia/Bangkok", "vi": "Asia/Ho_Chi_Minh", "tr": "Europe/Istanbul",
    ]

    static let zones: [String: TimeZone] = {
        var zones: [String: TimeZone] = [:]
        for name in Set(byDomain.values).union(byLanguage.values) { zones[name] = TimeZone(identifier: name) }
        return zones
    }()

    /// The zone of a site: `configured` (its source's `timeZone`), else its host's country-code
    /// domain, else its language (`lang`, with `script` for Chinese). Nil when none applies.
    public static func zone(configured: TimeZone?, host: String?, lang: String, script: String?) -> TimeZone? {
        if let configured { return configured }
        if let host, let dot = host.lastIndex(of: ".") {
            let domain = host[host.index(after: dot)...]
            if let name = byDomain[String(domain)], let zone = zones[name] { return zone }
        }
        let key = lang == "zh" ? "zh-" + (script ?? "Hans") : lang
        return byLanguage[key].flatMap { zones[$0] }
    }
}
