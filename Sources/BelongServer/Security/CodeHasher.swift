import Crypto
import Foundation

/// Access codes are kept only as HMAC-SHA256 under a key every app server shares: a copy of the
/// codes table cannot be turned back into codes by trying all 31⁹ of them without the key.
struct CodeHasher: Sendable {
    /// HMAC with the key already absorbed: every submission hashes its code, and keying it (three SHA-256
    /// blocks for a key longer than a block) cost more than hashing the code. Each use updates a copy.
    private let keyed: HMAC<SHA256>

    init(secret: String) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Data(("access-codes:" + secret).utf8)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    func hash(_ normalizedCode: String) -> String {
        // Every submission hashes its code: hex by hand, as String(format:) costs more than the HMAC.
        var hmac = keyed
        hmac.update(data: Array(normalizedCode.utf8))
        let mac = hmac.finalize()
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for byte in mac {
                buffer[index] = Self.hexDigits[Int(byte >> 4)]
                buffer[index + 1] = Self.hexDigits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }
}
