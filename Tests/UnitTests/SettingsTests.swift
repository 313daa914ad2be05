import Foundation
import Testing
import TestSupport
@testable import Pipeline

@Suite("configuration")
struct SettingsTests {
    @Test func theExampleConfigurationLoads() throws {
        var example = try String(contentsOfFile: "config/article-etl.example.json", encoding: .utf8)
        example = example.replacingOccurrences(of: "/opt/article-etl/", with: "")   // the checkout, here
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("c.json", example)
        let settings = try Settings.load(path: folder.path + "/c.json")
        #expect(settings.inputs == ["/var/lib/scraper/out"])
        #expect(settings.batchSize == 200)
        #expect(settings.maxFileSize == 16 << 20)
        #expect(settings.timeZone.identifier == "Asia/Shanghai")
        #expect(settings.paths.accepts("2026-11-28/000_a.html"))
        #expect(!settings.paths.accepts("2026-11-28/tmp/000_a.html"))
        #expect(settings.fields.body.first == "content")
        #expect(settings.sources.contains { $0.code == "netease-hao" })
        #expect(!settings.entities.entities.isEmpty)
        #expect(settings.sqlFolder == "sql")
    }

    @Test(arguments: [
        (#"{"batchSize": 0}"#, "batchSize"),
        (#"{"inputs": "/one/folder"}"#, "inputs"),
        (#"{"timeZone": "Mars/Olympus"}"#, "timeZone"),
        (#"{"colour": "blue"}"#, "colour"),
        ("not json", "JSON"),
    ])
    func mistakesNameTheKey(text: String, key: String) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("c.json", text)
        let error = #expect(throws: Settings.ConfigError.self) { try Settings.load(path: folder.path + "/c.json") }
        #expect(error?.description.contains(key) == true)
    }
}
