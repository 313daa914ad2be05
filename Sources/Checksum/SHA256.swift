import CCrypto

/// SHA-256 through OpenSSL's libcrypto, as lowercase hex (the form `encode(sha256(...),'hex')` prints).
public enum SHA256 {
    /// The hex SHA-256 of `bytes`.
    public static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digest = bytes.withContiguousStorageIfAvailable { hex(buffer: UnsafeRawBufferPointer($0)) }
        return digest ?? Array(bytes).withUnsafeBytes { hex(buffer: $0) }
    }

    /// The hex SHA-256 of the UTF-8 bytes of `text`.
    public static func hex(utf8 text: String) -> String {
        var text = text
        return text.withUTF8 { hex(buffer: UnsafeRawBufferPointer($0)) }
    }

    static func hex(buffer: UnsafeRawBufferPointer) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { outBuffer in
            EVP_Digest(buffer.baseAddress, buffer.count, outBuffer.baseAddress, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return hexString(out)
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// A SHA-256 over bytes that arrive in pieces (a file read as a stream).
    public final class Hasher {
        private let context: OpaquePointer

        public init() {
            context = EVP_MD_CTX_new()
            precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "EVP_DigestInit_ex(SHA-256) failed")
        }

        deinit {
            EVP_MD_CTX_free(context)
        }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
        }

        /// The hex digest of everything given so far; the hasher is spent.
        public func finish() -> String {
            var out = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            let ok = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            precondition(ok == 1 && length == 32, "EVP_DigestFinal_ex(SHA-256) failed")
            return hexString(out)
        }
    }
}
