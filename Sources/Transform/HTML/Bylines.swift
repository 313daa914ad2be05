import TextTools

/// Authors printed in page text: `作者：张三`, `记者 张三 李四`, `文/张三`, `By Jane Doe`.
enum Bylines {
    static let markers = ["作者：", "作者:", "作者 ", "撰文：", "撰文:", "文/", "文／", "文|", "文丨", "记者：", "记者:", "记者 ",
                          "本报记者", "记者"]
    /// Words that end a name: what follows a byline on the same line.
    static let stops = ["来源", "编辑", "责编", "责任编辑", "通讯员", "报道", "摄影", "发布", "时间", "原标题", "图", "摄",
                        "实习生", "校对", "审核"]

    /// The first byline in `text`, line by line.
    static func find(in text: String) -> String? {
        // Split at newline scalars, which are characters of their own (or `\r\n`, whose halves
        // leave an empty piece, dropped): the lines `Character.isNewline` gives, far faster.
        for line in text.unicodeScalars.split(whereSeparator: isNewline) {
            let line = TextMeasure.fold(String(line))
            guard !line.isEmpty, !line.hasAtLeast(201) else { continue }
            if let name = chinese(line) { return name }
            if let name = english(line) { return name }
        }
        return nil
    }

    /// The scalars `Character.isNewline` is true for: LF, VT, FF, CR, NEL, LS and PS.
    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func chinese(_ line: String) -> String? {
        for marker in markers {
            guard let range = line.byteRange(of: marker) else { continue }
            // "记者" inside a sentence ("…告诉记者") is not a byline: it must start the line or follow a break.
            if marker == "记者" || marker == "本报记者" {
                let before = line[..<range.lowerBound]
                if let last = before.last, !" |｜丨(（【[".contains(last), !before.hasSuffix("本报"), !before.hasSuffix("新华社") {
                    continue
                }
            }
            var rest = String(line[range.upperBound...]).trimmingSpaces
            if rest.hasPrefix("：") || rest.hasPrefix(":") { rest = String(rest.dropFirst()).trimmingSpaces }
            var end = rest.endIndex
            for stop in stops {
                if let found = rest.byteRange(of: stop), found.lowerBound < end { end = found.lowerBound }
            }
            if let punctuation = rest.firstIndex(where: { "，。；;|｜丨)）】]\"“”".contains($0) || ($0.isASCII && $0.isNumber) }),
               punctuation < end {
                end = punctuation
            }
            // Names: Han names of two to four characters, or Latin words, separated by spaces or 、.
            var names: [String] = []
            for token in rest[..<end].split(whereSeparator: { $0 == " " || $0 == "、" || $0 == "\u{3000}" }) {
                let han = token.unicodeScalars.allSatisfy(TextMeasure.isCJK)
                let latin = token.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "." || $0 == "-") }
                guard (han && (2...4).contains(token.count)) || (latin && !names.isEmpty) || (latin && token.first?.isUppercase == true)
                else { break }
                names.append(String(token))
            }
            let name = names.joined(separator: " ")
            guard (2...40).contains(name.count) else { continue }
            return name
        }
        return nil
    }

    static func english(_ line: String) -> String? {
        guard line.hasPrefix("By ") || line.hasPrefix("BY ") else { return nil }
        let words = line.dropFirst(3).split(separator: " ").prefix(6)
        var name: [Substring] = []
        for word in words {
            let bare = word.trimmingCharacters(in: ",|")
            guard let first = bare.first, first.isUppercase || ["and", "de", "van", "von"].contains(bare) else { break }
            name.append(Substring(bare))
            if word.hasSuffix(",") || word.hasSuffix("|") { break }
        }
        guard name.count >= 2 else { return nil }
        return name.joined(separator: " ")
    }
}

/// Whether a byline is a name at all: pages and feeds put form labels and interface strings where
/// an author belongs ("View Profile", "Name *", "Name (required)", "Leave a Reply", "Login"), an
/// e-mail address alone, a number, a paragraph, or the site's own name. General rules, not a list
/// of the strings seen: a mark of a form field, words all of an interface's vocabulary, no letters,
/// a date or a number in it (four digits or more), more words or characters than a byline has, the
/// site's name or host (or a shorter form of the host: `csdn.net` for `blog.csdn.net`), the name of
/// its configured source. E-mail addresses and `@handles` beside a name are dropped, as are the
/// separators a page puts around it (`| Jane Doe`, `Jane Doe,`).
public enum BylineCheck {
    /// The longest byline kept, in characters and in words (several authors fit).
    static let maxCharacters = 80
    static let maxWords = 12

