import Crypto
import Foundation

/// Access codes are kept only as HMAC-SHA256 under a key every app server shares: a copy of the
/// codes table cannot be turned back into codes by trying all 31⁹ of them without the key.
struct CodeHasher: Sendable {
    let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: Data(("access-codes:" + secret).utf8))
    }

    func hash(_ normalizedCode: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(normalizedCode.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
