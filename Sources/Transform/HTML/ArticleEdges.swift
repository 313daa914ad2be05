import TextTools

/// The first and last lines of an extracted article, where pages print what is not article text:
/// the headline again, kicker, date, source and byline lines above it; the editor's line, original
/// title, share and follow prompts, disclaimers and "recommended" labels below it.
enum ArticleEdges {
    /// Lines that head an article with its metadata.
    static let headers = ["来源：", "来源:", "作者：", "作者:", "发布时间", "发表时间", "时间：", "记者", "编辑：", "字号",
                          "浏览次数", "阅读：", "点击：", "分享到", "原标题：", "原标题:", "本文原标题", "（原标题", "(原标题",
                          "文/", "【文/", "执笔/", "摄影：", "摄影/", "原创：", "撰文：", "出处："]
    /// Words that, with a date, make a line metadata.
    static let metadataWords = ["来源", "出处", "作者", "编辑", "发布", "时间", "记者", "阅读", "浏览", "字号", "评论"]
    /// Lines after which a Chinese article has ended.
    static let closers = ["责任编辑", "[责任编辑", "【责任编辑", "(责任编辑", "（责任编辑", "责编：", "责编:", "原标题：", "原标题:",
                          "返回搜狐", "本文来源：", "(责编", "（责编"]
    /// Words of the portal's own lines at the end of an article.
    static let trailers = ["责任编辑", "责编：", "编辑：", "编辑:", "(编辑", "（编辑", "返回搜狐", "查看更多", "本文来源：",
                           "文章来源：", "原标题：", "点击进入专题", "扫一扫", "分享到", "相关阅读", "相关新闻", "免责声明",
                           "本文来自", "更多原创资讯", "如有侵权", "点击菜单", "点【在看】", "点击关注", "请下载", "打印本页",
                           "关闭窗口", "我要吐槽", "请填写原因", "版权声明", "未经授权", "转载请注明", "欢迎转载", "为您推荐",
                           "Share this", "Advertisement", "ADVERTISEMENT", "Read more", "Sign up for", "Follow us"]
    /// Punctuation that ends a sentence (a line without it at an edge is a label, not text).
    static let sentenceEnds: Set<Character> = ["。", "，", "、", ",", "！", "？", "…", "”", "」", "）", ")", ".", "!", "?", "\"", "'", ";", "；"]

    /// A date, source, byline or similar line printed above an article.
    static func isMetadataLine(_ line: TextBlocks.Paragraph) -> Bool {
        guard line.chars <= 80 else { return false }
        let text = line.text
        if headers.contains(where: { text.hasPrefix($0) }) { return true }
        let dated = DateInText.first(in: text) != nil || DateInText.hasEnglishDate(text)
        if dated && (line.chars <= 40 || metadataWords.contains(where: text.includes)) { return true }
        if line.chars <= 60 && Bylines.english(text) != nil { return true }
        if line.chars <= 60 && isTimestamp(text) { return true }
        if line.chars <= 30 && !text.contains("。") && Bylines.chinese(text) != nil { return true }
        return ["|", "Published", "Updated", "Posted", "Last updated"].contains { text.hasPrefix($0) } && line.chars <= 60
    }

    /// A year and a clock time, in any language's words ("الأحد، 04 آب 2013، آخر تحديث 02:21",
    /// "Mis à jour le 4 août 2013 à 14:05"), and no full stop at the end: the page's dateline.
    static func isTimestamp(_ text: String) -> Bool {
        guard let last = text.last, last != ".", last != "。" else { return false }
        let words = text.split { !$0.isNumber && $0 != ":" }
        let year = words.contains { $0.count == 4 && $0.allSatisfy(\.isNumber) && ($0.hasPrefix("19") || $0.hasPrefix("20")) }
        let clock = words.contains { word in
            let parts = word.split(separator: ":", omittingEmptySubsequences: false)
            // h:mm or hh:mm[:ss]
            return (2...3).contains(parts.count) && (1...2).contains(parts[0].count)
                && parts.dropFirst().allSatisfy { $0.count == 2 } && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
        }
        return year && clock
    }

    /// A short line without sentence punctuation: a label ("推荐", "微信公众号", "Advertisement").
    static func isLabel(_ line: TextBlocks.Paragraph, limit: Int) -> Bool {
        guard let last = line.text.last else { return true }
        return line.chars <= limit && !sentenceEnds.contains(last)
    }

    /// Without the title repeated at the top, metadata lines around it, link-only lines, and the
    /// editor, share and follow lines at the end.
    static func trimmed(_ paragraphs: [TextBlocks.Paragraph], title: String?) -> [TextBlocks.Paragraph] {
        var lines = paragraphs.filter { !($0.linkDensity > 0.8 && $0.chars < 200) }
        // The headline repeated near the top: it and the kicker, date and byline lines above it go.
        if let title = title.map(TextMeasure.fold), !title.isEmpty,
           let headline = lines.prefix(6).firstIndex(where: { line in
               line.text == title || (line.isHeading && (title.includes(line.text) || line.text.includes(title)))
           }) {
            lines.removeSubrange(...headline)
        }
        while lines.count > 1, let first = lines.first,
              isMetadataLine(first) || (isLabel(first, limit: 12) && lines[1].chars > first.chars * 3) {
            lines.removeFirst()
        }
        // The editor's line (or the original title) closes a Chinese article: what follows is the portal's.
        if let closing = lines.indices.dropFirst(lines.count / 2).first(where: { index in
            lines[index].chars <= 60 && closers.contains { lines[index].text.hasPrefix($0) }
        }) {
            lines.removeSubrange(closing...)
        }
        while lines.count > 1, let last = lines.last,
              (last.chars <= 100 && trailers.contains(where: last.text.includes)) || isLabel(last, limit: 20) {
            lines.removeLast()
        }
        return lines
    }
}