    /// Words of forms, buttons and menus (in lower case): a byline made of these alone is a label.
    static let interfaceWords: Set<Substring> = [
        "view", "profile", "profiles", "login", "logout", "log", "sign", "signin", "signup", "register", "in", "out",
        "up", "subscribe", "reply", "replies", "leave", "comment", "comments", "post", "posts", "posted", "share",
        "follow", "following", "followers", "email", "e", "mail", "name", "website", "url", "search", "menu", "home",
        "more", "read", "edit", "author", "authors", "by", "admin", "administrator", "user", "username", "password",
        "submit", "send", "cancel", "required", "optional", "your", "you", "my", "our", "account", "contact", "us", "about",
        "click", "here", "show", "hide", "all", "see", "visit", "page", "link", "on", "of", "to", "for", "and", "at",
        "unknown", "anonymous", "guest", "newsletter", "print", "save", "close", "like", "tweet", "facebook",
        "twitter", "instagram", "linkedin", "youtube", "rss", "feed", "back", "next", "previous", "loading", "a",
        "an", "the", "cookie", "cookies", "accept", "settings", "notify", "me", "new", "first", "last", "full",
        "nickname", "avatar", "bio", "articles", "latest", "recent", "top", "popular",
        "登录", "注册", "登入", "退出", "评论", "发表评论", "分享", "查看", "更多", "查看更多", "个人主页", "主页", "关注",
        "用户名", "邮箱", "密码", "提交", "取消", "匿名", "网友", "订阅", "首页", "作者", "姓名", "必填",
    ]

    /// `text` when it can be a byline, else nil. `siteName` and `host` are the page's, `sourceNames`
    /// its configured source's name and aliases: a byline equal to one names the site, not a person.
    public static func accept(_ text: String, siteName: String? = nil, host: String? = nil,
                              sourceNames: [String] = []) -> String? {
        var words = text.split(whereSeparator: \.isWhitespace)
        // A form field's marks: "Name *", "Name (required)", "Email (will not be published)".
        if text.contains("*") || text.lowercased().contains("required") || text.contains("必填") { return nil }
        if words.contains(where: { $0.lowercased().hasPrefix("http") || $0.lowercased().hasPrefix("www.") }) {
            return nil
        }
        let count = words.count
        words.removeAll { ($0.contains("@") && $0.contains(".")) || $0.hasPrefix("@") }   // e-mail addresses, handles
        guard !words.isEmpty, words.count <= maxWords else { return nil }
        var trimmed = Substring(words.count == count ? text : words.joined(separator: " "))
        trimmed = trimmed.drop { separators.contains($0) }
        while let last = trimmed.last, separators.contains(last) { trimmed = trimmed.dropLast() }
        guard trimmed.count <= maxCharacters, trimmed.contains(where: \.isLetter),
              trimmed.unicodeScalars.count(where: { ("0"..."9").contains($0) }) < 4 else { return nil }
        let kept = String(trimmed)
        let lowered = kept.lowercased()
        let letterRuns = lowered.split { !$0.isLetter }
        if letterRuns.allSatisfy(interfaceWords.contains) { return nil }
        let bare = comparable(lowered)
        var names = sourceNames + [siteName].compactMap { $0 }
        if let host {
            // The host and its shorter forms of two labels or more: blog.csdn.net, csdn.net.
            var labels = host.split(separator: ".")
            while labels.count >= 2 {
                names.append(labels.joined(separator: "."))
                labels.removeFirst()
            }
        }
        for other in names where !other.isEmpty && comparable(other.lowercased()) == bare { return nil }
        return kept
    }

    /// What pages put around a byline: `| Jane Doe`, `Jane Doe,`, `— Jane Doe`.
    static let separators: Set<Character> = ["|", "｜", "丨", ",", "，", ";", "；", ":", "：", "-", "–", "—", "•", "·", "/", "\\", " "]

    /// Letters and digits only: "CNN.com" and "cnn.com", "The Verge" and "the-verge" compare equal.
    private static func comparable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }
}
