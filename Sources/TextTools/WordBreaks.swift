import CICU

/// Words by ICU's word break iterator (dictionary-based for Chinese and Japanese).
public enum WordBreaks {
    /// The words of `text` that hold a letter, number or ideograph, in order.
    public static func words(_ text: String) -> [Substring] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return [] }
        var capacity = bytes.count / 2 + 16
        while true {
            var starts = [Int32](repeating: 0, count: capacity)
            var ends = [Int32](repeating: 0, count: capacity)
            var count: Int32 = 0
            guard etl_icu_words(bytes, Int32(bytes.count), &starts, &ends, Int32(capacity), &count) == 0 else { return [] }
            if Int(count) > capacity { capacity = Int(count); continue }
            let utf8 = text.utf8
            return (0..<Int(count)).map { index in
                let start = utf8.index(utf8.startIndex, offsetBy: Int(starts[index]))
                let end = utf8.index(utf8.startIndex, offsetBy: Int(ends[index]))
                return text[start..<end]
            }
        }
    }
}
