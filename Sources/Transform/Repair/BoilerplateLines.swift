import TextTools

/// Boilerplate by kind: the lines nearly every site adds to its articles, whatever the site, which no
/// platform rule of `config/boilerplate.json` names. A line classifier, in Chinese and English, for
/// these kinds (`Kind`):
///
/// - advertisement markers (`Advertisement`, `Story continues below advertisement`, `广告`) and
///   share bars (`Share  Facebook  Twitter  Email`, `分享到：微信 微博 QQ空间`): whole lines of a
///   fixed form, removed wherever they stand;
/// - copyright and reproduction notices (`© 2024 Example Media. All rights reserved.`,
///   `未经授权，禁止转载`), newsletter and subscription prompts, follow-us prompts, app-download
///   prompts and legal disclaimers (`免责声明：本文仅代表作者个人观点……`): removed only at the
///   edges of the body (see `remove(from:)`), and only when the line *is* the notice or the prompt,
///   not when it talks about one.
///
/// Precision comes from the line's form, not from its words alone: a prompt starts with an
/// imperative (`Sign up`, `Subscribe to`, `欢迎关注`, `下载…客户端`) or a notice word (`©`,
/// `免责声明`, `版权所有`), is short (each kind has a length limit), stands among the first two or
/// the last lines of the body, and is not reported speech (`said`, `表示`). "The newspaper said
/// subscriptions fell 10 % last year" and "版权纠纷案今日开庭" stay.
///
/// Features used: position (edges), length (scalars, counted no further than a kind's limit),
/// punctuation (a share bar is share words and separators only) and the words. Link density is
/// the HTML extractor's (`ArticleEdges` drops link-dense lines before the text gets here: the
/// repair sees plain text). Repetition of a line across the articles of one source is not used:
/// the transform is pure per record (no state shared between records), and counting lines across
/// records would need a pass over a source's records before transforming them.
///
/// Cheap on purpose: most lines are longer than every limit and are not looked at beyond a
/// bounded scalar count; only the lines at the edges and short lines elsewhere are folded (a
/// lower-cased, half-width copy with a few Traditional characters made Simplified) and matched
/// with plain substring tests, no regular expressions.
public enum BoilerplateLines {
    public enum Kind: String, Sendable, CaseIterable {
        case advertisement, shareBar, copyright, subscription, follow, appDownload, disclaimer
    }

    public struct Outcome: Equatable, Sendable {
        /// The lines, a removed one left as an empty entry (as `BoilerplateRules.apply` leaves it).
        public var lines: [String]
        /// What was removed: the line's index and its kind, in index order.
        public var removed: [(index: Int, kind: Kind)]

        public static func == (left: Outcome, right: Outcome) -> Bool {
            left.lines == right.lines && left.removed.map(\.index) == right.removed.map(\.index)
                && left.removed.map(\.kind) == right.removed.map(\.kind)
        }
    }

    /// Lines looked at from each edge: the walk inward stops after this many lines that are not
    /// boilerplate (blank lines are not counted).
    static let headReach = 2
    static let tailReach = 3
    /// The most lines looked at from one edge.
    static let walkLimit = 12
    /// Lines of at most this many scalars are not counted among the misses.
    static let shortLine = 60

    static func isShort(_ line: String) -> Bool {
        boundedLength(line, limit: shortLine + 1) <= shortLine
    }

    /// Removes boilerplate lines of `lines` (empty entries are blank lines, kept). Never removes
    /// every line: a body made only of such lines is left as it is.
    public static func remove(from lines: [String]) -> Outcome {
        var outcome = Outcome(lines: lines, removed: [])
        let visible = lines.indices.filter { !lines[$0].isEmpty }
        guard !visible.isEmpty else { return outcome }
        var kinds: [Int: Kind] = [:]
        // The edges: from the end inward, then from the start inward. Short lines that are none of
        // the kinds (labels, bylines, a prompt in words no kind knows) do not end the walk, which
        // goes no further than `walkLimit` lines.
        var misses = 0
        for (step, index) in visible.reversed().enumerated() {
            if let kind = classify(lines[index], atEdge: true) { kinds[index] = kind } else if !isShort(lines[index]) { misses += 1 }
            if misses >= tailReach || step + 1 >= walkLimit { break }
        }
        misses = 0
        for (step, index) in visible.enumerated() where kinds[index] == nil {
            if let kind = classify(lines[index], atEdge: true) { kinds[index] = kind } else if !isShort(lines[index]) { misses += 1 }
            if misses >= headReach || step + 1 >= walkLimit { break }
        }
        // Elsewhere: only the fixed-form lines (markers and share bars), which are short.
        for index in visible where kinds[index] == nil {
            if let kind = classify(lines[index], atEdge: false) { kinds[index] = kind }
        }
        guard !kinds.isEmpty, kinds.count < visible.count else { return outcome }
        for index in kinds.keys.sorted() {
            outcome.lines[index] = ""
            outcome.removed.append((index, kinds[index]!))
        }
        return outcome
    }

