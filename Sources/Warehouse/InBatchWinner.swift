import Records

/// Which copy a batch loads when it holds several articles with one key: the newest copy (by
/// `observedAtMicros`; a copy without a time is the oldest), then the lowest content hash, then
/// the root, the path and the record number.
///
/// The rule is decided here, once, in Swift, and only the winners are staged as articles, their
/// search vectors, paragraphs, mentions and figures; every copy is staged as a record of its
/// article for the lineage (`StagedRecord`). So the article row and its children come from the
/// same copy by construction, and the losing copies' text never leaves the client. (The
/// alternative, `DISTINCT ON` in the upsert, would have to stage every copy's children and
/// carry the chosen row to each child statement.)
///
/// Texts compare by their UTF-8 bytes, which is how the C and C.UTF-8 collations the warehouse
/// is created with (`scripts/pg-start`) order them, so the choice is the one `DISTINCT ON (key)
/// … ORDER BY observed_us DESC NULLS LAST, content_sha256, root, path, record_no` makes there.
/// (Swift's `<` on strings would compare canonically equivalent paths as equal.)
enum InBatchWinner {
    /// Whether `a` is loaded rather than `b`, two copies of one key.
    static func wins(_ a: ArticleRecord, over b: ArticleRecord) -> Bool {
        let ao = a.observedAtMicros ?? Int64.min, bo = b.observedAtMicros ?? Int64.min
        if ao != bo { return ao > bo }
        return precedes(a.contentSHA256, b.contentSHA256) ?? precedes(a.root, b.root) ?? precedes(a.path, b.path)
            ?? (a.recordNo < b.recordNo)
    }

    /// Whether `a`'s bytes sort before `b`'s; nil when they are the same bytes.
    static func precedes(_ a: String, _ b: String) -> Bool? {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return nil
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?) where x != y: return x < y
            default: continue
            }
        }
    }

    /// The winner of each key among `articles`, in the order the keys first appear. Keys are told
    /// apart by their bytes, as the warehouse tells them apart: two spellings of one text (`é` and
    /// `e` with a combining accent), which Swift's `String` takes for one, are two articles there.
    static func winners(of articles: [ArticleRecord]) -> [ArticleRecord] {
        var slot: [Bytes: Int] = [:]
        slot.reserveCapacity(articles.count)
        var chosen: [Int] = []
        for index in articles.indices {
            let key = Bytes(text: articles[index].articleKey)
            if let at = slot[key] {
                if wins(articles[index], over: articles[chosen[at]]) { chosen[at] = index }
            } else {
                slot[key] = chosen.count
                chosen.append(index)
            }
        }
        return chosen.map { articles[$0] }
    }

    /// A text compared and hashed by its UTF-8 bytes.
    struct Bytes: Hashable {
        var text: String

        static func == (a: Bytes, b: Bytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        func hash(into hasher: inout Hasher) {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }
}

extension ArticleRecord {
    /// The body's paragraphs: its lines, split at each `\n` (an empty body has none), as
    /// substrings of the body. `news.paragraphs` holds them, numbered from 1.
    var paragraphs: [Substring] {
        guard !body.isEmpty else { return [] }
        var lines: [Substring] = []
        let bytes = body.utf8
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            lines.append(Substring(body.unicodeScalars[start..<newline]))
            start = bytes.index(after: newline)
        }
        lines.append(Substring(body.unicodeScalars[start...]))
        return lines
    }
}
