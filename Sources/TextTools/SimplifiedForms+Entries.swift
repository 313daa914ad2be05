import COpenCCDictionary
import Foundation

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

    /// The folders OpenCC reads its configurations from (its PKGDATADIR on Debian, or a local build).
    static let dataFolders = ["/usr/share/opencc", "/usr/local/share/opencc"]

    /// The names, sizes and modification times of the files of OpenCC's data folder (the first of
    /// `dataFolders` holding t2s.json): while it is the same, so are the entries, and they need not
    /// be read again. Nil when no folder is found.
    public static func dataStamp() -> String? {
        let files = FileManager.default
        guard let folder = dataFolders.first(where: { files.fileExists(atPath: $0 + "/t2s.json") }),
              let names = try? files.contentsOfDirectory(atPath: folder) else { return nil }
        var stamp = folder
        for name in names.sorted() {
            guard let attributes = try? files.attributesOfItem(atPath: folder + "/" + name) else { continue }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            stamp += " \(name):\(size):\(Int64(time))"
        }
        return stamp
    }

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

    /// The words Taiwan writes otherwise than the mainland (OpenCC's TWPhrases, the phrase step of
    /// s2twp: 人工智能 → 人工智慧, 软件 → 軟體), both in Simplified search form (the mainland's
    /// word through t2s, Taiwan's through tw2s, as the index converts them) and both ways, sorted
    /// by form; a form with two variants keeps the first listed. Nil when OpenCC cannot list them.
    public static func regionalVariants() -> [(form: String, variant: String)]? {
        var pairs: [(key: String, value: String)] = []
        let steps = withUnsafeMutablePointer(to: &pairs) { pointer in
            etl_opencc_entries(ChineseConverter.Configuration.simplifiedToTaiwanPhrases.rawValue, { context, step, key, value in
                guard let context, let key, let value, step == 1 else { return }
                context.assumingMemoryBound(to: [(key: String, value: String)].self)
                    .pointee.append((String(cString: key), String(cString: value)))
            }, pointer)
        }
        pairs = pairs.filter { !$0.key.contains("\n") && !$0.value.contains("\n") }
        guard steps >= 2, let mainland = try? ChineseConverter(.traditionalToSimplified),
              let taiwan = try? ChineseConverter(.taiwanToSimplified),
              let forms = mainland.convertEach(pairs.map(\.key)), let variants = taiwan.convertEach(pairs.map(\.value)) else {
            return nil
        }
        var variant: [String: String] = [:]   // (Chinese words: NFKC and lower case leave them)
        for (form, other) in zip(forms, variants) where !form.unicodeScalars.elementsEqual(other.unicodeScalars) {
            if variant[String(form)] == nil { variant[String(form)] = String(other) }
        }
        // Back the other way, in a fixed order (a word two forms map to takes the first by bytes).
        let forward = variant.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (form, other) in forward where variant[other] == nil { variant[other] = form }
        return variant.map { (form: $0.key, variant: $0.value) }
            .sorted { $0.form.utf8.lexicographicallyPrecedes($1.form.utf8) }
    }
}