    /// The kind of boilerplate `line` is, or nil. `atEdge`: the line stands where notices and
    /// prompts stand (see `remove(from:)`); elsewhere only markers and share bars are recognised.
    public static func classify(_ line: String, atEdge: Bool) -> Kind? {
        classify(line, atEdge: atEdge, anchored: true)
    }

    /// `classify`, and with `anchored` false without the anchor test (`anchors`): the test suite
    /// checks that the anchors rule out no line the kinds recognise.
    static func classify(_ line: String, atEdge: Bool, anchored: Bool) -> Kind? {
        let limit = atEdge ? edgeLimit : markerLimit
        let length = atEdge ? boundedLength(line, limit: limit + 1) : markerCandidateLength(line)
        guard length <= limit else { return nil }
        // Only a disclaimer is that long: a line with none of its words is not folded.
        if length > noticeLimit && !disclaimerWords.occurs(in: line) { return nil }
        // A longer line without Latin letters (Chinese text) can only be a disclaimer or a copyright notice.
        if atEdge && length > chinesePromptLimit && !hasLatinLetterOrSign(line)
            && !disclaimerWords.occurs(in: line) && !copyrightWords.occurs(in: line) { return nil }
        let text = fold(line)
        guard !text.isEmpty else { return nil }
        if length <= markerLimit {
            if text.utf8.count <= longestMarker && markers.contains(text) { return .advertisement }
            if isShareBar(text) { return .shareBar }
        }
        guard atEdge else { return nil }
        // Without Han characters (or without Latin letters) the Chinese (or English) words are not looked for.
        let han = text.utf8.contains { $0 >= 0xE3 }
        let latin = text.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        let compact = !han ? "" : text.utf8.contains(0x20) ? String(decoding: text.utf8.filter { $0 != 0x20 }, as: UTF8.self) : text
        // Every notice and prompt below holds one of the anchors: most lines hold none.
        guard !anchored || anchors.occurs(in: text) || (han && anchors.occurs(in: compact)) else { return nil }
        if isDisclaimer(text, compact: compact, length: length, han: han, latin: latin) { return .disclaimer }
        guard length <= noticeLimit else { return nil }
        if isReported(text, compact: compact, han: han, latin: latin) { return nil }
        if isCopyright(text, compact: compact, length: length, han: han, latin: latin) { return .copyright }
        if isSubscription(text, compact: compact, length: length, han: han, latin: latin) { return .subscription }
        if isFollow(text, compact: compact, length: length, han: han, latin: latin) { return .follow }
        if isAppDownload(text, compact: compact, length: length, han: han, latin: latin) { return .appDownload }
        return nil
    }

    /// A word that each notice and prompt `classify` recognises holds (in the folded line, or in
    /// its Chinese form without spaces): a disclaimer's, a copyright notice's, a reproduction
    /// notice's verb, a subscription's, a follow-us prompt's imperative or platform, an app's.
    /// Kept in step with the kinds below (`BoilerplateKindsTests.theAnchorsRuleOutNoNotice`).
    static let anchors = KeywordSet([
        "disclaimer", "expressed", "opinions", "informational", "advice",
        "copyright", "©", "(c)", "reserved",
        "newsletter", "subscri", "sign up", "sign-up", "signup", "inbox", "alerts", "briefing", "digest",
        "daily updates", "free trial", "membership", "email", "e-mail",
        "follow", "like us", "find us", "connect with us", "join us on", "join the conversation",
        "app", "google play", "android", "iphone",
        "声明", "风险", "免责", "代表", "构成", "侵权", "删除", "侵删", "传递", "参考",
        "权利", "版权", "转载", "转发", "复制", "使用",
        "订阅",
        "公众号", "微信", "微博", "抖音", "视频号", "关注", "更多精彩", "更多资讯", "更多内容", "更多新闻", "星标",
        "客户端",
    ])

