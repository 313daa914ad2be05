import Checksum
import TextTools

/// What an article's own lines credit, kept for the warehouse (`news.articles.editor`,
/// `original_title`, `credited_outlet`, `outlet_source_id`): the editor (`责任编辑：张三`), the
/// title the story first ran under (`原标题：…`) and the outlet it is credited to (`来源：新华社`).
///
/// They are found where the text is cleaned and the lines dropped: the boilerplate rules
/// (`config/boilerplate.json`, their `metadata` fields `editor`, `originalTitle`, `credit`) and, for
/// pages, the edge lines `ArticleEdges` trims (`HTMLText.credits`, read by `scan(_:)`).
public struct Credits: Equatable, Sendable {
    public var editor: String?
    public var originalTitle: String?
    /// The outlet as the text names it (`新华社`).
    public var outlet: String?

    public init(editor: String? = nil, originalTitle: String? = nil, outlet: String? = nil) {
        self.editor = editor
        self.originalTitle = originalTitle
        self.outlet = outlet
    }

    /// From the boilerplate rules' metadata (`TextRepair.Result.metadata`), each value first, then
    /// what `other` found (a page's edge lines).
    public init(metadata: [String: String], other: Credits? = nil) {
        editor = Self.clean(metadata["editor"]) ?? other?.editor
        originalTitle = Self.clean(metadata["originalTitle"]) ?? other?.originalTitle
        outlet = Self.clean(metadata["credit"]).flatMap(Self.outletName) ?? other?.outlet
    }

    static func clean(_ value: String?) -> String? {
        guard let value else { return nil }
        let text = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    // MARK: - Edge lines

    /// Lines looked at from each edge of a page's text.
    static let reach = 8

    /// The credits printed in the first and last lines of `lines` (a page's text before its edges
    /// are trimmed): `来源：新华社 2024-05-09`, `责任编辑：张三`, `原标题：…`. The first of each wins.
    public static func scan(_ lines: [String]) -> Credits {
        var credits = Credits()
        let edges = lines.count <= 2 * reach ? Array(lines.indices) : Array(lines.indices.prefix(reach) + lines.indices.suffix(reach))
        for index in edges {
            let line = lines[index]
            guard !line.hasAtLeast(121), line.includes("：") || line.includes(":") else { continue }
            if credits.outlet == nil, let value = value(after: outletMarkers, in: line, limit: 60) {
                credits.outlet = outletName(value)
            }
            if credits.editor == nil, let value = value(after: editorMarkers, in: line, limit: 60) {
                credits.editor = personName(value)
            }
            if credits.originalTitle == nil, let value = value(after: ["原标题"], in: line, limit: 120) {
                var title = Substring(value)
                while let last = title.last, ")）】]".contains(last) { title = title.dropLast() }
                credits.originalTitle = clean(String(title))
            }
        }
        return credits
    }

    static let outletMarkers = ["文章来源", "本文来源", "新闻来源", "信息来源", "稿件来源", "来源", "來源"]
    static let editorMarkers = ["责任编辑", "責任編輯", "责编", "責編"]

    /// The text after the first of `markers` that opens the line (after brackets) or follows a
    /// space or a bar, and a colon; nil if none. Only lines up to `limit` scalars are read.
    static func value(after markers: [String], in line: String, limit: Int) -> String? {
        guard !line.hasAtLeast(limit + 1) else { return nil }
        for marker in markers {
            guard let found = line.byteRange(of: marker) else { continue }
            let before = line[..<found.lowerBound]
            if let last = before.last, !" |｜丨(（【[\u{3000}".contains(last) { continue }
            var rest = line[found.upperBound...].drop { $0 == " " || $0 == "\u{3000}" }
            guard rest.first == "：" || rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\u{3000}" }
            return rest.isEmpty ? nil : String(rest)
        }
        return nil
    }

    /// The outlet's name: the credit up to what follows it on the line (a date, a byline, a bar).
    static func outletName(_ value: String) -> String? {
        var end = value.endIndex
        if let stop = value.firstIndex(where: { " |｜丨,，;；。()（）【】[]\u{3000}".contains($0) }) {
            end = stop
        }
        for word in ["作者", "记者", "编辑", "责编", "时间", "发布", "日期"] {
            if let found = value[..<end].byteRange(of: word) { end = min(end, found.lowerBound) }
        }
        let name = String(value[..<end])
        guard (2...30).contains(name.count), !notOutlets.contains(name), !name.hasPrefix("综合"), !name.hasPrefix("网络")
        else { return nil }
        return name
    }

    /// Credits that name no outlet: the web, the site itself, "compiled", "original", "unknown".
    static let notOutlets: Set<String> = ["网络", "互联网", "网上", "网友", "网友投稿", "投稿", "本站", "本网", "本报", "本台", "本刊",
                                          "原创", "转载", "未知", "不详", "自媒体", "新媒体", "公众号", "微信公众号", "网络整理",
                                          "整理", "编译", "资料图", "视觉中国"]

    /// An editor's name (or names): up to a bracket or the end, at most 20 characters.
    static func personName(_ value: String) -> String? {
        let end = value.firstIndex(where: { "|｜丨)）】],，;；。".contains($0) }) ?? value.endIndex
        let name = clean(String(value[..<end]))
        return name.flatMap { (1...20).contains($0.count) ? $0 : nil }
    }

    // MARK: - The outlet as a source

    /// The `news.sources.code` for an outlet no configured source names (`config/sources.json` is
    /// asked first, by name and alias): for a name written in ASCII, its words in lower case joined
    /// by `-` (`Associated Press` → `associated-press`); for any other name, `outlet-` and the first
    /// 12 hex digits of the SHA-256 of its UTF-8 (`新华社客户端` → `outlet-…`), stable across runs and
    /// machines, and within `^[a-z0-9][a-z0-9.-]*$`.
    public static func sourceCode(outlet name: String) -> String {
        if name.allSatisfy({ $0.isASCII }) {
            var code = ""
            for character in name.lowercased() {
                if character.isLetter || character.isNumber {
                    code.append(character)
                } else if !code.isEmpty && code.last != "-" {
                    code.append("-")
                }
            }
            while code.last == "-" { code.removeLast() }
            if !code.isEmpty { return code }
        }
        return "outlet-" + SHA256.hex(utf8: name).prefix(12)
    }
}
