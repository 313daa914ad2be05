import Foundation

/// Connection strings for display: the password is never shown.
public enum ConnectionString {
    /// `url` with any password replaced by `***`, for logs and error messages. Handles URIs
    /// (`postgresql://user:secret@host/db`, `?password=`) and key=value strings (`password=secret`).
    public static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
               let colon = rest[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        return redactKeyValue(in: text)
    }

    private static func redactKeyValue(in text: String) -> String {
        var result = ""
        var remaining = Substring(text)
        while let range = remaining.range(of: "password=") {
            let before = range.lowerBound == remaining.startIndex ? nil : remaining[remaining.index(before: range.lowerBound)]
            guard before == nil || before == " " || before == "?" || before == "&" else {
                result += remaining[..<range.upperBound]
                remaining = remaining[range.upperBound...]
                continue
            }
            result += remaining[..<range.upperBound] + "***"
            remaining = remaining[range.upperBound...]
            let end = remaining.firstIndex(where: { $0 == " " || $0 == "&" }) ?? remaining.endIndex
            remaining = remaining[end...]
        }
        return result + remaining
    }
}
