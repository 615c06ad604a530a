import Crypto
import Foundation

/// Random secrets and their one-way fingerprints: session cookies, API tokens, one-time passwords.
enum Tokens {
    /// `bytes` of system randomness (getrandom on Linux), base64url without padding.
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return base64URL(data)
    }

    /// The SHA-256 of a token, in hex: what the database keeps instead of the token.
    static func fingerprint(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A password a person can type from a printout: four groups of four, no look-alike characters.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet.randomElement(using: &generator)! }) }.joined(separator: "-")
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares without stopping at the first difference, so timing reveals nothing.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// Signs form tokens with a key every app server shares, so a form served by one server can be
/// posted to another.
struct FormTokenSigner: Sendable {
    let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The token a form must send back: bound to the session when there is one, else to the visitor's cookie.
    func token(for binding: String) -> String {
        Tokens.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(binding.utf8), using: key)))
    }

    func isValid(_ token: String, for binding: String) -> Bool {
        Tokens.constantTimeEqual(token, self.token(for: binding))
    }
}
