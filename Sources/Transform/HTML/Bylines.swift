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
