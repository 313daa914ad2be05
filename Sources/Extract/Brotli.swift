import CBrotli

/// Brotli decompression through libbrotli (HTTP bodies sent `Content-Encoding: br`), with a limit on
/// the output size.
enum Brotli {
    /// The decompressed bytes; nil for data that is not brotli, is cut short, or decompresses to
    /// more than `limit` bytes.
    static func decompress(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard let decoder = BrotliDecoderCreateInstance(nil, nil, nil) else { return nil }
        defer { BrotliDecoderDestroyInstance(decoder) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return input.withUnsafeBufferPointer { inputBuffer -> [UInt8]? in
            var availableIn = inputBuffer.count
            var nextIn = inputBuffer.baseAddress
            while true {
                var availableOut = chunk.count
                let result = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> BrotliDecoderResult in
                    var nextOut = chunkBuffer.baseAddress
                    return BrotliDecoderDecompressStream(decoder, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - availableOut)])
                if output.count > limit { return nil }
                switch result {
                case BROTLI_DECODER_RESULT_SUCCESS: return output
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                default: return nil   // an error, or input that ends too soon
                }
            }
        }
    }
}
