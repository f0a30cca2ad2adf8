internal import Crypto

/// SHA-256 digests, as lowercase hexadecimal.
public enum Digest {
    /// The SHA-256 of some bytes.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: 64 lowercase hexadecimal characters.
    public static func sha256<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digest = SHA256.hash(data: Array(bytes))
        let hex: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
    }
}