    // MARK: - Limits (in scalars)

    /// Disclaimers are the longest kind.
    static let edgeLimit = 400
    /// Copyright notices and prompts.
    static let noticeLimit = 220
    /// Markers and share bars.
    static let markerLimit = 80

    // MARK: - Kinds

    /// Whole lines that mark an advertisement slot (folded, decoration trimmed).
    static let markers: Set<String> = [
        "advertisement", "advertisements", "advertising", "ad feature", "sponsored", "sponsored content",
        "paid content", "paid post", "promoted content", "story continues below advertisement",
        "article continues below advertisement", "article continues below", "story continues below",
        "continue reading below", "continue reading the main story", "scroll to continue with content",
        "advertisement - scroll to continue", "advertisement continue reading below", "skip advertisement",
        "广告", "推广", "赞助内容", "广告位", "广告内容", "热门推荐广告",
    ]

    static let longestMarker = markers.map(\.utf8.count).max()!

    /// Words of a share bar, longest first (so that `share on` goes before `share`).
    static let shareWords: [String] = [
        "share this article", "share this story", "share this page", "share this", "share on", "share via",
        "copy link", "copy the link", "分享到", "分享至", "分享给", "复制链接", "qq空间", "qq好友", "新浪微博",
        "腾讯微博", "朋友圈", "whatsapp", "facebook", "linkedin", "pinterest", "messenger", "telegram", "twitter",
        "reddit", "tweet", "email", "e-mail", "share", "print", "flipboard", "weibo", "wechat", "分享", "微信", "微博",
        "豆瓣", "打印", "收藏", "转发", "邮件", "qq", "x",
    ]
    static let shareLeads = ["share", "分享"]
    static let shareHints = KeywordSet(["share", "分享", "facebook", "twitter", "微信", "微博", "whatsapp", "email"])

    /// A line of share targets and separators only: two targets at least, or one after `Share`/`分享`.
    static func isShareBar(_ text: String) -> Bool {
        // A cheap pre-check: a share bar holds one of these.
        guard shareHints.occurs(in: text) else { return false }
        var rest = Substring(text)
        var words = 0
        var led = false
        while true {
            rest = rest.drop { isSeparator($0) }
            guard !rest.isEmpty else { break }
            guard let word = shareWords.first(where: { word in
                rest.begins(with: word) && rest.dropFirst(word.count).first.map { !isWordCharacter($0) || !isWordCharacter(word.last!) } ?? true
            }) else { return false }
            if words == 0 && shareLeads.contains(where: { word.begins(with: $0) }) { led = true }
            words += 1
            rest = rest.dropFirst(word.count)
        }
        return words >= 2 || (words == 1 && led)
    }

