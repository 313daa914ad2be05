import CLibPQ

/// Connection strings for display: the password is never shown. libpq itself reads the string
/// (`PQconninfoParse`), so every form it accepts is understood the way it will connect: URIs with
/// `user:password@` or `?password=`, percent-encoding, key=value with blanks around `=`, quoted
/// values with `\'` and `\\`.
public enum ConnectionString {
    /// What is shown for a string libpq cannot parse. Nothing of the string itself: where the
    /// parse fails, it cannot be known which part is a password (libpq's own message quotes parts).
    public static let unparseable = "(a connection string libpq cannot parse)"

    /// Options whose value is hidden even where libpq does not mark them as passwords (its
    /// `dispchar` "*" marks `password` and `sslpassword`; newer versions add others).
    static let secretKeywords: Set<String> = ["password", "sslpassword", "oauth_client_secret"]

    /// Options shown first, in this order; the rest follow in libpq's order.
    static let leadingKeywords = ["host", "hostaddr", "port", "dbname", "user", "password"]

    /// `url` for logs and error messages: the options it sets, in key=value form, each secret
    /// shown as `***`; for a string libpq cannot parse, `unparseable`.
    public static func redacted(_ url: String) -> String {
        guard let options = options(of: url) else { return unparseable }
        if options.isEmpty { return "(no options: libpq's defaults)" }
        let ordered = leadingKeywords.compactMap { key in options.first { $0.keyword == key } }
            + options.filter { !leadingKeywords.contains($0.keyword) }
        return ordered.map { option in
            "\(option.keyword)=\(option.isSecret ? "***" : quoted(option.value))"
        }.joined(separator: " ")
    }

    /// Whether libpq can parse `url` as `Connection` passes it (a database name when it is no
    /// connection string).
    public static func isParseable(_ url: String) -> Bool {
        options(of: url) != nil
    }

    struct Option: Equatable {
        var keyword: String
        var value: String
        var isSecret: Bool
    }

    /// The options `url` sets, as libpq parses them, or nil when it cannot. A string libpq does not
    /// take for a connection string is a database name, as with `expand_dbname` in `Connection`.
    static func options(of url: String) -> [Option]? {
        guard isConnectionString(url) else {
            return [Option(keyword: "dbname", value: url, isSecret: false)]
        }
        var error: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(url, &error) else {
            // The message may quote the string: it is dropped unread.
            if let error { PQfreemem(error) }
            return nil
        }
        defer { PQconninfoFree(parsed) }
        var options: [Option] = []
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                let name = String(cString: keyword)
                let hidden = option.pointee.dispchar.map { String(cString: $0).contains("*") } ?? false
                options.append(Option(keyword: name, value: String(cString: value),
                                      isSecret: hidden || secretKeywords.contains(name)))
            }
            option += 1
        }
        return options
    }

    /// libpq's own test (`recognized_connection_string` in fe-connect.c): a URI prefix or an `=`
    /// makes a connection string; anything else given as `dbname` is a database name.
    static func isConnectionString(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.starts(with: "postgresql://".utf8) || bytes.starts(with: "postgres://".utf8)
            || bytes.contains(UInt8(ascii: "="))
    }

    /// A value as key=value syntax needs it: in single quotes, with `\` and `'` escaped, when it is
    /// empty or holds a blank, a quote or a backslash.
    static func quoted(_ value: String) -> String {
        let scalars = value.unicodeScalars
        let needsQuotes = scalars.isEmpty || scalars.contains { $0.properties.isWhitespace || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        var text = String.UnicodeScalarView()
        text.append("'")
        for scalar in scalars {
            if scalar == "'" || scalar == "\\" { text.append("\\") }
            text.append(scalar)
        }
        text.append("'")
        return String(text)
    }
}
