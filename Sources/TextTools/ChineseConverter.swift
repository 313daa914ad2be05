import COpenCC
import Foundation
import Glibc

/// OpenCC conversion between Chinese variants (phrase-aware: keeps 乾隆, converts 頭髮 → 头发).
/// Open once and reuse: opening loads dictionaries (milliseconds). Safe to share across threads:
/// each call takes a lock, since OpenCC's C API makes no thread-safety promise.
public final class ChineseConverter: @unchecked Sendable {
    /// Configurations shipped with OpenCC, found by name in /usr/share/opencc.
    public enum Configuration: String, Sendable {
        case traditionalToSimplified = "t2s.json"
        case taiwanToSimplified = "tw2s.json"
        case hongKongToSimplified = "hk2s.json"
        case simplifiedToTraditional = "s2t.json"
        /// Simplified to Taiwan's characters, to them with Taiwan's phrases (软件 → 軟體), to
        /// Hong Kong's characters (the search tests write queries in each).
        case simplifiedToTaiwan = "s2tw.json"
        case simplifiedToTaiwanPhrases = "s2twp.json"
        case simplifiedToHongKong = "s2hk.json"
        /// Taiwan's and Hong Kong's variant characters to OpenCC's standard Traditional: the
        /// dictionaries of the first step of `taiwanToSimplified` and `hongKongToSimplified`
        /// (which cut their segments with t2s's phrases instead).
        case taiwanToTraditional = "tw2t.json"
        case hongKongToTraditional = "hk2t.json"
    }

    public struct OpenError: Error, CustomStringConvertible {
        public var configuration: String
        public var description: String { "OpenCC cannot open \(configuration) (is libopencc installed?)" }
    }

    private let handle: opencc_t
    private var mutex = pthread_mutex_t()

    public init(_ configuration: Configuration) throws {
        let opened = opencc_open(configuration.rawValue)
        // opencc_open returns (opencc_t)-1 on failure, not NULL.
        guard let opened, Int(bitPattern: opened) != -1 else { throw OpenError(configuration: configuration.rawValue) }
        handle = opened
        pthread_mutex_init(&mutex, nil)
    }

    deinit {
        opencc_close(handle)
        pthread_mutex_destroy(&mutex)
    }

    /// `text` converted; unchanged if OpenCC fails.
    public func convert(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        var bytes = Array(text.utf8)
        guard let result = bytes.withUnsafeMutableBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                opencc_convert_utf8(handle, chars.baseAddress, chars.count)
            }
        }) else { return text }
        defer { opencc_convert_utf8_free(result) }
        return String(cString: result)
    }

    /// Each of `scalars` converted alone, all in one call (a line each); nil if OpenCC's output
    /// does not hold a line for each.
    public func convertEach(_ scalars: [Unicode.Scalar]) -> [Substring]? {
        convertEach(scalars.map { String($0) })
    }

    /// Each of `texts` (none holding a line break) converted alone, all in one call (a line each);
    /// nil if OpenCC's output does not hold a line for each.
    public func convertEach(_ texts: [String]) -> [Substring]? {
        var text = ""
        for line in texts { text += line; text += "\n" }
        let lines = convert(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= texts.count else { return nil }
        return Array(lines.prefix(texts.count))
    }

    /// A Traditional → Simplified converter for the calling thread.
    public static var toSimplified: ChineseConverter? { forThisThread(.traditionalToSimplified) }

    /// A converter for the calling thread, opened on its first use there and kept for the thread's
    /// life, so worker threads never wait on each other's lock.
    public static func forThisThread(_ configuration: Configuration) -> ChineseConverter? {
        let key = "article-etl.opencc." + configuration.rawValue
        let dictionary = Thread.current.threadDictionary
        if let converter = dictionary[key] as? ChineseConverter { return converter }
        guard let converter = try? ChineseConverter(configuration) else { return nil }
        dictionary[key] = converter
        return converter
    }
}
