import CZlib

/// gzip decompression through zlib, with a limit on the output size.
public enum Gzip {
    public enum Failure: Error, Equatable {
        case corrupt(String)
        case tooLarge(limit: Int)
    }

    /// Whether `bytes` start with the gzip magic number.
    public static func isCompressed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }

    /// What `decompress` reads: gzip (a file, or an HTTP body sent `gzip`), or the two forms HTTP's
    /// `deflate` is sent in, zlib (as the standard says) and raw deflate (as some servers send it).
    public enum Format: Sendable {
        case gzip, zlib, rawDeflate

        var windowBits: Int32 {
            switch self {
            case .gzip: 16 + MAX_WBITS
            case .zlib: MAX_WBITS
            case .rawDeflate: -MAX_WBITS
            }
        }
    }

    /// The decompressed bytes (all members of a multi-member file), or a failure.
    public static func decompress(_ input: [UInt8], format: Format = .gzip, limit: Int) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.corrupt("zlib could not start"))
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        return input.withUnsafeMutableBufferPointer { inputBuffer -> Result<[UInt8], Failure> in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return .failure(.tooLarge(limit: limit)) }
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow.
                    if stream.avail_in > 0 && inflateReset(&stream) == Z_OK { continue }
                    return .success(output)
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 { return .failure(.corrupt("the gzip data is truncated")) }
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { return .failure(.corrupt("the gzip data is truncated")) }
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    return .failure(.corrupt(message))
                }
            }
        }
    }

    /// What gzip data cut short inflates to, up to the cut (a body the crawler truncated); nil when
    /// nothing inflates.
    public static func inflatedPrefix(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard let inflater = try? Inflater() else { return nil }
        var output: [UInt8] = []
        try? input.withUnsafeBufferPointer { buffer in
            try inflater.inflate(buffer) { piece in
                output.append(contentsOf: piece.prefix(max(0, limit - output.count)))
            }
        }
        return output.isEmpty ? nil : output
    }

    /// Inflates gzip data that arrives in pieces (a file read as a stream), every member of a
    /// multi-member file, handing the output on in pieces of at most 64 KB.
    public final class Inflater {
        /// zlib keeps a pointer to its stream: the stream must not move.
        private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        private var chunk = [UInt8](repeating: 0, count: 1 << 16)
        /// The last member ended with the input given so far: more input starts a new member.
        private var memberEnded = false
        private var consumed: Int64 = 0
        private var produced: Int64 = 0
        /// Called at the end of each member with the offsets, in the compressed and the inflated
        /// data, where the next member would start (a WARC file's records are members of their own).
        public var onMemberEnd: ((_ compressed: Int64, _ inflated: Int64) -> Void)?

        public init() throws(Failure) {
            stream.initialize(to: z_stream())
            guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw .corrupt("zlib could not start")
            }
        }

        deinit {
            inflateEnd(stream)
            stream.deallocate()
        }

        /// Inflates `input`, calling `output` with each piece inflated.
        public func inflate(_ input: UnsafeBufferPointer<UInt8>, _ output: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
            guard let base = input.baseAddress, !input.isEmpty else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
            stream.pointee.avail_in = uInt(input.count)
            while stream.pointee.avail_in > 0 {
                if memberEnded {
                    guard inflateReset(stream) == Z_OK else { throw Failure.corrupt("zlib could not start the next member") }
                    memberEnded = false
                }
                let before = stream.pointee.avail_in
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    let status = zlibInflate(stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.pointee.avail_out))
                }
                consumed += Int64(before - stream.pointee.avail_in)
                self.produced += Int64(produced)
                if produced > 0 { try chunk.withUnsafeBufferPointer { try output(UnsafeBufferPointer(rebasing: $0[0..<produced])) } }
                switch status {
                case Z_STREAM_END:
                    memberEnded = true
                    onMemberEnd?(consumed, self.produced)
                case Z_OK, Z_BUF_ERROR:
                    if produced == 0 && stream.pointee.avail_in == before { throw Failure.corrupt("the gzip data cannot be inflated") }
                default:
                    throw Failure.corrupt(stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)")
                }
            }
        }

        /// At the end of the input: throws if the last member is cut short.
        public func finish() throws(Failure) {
            guard memberEnded else { throw .corrupt("the gzip data is truncated") }
        }
    }
}

/// zlib's `inflate`, under a name the `Inflater`'s method does not shadow.
private func zlibInflate(_ stream: UnsafeMutablePointer<z_stream>, _ flush: Int32) -> Int32 {
    inflate(stream, flush)
}