    static func isSeparator(_ character: Character) -> Bool {
        " |/·•・,，、:：;；-–—_*()（）[]【】<>«»".contains(character) || character.isNumber
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// `© 2024 Example Media. All rights reserved.`, `Copyright 2024 …`, `版权所有 © 某某网`,
    /// `未经授权，禁止转载`, `转载请注明出处`.
    static func isCopyright(_ text: String, compact: String, length: Int, han: Bool = true, latin: Bool = true) -> Bool {
        if latin || text.includes("©") {
            if let english = englishCopyright(text, length: length) { return english }
        }
        guard han else { return false }
        if compact.includes("保留所有权利") { return length <= 200 }
        return chineseCopyright(compact, length: length)
    }

    static func englishCopyright(_ text: String, length: Int) -> Bool? {
        if text.begins(with: "copyright") {
            // `Copyright 2024 …`, `Copyright © …`, `Copyright (c) …`; not "Copyright law changed in 2023".
            let after = text.dropFirst(9).drop { $0 == " " || $0 == ":" }
            return after.begins(with: "©") || after.begins(with: "(c)") || after.first?.isNumber == true
                || text.includes("rights reserved") || (length <= 40 && hasYear(text) && !text.includes(" in "))
        }
        if text.begins(with: "©") || text.begins(with: "(c) ") { return length <= 160 }
        if text.includes("©") && (hasYear(text) || text.includes("rights")) && length <= 160 { return true }
        if text.includes("all rights reserved") || text.includes("all right reserved") {
            return length <= 200
        }
        return nil
    }

    static func chineseCopyright(_ compact: String, length: Int) -> Bool {
        if let found = compact.byteRange(of: "版权所有") {
            // Not "版权所有人" (the copyright holder, in a sentence).
            let next = compact[found.upperBound...].first
            return next != "人" && next != "者" && next != "权" && length <= 80
        }
        if compact.begins(with: "版权声明") || compact.begins(with: "版权归") { return length <= 200 }
        // A reproduction notice: it begins as one.
        let reproduction = compact.includes("转载") || compact.includes("转发") || compact.includes("复制")
            || compact.includes("使用")
        guard reproduction, length <= 150 else { return false }
        return reproductionStarts.begins(compact)
            && (compact.includes("未经") || compact.includes("禁止") || compact.includes("不得") || compact.includes("请注明")
                || compact.includes("请联系") || compact.includes("须经") || compact.includes("需经") || compact.includes("授权"))
    }
    static let reproductionStarts = KeywordSet(["本文", "本站", "本网", "本报", "本刊", "本号", "本作品", "本文章", "文章", "作品", "图片",
                                                "凡本", "凡注明", "未经", "转载", "如需转载", "欢迎转载", "禁止转载", "原创文章", "原创稿件",
                                                "版权", "声明"])

    /// Newsletter and subscription prompts: `Sign up for our newsletter`, `Subscribe to …`,
    /// `Get the best of … in your inbox`, `欢迎订阅`, `点击订阅`.
    static func isSubscription(_ text: String, compact: String, length: Int, han: Bool = true, latin: Bool = true) -> Bool {
        if subscriptionLabels.contains(text) { return true }
        if latin && startsWithWord(text, subscriptionStarts) {
            return subscriptionWords.occurs(in: text) || emailWords.occurs(in: text)
        }
        guard han, length <= 60 else { return false }
        return chineseSubscription.occurs(in: compact)
    }
    static let subscriptionLabels: Set<String> = ["newsletter", "newsletters", "subscribe", "subscribe now", "sign up",
                                                  "sign up now", "sign up for free", "订阅", "立即订阅", "免费订阅",
                                                  "点击订阅"]
    static let subscriptionStarts = ["sign up", "signup", "subscribe", "get our", "get the", "get daily", "get breaking",
                                     "get a", "get news", "get updates", "get alerts", "get free", "get more", "join our",
                                     "join the", "join", "want more", "want the", "want to get", "don't miss", "dont miss",
                                     "never miss", "enter your email", "receive our", "receive the", "stay informed",
                                     "stay up to date", "stay up-to-date", "stay in the know", "keep up with",
                                     "keep up to date", "be the first", "click here", "like this article",
                                     "enjoyed this", "enjoy this", "love this", "to subscribe", "to receive", "for more",
                                     "interested in", "support our", "support independent", "become a", "already a",
                                     "not a subscriber", "you can unsubscribe", "by signing up", "by subscribing",
                                     "by clicking", "thank you for subscribing", "thanks for subscribing",
                                     "this article is for subscribers", "this content is for subscribers",
                                     "this story is for subscribers", "to continue reading", "continue reading with",
                                     "read more with", "unlock", "start your", "try it free", "subscribers only"]
    /// An e-mail address alone is a contact line, not a prompt: these say the reader gets mail.
    static let emailWords = KeywordSet(["your email", "your e-mail", "email address", "e-mail address", "daily email", "weekly email",
                                        "by email", "by e-mail", "free email", "email updates", "email alerts"])
    static let subscriptionWords = KeywordSet(["newsletter", "inbox", "subscribe", "subscription", "subscriber",
                                               "sign up", "sign-up", "signup", "alerts", "briefing", "digest", "daily updates",
                                               "free trial", "membership", "unsubscribe"])
    static let chineseSubscription = KeywordSet(["欢迎订阅", "点击订阅", "立即订阅", "免费订阅", "订阅我们", "订阅本号", "订阅本刊", "订阅本报"])

    /// Follow-us prompts: `Follow us on Twitter`, `Like us on Facebook`, `欢迎关注我们`,
    /// `微信公众号：某某`.
    static func isFollow(_ text: String, compact: String, length: Int, han: Bool = true, latin: Bool = true) -> Bool {
        if latin && startsWithWord(text, ["follow us", "like us", "find us", "connect with us", "join us on", "join the conversation",
                                 "follow our", "follow the latest"]) { return true }
        if latin && startsWithWord(text, ["follow"]) && length <= 150 {
            return socialWords.occurs(in: text)
        }
        guard han, length <= 60 else { return false }
        if followLabels.begins(compact) && length <= 40 { return true }
        if followStarts.begins(compact) && followTargets.occurs(in: compact) { return true }
        return chineseFollow.occurs(in: compact)
    }
    static let socialWords = KeywordSet(["twitter", "facebook", "instagram", "linkedin", "tiktok", "youtube", "threads", "bluesky",
                                         "mastodon", " on x", "@"])
    static let followLabels = KeywordSet(["微信公众号:", "公众号:", "微信号:", "官方微信:", "官方微博:", "微博:", "抖音号:", "视频号:",
                                          "微信公众号：", "公众号：", "微信号：", "官方微信：", "官方微博：", "微博：", "抖音号：", "视频号："])
    /// `关注某某官方微博`, `请关注某某公众号`: an imperative, and what to follow.
    static let followStarts = KeywordSet(["关注", "请关注", "敬请关注", "欢迎关注", "更多精彩", "更多资讯", "更多内容", "更多新闻", "点击关注",
                                          "扫码关注", "长按关注", "搜索关注"])
    static let followTargets = KeywordSet(["公众号", "微博", "微信", "抖音", "视频号", "官方", "我们", "本号", "账号", "帐号", "头条号", "百家号"])
    static let chineseFollow = KeywordSet(["关注我们", "关注本号", "关注公众号", "关注微信公众号", "关注官方微信", "关注官方微博", "关注官方账号",
                                           "欢迎关注", "点击关注", "加关注", "一键关注", "关注+星标", "设为星标", "星标我们", "关注并星标",
                                           "扫码关注", "长按关注", "关注订阅号", "关注视频号", "关注抖音号"])

    /// App-download prompts: `Download the … app`, `Get the app`, `下载…客户端`, `打开App阅读`.
    static func isAppDownload(_ text: String, compact: String, length: Int, han: Bool = true, latin: Bool = true) -> Bool {
        if latin && startsWithWord(text, ["download", "get the", "get our", "install", "try the", "open in", "open the", "read in",
                                 "read it in", "read this story in", "read this article in", "read the full story in",
                                 "continue reading in", "listen to this", "available on", "available in", "listen in", "watch in", "scan the"]) {
            return hasWord(text, "app") || hasWord(text, "apps") || text.includes("app store") || text.includes("google play")
                || text.includes("android") || text.includes("iphone")
        }
        guard han, length <= 60 else { return false }
        if chineseDownloadStarts.begins(compact) {
            return (compact.includes("客户端") || compact.includes("app"))
                && !["下载量", "下载次数", "下载率", "下载总量"].contains(where: { compact.begins(with: $0) })
        }
        return chineseApp.occurs(in: compact)
    }
    /// An imperative: "下载量同比增长三成，该应用…" is a sentence, "下载某某客户端" a prompt.
    static let chineseDownloadStarts = KeywordSet(["下载", "点击下载", "立即下载", "扫码下载", "请下载", "欢迎下载", "马上下载", "免费下载",
                                                   "戳这里下载", "打开", "安装"])
    static let chineseApp = KeywordSet(["打开app", "app内打开", "app阅读", "用app", "客户端阅读", "打开客户端", "客户端内打开", "客户端查看",
                                        "app查看", "app内查看", "app看", "安装app"])

    /// Legal disclaimers: `免责声明：…`, `本文仅代表作者个人观点，不代表本站立场`, `Disclaimer: …`,
    /// `The views expressed in this article are those of the author`.
    static func isDisclaimer(_ text: String, compact: String, length: Int, han: Bool = true, latin: Bool = true) -> Bool {
        if han && (disclaimerStarts.begins(compact) || chineseDisclaimer.occurs(in: compact)) {
            return true
        }
        guard latin else { return false }
        if text.begins(with: "disclaimer") { return true }
        if text.includes("views expressed") || text.includes("opinions expressed") || text.includes("views and opinions") {
            return ["this article", "this post", "this column", "this piece", "this blog", "are those of", "are solely",
                    "the author", "do not necessarily"].contains(where: text.includes)
        }
        return text.includes("for informational purposes only") || text.includes("does not constitute investment advice")
            || text.includes("is not investment advice") || text.includes("not intended as financial advice")
    }
    /// The longest Chinese subscription, follow or app prompt (in scalars).
    static let chinesePromptLimit = 60
    /// Words a Chinese copyright or reproduction notice holds one of.
    /// (And `分享`: a long share bar.)
    static let copyrightWords = KeywordSet(["版权", "版權", "权利", "權利", "转载", "轉載", "转发", "轉發", "复制", "複製", "授权", "授權", "使用",
                                            "禁止", "分享"])

    /// Whether the line has an ASCII letter or a `©` (then the English kinds are looked for).
    static func hasLatinLetterOrSign(_ line: String) -> Bool {
        line.utf8.contains { byte in (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A } || line.includes("©")
    }

    /// Words every long disclaimer `isDisclaimer` knows holds one of (in any case for the English ones).
    static let disclaimerWords = KeywordSet(["声明", "聲明", "代表", "构成", "構成", "侵权", "侵權", "传递", "傳遞", "参考", "參考", "风险", "風險",
                                             "免责", "免責", "删除", "刪除", "侵删", "侵刪", "isclaim", "ISCLAIM", "xpressed", "XPRESSED",
                                             "pinions", "PINIONS", "nformational", "NFORMATIONAL", "advice", "ADVICE"])
    static let disclaimerStarts = KeywordSet(["免责声明", "声明:", "声明：", "特别声明", "郑重声明", "风险提示:", "风险提示：", "重要声明",
                                              "法律声明", "版权及免责声明", "免责条款"])
    static let chineseDisclaimer = KeywordSet(["仅代表作者", "不代表本站", "不代表本网", "不代表本平台", "不代表本报", "不代表本刊",
                                               "不代表本号", "不代表本公众号", "不代表本媒体", "本文不构成", "不构成任何投资建议",
                                               "不构成投资建议", "如有侵权", "侵权请联系", "联系删除", "联系我们删除", "侵删",
                                               "目的在于传递更多信息", "仅供参考,不构成", "仅供参考,不作为"])

    /// Reported speech: a sentence that tells of a prompt or a notice, which stays.
    static func isReported(_ text: String, compact: String, han: Bool = true, latin: Bool = true) -> Bool {
        (latin && reportedWords.occurs(in: text)) || (han && chineseReported.occurs(in: compact))
    }
    static let reportedWords = KeywordSet([" said", " says", " told ", "according to", " reported", " announced", " asked"])
    static let chineseReported = KeywordSet(["表示", "说,", "说:", "称,", "指出", "认为", "透露", "介绍", "据悉", "据报道", "报道称"])

    // MARK: - Text

    /// Whether `text` starts with one of `starts` followed by a word boundary.
    static func startsWithWord(_ text: String, _ starts: [String]) -> Bool {
        starts.contains { start in
            guard text.begins(with: start) else { return false }
            guard let next = text.dropFirst(start.count).first else { return true }
            return !(next.isASCII && next.isLetter)
        }
    }

    /// Whether the ASCII word `word` stands in `text` between non-letters.
    static func hasWord(_ text: String, _ word: String) -> Bool {
        var rest = Substring(text)
        while let found = rest.byteRange(of: word) {
            let before = rest[..<found.lowerBound].last
            let after = rest[found.upperBound...].first
            if !(before.map { $0.isASCII && $0.isLetter } ?? false) && !(after.map { $0.isASCII && $0.isLetter } ?? false) {
                return true
            }
            rest = rest[found.upperBound...]
        }
        return false
    }

    /// A year from 1900 to 2099 written with four digits.
    static func hasYear(_ text: String) -> Bool {
        let digits = Array(text.utf8)
        var index = 0
        while index + 3 < digits.count {
            if (digits[index] == UInt8(ascii: "1") && digits[index + 1] == UInt8(ascii: "9"))
                || (digits[index] == UInt8(ascii: "2") && digits[index + 1] == UInt8(ascii: "0")),
               (48...57).contains(digits[index + 2]), (48...57).contains(digits[index + 3]),
               index == 0 || !(48...57).contains(digits[index - 1]),
               index + 4 == digits.count || !(48...57).contains(digits[index + 4]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Away from the edges, where only markers and share bars are looked for: the line's length in
    /// scalars, or more than `markerLimit` when it is longer or holds a full-width full stop,
    /// comma, question or exclamation mark (a Chinese sentence, however short): such lines are
    /// ruled out by one pass over at most `markerLimit + 1` scalars, without being folded.
    static func markerCandidateLength(_ line: String) -> Int {
        var line = line
        return line.withUTF8 { bytes in
            var count = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // 。 E3 80 82, ， EF BC 8C, ！ EF BC 81, ？ EF BC 9F
                if byte == 0xE3 || byte == 0xEF, index + 2 < bytes.count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if (byte == 0xE3 && second == 0x80 && third == 0x82)
                        || (byte == 0xEF && second == 0xBC && (third == 0x8C || third == 0x81 || third == 0x9F)) {
                        return markerLimit + 1
                    }
                }
                if byte & 0xC0 != 0x80 {
                    count += 1
                    if count > markerLimit { return count }
                }
                index += 1
            }
            return count
        }
    }

    /// The number of scalars of `line`, counted no further than `limit` (on its UTF-8 bytes: every
    /// byte that does not continue a sequence starts a scalar).
    static func boundedLength(_ line: String, limit: Int) -> Int {
        var count = 0
        for byte in line.utf8 where byte & 0xC0 != 0x80 {
            count += 1
            if count >= limit { break }
        }
        return count
    }

    /// The line as the kinds are matched: lower-case, full-width ASCII forms and the ideographic
    /// space half-width, the Traditional forms of the keywords' characters Simplified, runs of
    /// white space one space, and the decoration around it (bullets, brackets, dashes) trimmed.
    static func fold(_ line: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.utf8.count)
        var space = false
        for scalar in line.unicodeScalars {
            var value = scalar.isASCII ? scalar : BoilerplateRules.halfWidth(scalar)
            if isWhitespace(value) {
                space = !bytes.isEmpty
                continue
            }
            if (0x41...0x5A).contains(value.value) {
                value = Unicode.Scalar(value.value + 0x20)!
            } else if SimplifiedForms.range.contains(value.value) {
                // Traditional text read as the Simplified keywords are written (OpenCC's t2s).
                value = SimplifiedForms.simplified(value)
            }
            if space { bytes.append(0x20); space = false }
            if value.isASCII { bytes.append(UInt8(value.value)) } else { UTF8.encode(value) { bytes.append($0) } }
        }
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while let first = text.unicodeScalars.first, decoration(first) { text = text.dropFirst() }
        while let last = text.unicodeScalars.last, decoration(last) { text = text.dropLast() }
        return String(text)
    }

    /// White space: ASCII's, the no-break and the typographic spaces (the ideographic space is
    /// made a space by `halfWidth` before).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: true
        default: false
        }
    }

    /// Scalars that frame a boilerplate line without being part of it.
    static func decoration(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x2D, 0x2A, 0x23, 0x3E, 0x7C, 0x5F, 0x3D, 0x7E, 0x5B, 0x5D, 0x2E, 0x3A,   // space - * # > | _ = ~ [ ] . :
             0x2010...0x2015, 0x2022, 0x2026, 0x25A0...0x25FF, 0x2605, 0x2606, 0x203B,    // dashes, bullet, …, shapes, stars, ※
             0x3010, 0x3011, 0x3014, 0x3015, 0x300A, 0x300B, 0xB7, 0x2192, 0x27A4, 0x2764, 0x2665, 0xFE0F:
            return true
        default:
            return false
        }
    }
}

extension StringProtocol {
    /// Whether the text starts with `prefix`, compared on UTF-8 bytes (`hasPrefix` compares
    /// characters, with Unicode's canonical equivalence: far slower, and the folded lines are NFC).
    func begins(with prefix: some StringProtocol) -> Bool {
        utf8.starts(with: prefix.utf8)
    }
}
