import Extract
import Foundation
import Records
import Transform

/// The effective settings of a command: the configuration file, overridden by flags.
/// Database secrets never live here: the connection comes from `--database`, `DATABASE_URL`, or
/// libpq's own `PG*` variables and `.pgpass`.
public struct Settings: Sendable, Equatable {
    /// Input roots: the scraper's output folders.
    public var inputs: [String] = []
    /// Files per batch; each batch is one transaction.
    public var batchSize = 200
    /// Threads that extract and transform in parallel.
    public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Larger files are rejected with `too_large`.
    public var maxFileSize: Int64 = 16 << 20
    /// Where the numbered migration files are.
    public var sqlFolder = Settings.defaultSQLFolder()
    /// Which files under the input roots are read.
    public var paths = PathFilter()
    /// The zone of the scrapers' clocks: crawl times written without one. (A publication time
    /// without a zone is read in the site's zone: `SiteZones`.)
    public var timeZone = TimeZone(identifier: "Asia/Shanghai")!
    /// JSON field names of scraper records.
    public var fields = FieldMap.standard
    /// Organizations, people, places and products to find (`news.entities`); after changing it,
    /// `backfill --reprocess all` rebuilds the mentions of stored articles.
    public var entities: EntityList = .standard
    /// Publishing platforms and sites (`news.sources`).
    public var sources: [Source] = (try? Settings.loadSources(path: Settings.defaultConfigFile("sources.json"))) ?? []

    public init() {}

    public struct ConfigError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "configuration \(path): \(message)" }

        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }
    }

    /// Reads a JSON configuration file (see `config/article-etl.example.json`) as a `ConfigFile`.
    /// Unknown keys and values of the wrong type are errors that name the key and its line.
    public static func load(path: String) throws -> Settings {
        let data = try ConfigJSON.data(at: path) { ConfigError(path: path, message: $0) }
        let text = String(decoding: data, as: UTF8.self)
        func place(_ key: String) -> String { line(of: key, in: text).map { "line \($0): " } ?? "" }
        let file: ConfigFile
        do {
            file = try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch let problem as ConfigFile.Problem {
            throw ConfigError(path: path, message: place(problem.key) + problem.message)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw ConfigError(path: path, message: "the top level must be an object")
        } catch {
            throw ConfigError(path: path, message: "not valid JSON: \(ConfigFile.describe(error))")
        }
        var settings = Settings()
        if let inputs = file.inputs { settings.inputs = inputs }
        if let number = file.batchSize { settings.batchSize = number.value }
        if let number = file.workers { settings.workers = number.value }
        if let number = file.maxFileSizeMB { settings.maxFileSize = Int64(number.value) << 20 }
        if let folder = file.sqlFolder { settings.sqlFolder = folder }
        if let globs = file.include { settings.paths.include = globs }
        if let globs = file.exclude { settings.paths.exclude = globs }
        if let zone = file.timeZone { settings.timeZone = zone.zone }
        // The files a key names, in the order of the keys: the first that fails is the one named.
        func loading<T>(_ key: ConfigFile.CodingKeys, _ load: (String) throws -> T) throws -> T? {
            guard let file = file.files[key] else { return nil }
            do { return try load(file) } catch {
                throw ConfigError(path: path, message: "\(place(key.rawValue))key '\(key.rawValue)': \(error)")
            }
        }
        if let entities = try loading(.entitiesFile, EntityList.load) { settings.entities = entities }
        if let fields = try loading(.fieldsFile, FieldMap.load) { settings.fields = fields }
        if let sources = try loading(.sourcesFile, loadSources) { settings.sources = sources }
        return settings
    }

    /// The 1-based line where `"key"` first appears in the configuration text.
    static func line(of key: String, in text: String) -> Int? {
        var number = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("\"\(key)\"") { return number }
            number += 1
        }
        return nil
    }

    /// Environment overrides, applied after the file and before flags: `ARTICLE_ETL_INPUTS`
    /// (folders separated by `:`), `ARTICLE_ETL_BATCH_SIZE`, `ARTICLE_ETL_WORKERS`,
    /// `ARTICLE_ETL_TIME_ZONE`, `ARTICLE_ETL_MAX_FILE_SIZE_MB`.
    public mutating func applyEnvironment(_ environment: [String: String]) throws {
        func positive(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let number = Int(text), number > 0 else {
                throw ConfigError(path: "environment", message: "\(name) must be a positive integer, not '\(text)'")
            }
            return number
        }
        if let inputs = environment["ARTICLE_ETL_INPUTS"] {
            self.inputs = inputs.split(separator: ":").map(String.init)
        }
        if let number = try positive("ARTICLE_ETL_BATCH_SIZE") { batchSize = number }
        if let number = try positive("ARTICLE_ETL_WORKERS") { workers = number }
        if let number = try positive("ARTICLE_ETL_MAX_FILE_SIZE_MB") { maxFileSize = Int64(number) << 20 }
        if let name = environment["ARTICLE_ETL_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: name) else {
                throw ConfigError(path: "environment", message: "ARTICLE_ETL_TIME_ZONE: unknown time zone '\(name)'")
            }
            timeZone = zone
        }
    }

    /// `sql/` in the working directory if present, else the `sql/` of the source tree this binary
    /// was built from.
    static func defaultSQLFolder() -> String {
        ProjectFiles.path("sql")
    }

    /// `config/NAME` in the working directory if present, else in the source tree.
    static func defaultConfigFile(_ name: String) -> String {
        ProjectFiles.path("config/" + name)
    }

    /// Reads `{"sources": [{"code", "name", "homepage", "hosts", "aliases"}, …]}`.
    static func loadSources(path: String) throws -> [Source] {
        struct File: Decodable { var sources: [Source] }
        let data = try ConfigJSON.data(at: path) { ConfigError(path: path, message: $0) }
        do { return try JSONDecoder().decode(File.self, from: data).sources } catch {
            throw ConfigError(path: path, message: "not a sources file: \(error)")
        }
    }
}
