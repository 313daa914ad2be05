import CICU

/// Unicode normalization through ICU (behind the CICU shim). Text that is already in the form
/// (most text) is recognized by ICU's quick check and returned as it is, without a copy.
public enum Normalization {
    public enum Form: Sendable {
        /// NFC: canonical composition (`e` + U+0301 becomes `é`).
        case canonical
        /// NFKC: compatibility composition as well (full-width `Ａ１` becomes `A1`, `ﬁ` becomes `fi`).
        case compatibility
    }

    /// `text` in normalization form `form`; `text` itself if ICU fails (it does not on valid UTF-8).
    public static func normalized(_ text: String, _ form: Form) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }   // ASCII is in every form
        let code = CChar(UInt8(ascii: form == .compatibility ? "K" : "C"))
        var source = text
        let result: String? = source.withUTF8 { input in
            var capacity = input.count + input.count / 2 + 16
            while true {
                var written: Int32 = 0
                var status: Int32 = 0
                let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    status = etl_icu_normalize(code, input.baseAddress, Int32(input.count),
                                               buffer.baseAddress, Int32(capacity), &written)
                    count = status == 0 ? Int(written) : 0
                }
                switch status {
                case 0: return String(decoding: output, as: UTF8.self)
                case -2: capacity = Int(written) + 16
                default: return nil   // 1: already normal; -1: left as it is
                }
            }
        }
        return result ?? text
    }
}
