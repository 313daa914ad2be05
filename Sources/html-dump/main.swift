// html-dump SAMPLES OUT: the extractor's output over the sample pages, for `scripts/check-html`,
// without a database. Every page of the folders below (`FOLDERS` in scripts/check-html-score.py) is
// decoded as the extract stage decodes it, extracted, and written to `OUT/<path below SAMPLES>.json`
// as {title, body, published, publishedAt, author, siteName, url, isArticle, notArticleReason, lang,
// langWords}; a page
// whose bytes do not decode is written as not an article with `notArticleReason` "undecodable: …", as
// the extract stage would reject it. `OUT/_timing.json` says how long extraction alone took, in all
// and per folder. A development tool: not part of the product, and not run by the tests.
import Extract
import Foundation
import Transform

let folders = ["en-html-newspaper/html", "en-html-goose", "html-readability", "zh-portal-html", "zh-portal-html-gerapy",
               "html-cleaneval/cleaneval-dev/input", "html-cleaneval/CleanPortalEval/input"]

/// In html-readability only `*/source.html` is a page (`expected.html` there is the gold).
func isPage(_ name: String, in folder: String) -> Bool {
    name.hasSuffix(".html") && (folder != "html-readability" || name.hasSuffix("/source.html"))
}

func write(_ object: [String: Any], to file: URL) throws {
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: file)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: html-dump SAMPLES OUT\n".utf8))
    exit(64)
}
let samples = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])
let clock = ContinuousClock()
var elapsed = Duration.zero
var pages = 0, undecodable = 0, bytes = 0
var perFolder: [String: (pages: Int, bytes: Int, elapsed: Duration)] = [:]
do {
    for folder in folders {
        let base = samples.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
        for case let name as String in walker where isPage(name, in: folder) {
            let file = output.appendingPathComponent("\(folder)/\(name).json")
            let raw = [UInt8](try Data(contentsOf: base.appendingPathComponent(name)))
            let text: String
            switch TextDecoding.decode(raw, declared: DeclaredCharset.find(in: raw)) {
            case .success(let decoded): text = decoded.text
            case .failure(let failure):
                undecodable += 1
                try write(["isArticle": false, "body": "", "notArticleReason": "undecodable: \(failure)"], to: file)
                continue
            }
            let start = clock.now
            let page = HTMLText.extract(text)
            let took = clock.now - start
            elapsed += took
            pages += 1
            bytes += text.utf8.count
            perFolder[folder, default: (0, 0, .zero)].pages += 1
            perFolder[folder, default: (0, 0, .zero)].bytes += text.utf8.count
            perFolder[folder, default: (0, 0, .zero)].elapsed += took
            var record: [String: Any] = ["isArticle": page?.isArticle ?? false, "body": page?.paragraphs.joined(separator: "\n") ?? ""]
            record["title"] = page?.title
            record["published"] = page?.published
            record["publishedAt"] = page?.published.flatMap { Timestamps().parse($0)?.iso8601 }
            record["author"] = page?.author
            record["siteName"] = page?.siteName
            record["url"] = page?.canonicalURL
            record["notArticleReason"] = page?.notArticleReason
            if let body = page?.paragraphs.joined(separator: "\n"), !body.isEmpty {
                // The language as the transform gives it (CLD2), and as the common-word guesser
                // did, for scripts/check-lang.
                record["lang"] = LanguageDetection.detect(body).lang
                record["langWords"] = ScriptDetection.detect(body).lang
            }
            try write(record, to: file)
        }
    }
    #if DEBUG
    let configuration = "debug"
    #else
    let configuration = "release"
    #endif
    var timing: [String: Any] = ["pages": pages, "undecodable": undecodable, "bytes": bytes, "seconds": seconds(elapsed),
                                 "configuration": configuration,
                                 "pagesPerSecond": seconds(elapsed) > 0 ? Double(pages) / seconds(elapsed) : 0]
    timing["folders"] = perFolder.mapValues { ["pages": $0.pages, "bytes": $0.bytes, "seconds": seconds($0.elapsed)] }
    try write(timing, to: output.appendingPathComponent("_timing.json"))
} catch {
    FileHandle.standardError.write(Data("html-dump: \(error)\n".utf8))
    exit(1)
}
print("html-dump: \(pages) pages (\(undecodable) undecodable) in \(String(format: "%.2f", seconds(elapsed))) s of extraction")
