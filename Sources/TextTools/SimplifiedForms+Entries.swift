import COpenCCDictionary

/// The Traditional → Simplified entries the search form of a text can use, for a query converted
/// elsewhere (the warehouse's `news.search_form`, by longest match) to agree with the text the
/// index was made from (`SearchText.simplified`: t2s, or tw2s or hk2s for lines with Taiwan's or
/// Hong Kong's variant characters).
public enum SimplifiedEntries {
    /// The configurations whose first step's dictionaries are listed, each with the one whose
    /// conversion of a key alone gives the key's Simplified form.
    static let steps: [(listed: ChineseConverter.Configuration, converter: ChineseConverter.Configuration)] = [
        (.traditionalToSimplified, .traditionalToSimplified),
        (.taiwanToSimplified, .taiwanToSimplified),
        (.hongKongToSimplified, .hongKongToSimplified),
    ]

    /// What `entries()` reads, for a version label.
    public static var configurations: [String] { steps.map(\.listed.rawValue) }

    /// Every key of t2s's dictionaries (TSPhrases, TSCharacters) and of the variant step of tw2s
    /// and hk2s (their variant characters and phrases), each with what OpenCC writes for the key
    /// alone, sorted by key; single characters it leaves as they are are left out. A key of t2s that t2s
    /// changes keeps t2s's form. Nil when OpenCC cannot list or open a configuration.
    public static func entries() -> [(source: String, target: String)]? {
        var target: [String: String] = [:]
        for step in steps {
            var keys: [String] = []
            let count = withUnsafeMutablePointer(to: &keys) { pointer in
                etl_opencc_entries(step.listed.rawValue, { context, step, key, _ in
                    guard let context, let key, step == 0 else { return }
                    context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: key))
                }, pointer)
            }
            guard count >= 1, let converter = try? ChineseConverter(step.converter) else { return nil }
            keys = keys.filter { target[$0] == nil && !$0.contains("\n") }
            guard let forms = converter.convertEach(keys) else { return nil }
            // A phrase that stays as it is stays an entry: its characters must not be converted
            // alone (乾隆 is not 干隆).
            for (key, form) in zip(keys, forms)
            where key.unicodeScalars.count > 1 || !key.unicodeScalars.elementsEqual(form.unicodeScalars) {
                target[key] = String(form)
            }
        }
        return target.map { (source: $0.key, target: $0.value) }
            .sorted { $0.source.utf8.lexicographicallyPrecedes($1.source.utf8) }
    }
}
