internal import Crypto
internal import HorizonModel

/// SHA-256 digests, as lowercase hexadecimal.
package enum Digest {
    /// The SHA-256 of some bytes.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: 64 lowercase hexadecimal characters.
    package static func sha256<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The SHA-256 of a file's bytes, hashed where they lie (every document checked is hashed).
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: 64 lowercase hexadecimal characters.
    package static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var i = 0
            for byte in digest {
                buffer[i] = digits.utf8Start[Int(byte >> 4)]
                buffer[i + 1] = digits.utf8Start[Int(byte & 0x0F)]
                i += 2
            }
            return i
        }
    }
}
