import BelongCore
import Crypto
import Foundation

/// A draft is kept sealed (AES-GCM) under a key made from the respondent's resume word, the code's hash
/// and a server secret: without the word, neither the API, the pages nor a copy of the table read it.
struct DraftSeal: Sendable {
    private let keyed: HMAC<SHA256>

    init(secret: String) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Data(("drafts:" + secret).utf8)))
    }

    struct Contents: Codable, Sendable {
        let language: String
        let answers: Answers
    }

    private func key(codeHash: String, word: String) -> SymmetricKey {
        var hmac = keyed
        hmac.update(data: Data("\(codeHash)|\(word)".utf8))
        return SymmetricKey(data: Data(hmac.finalize()))
    }

    func seal(_ contents: Contents, codeHash: String, word: String) throws -> String {
        let plain = try JSONEncoder().encode(contents)
        let box = try AES.GCM.seal(plain, using: key(codeHash: codeHash, word: word), authenticating: Data(codeHash.utf8))
        return box.combined!.base64EncodedString()
    }

    /// nil when `word` is not the draft's (or the text is not a sealed draft).
    func open(_ sealed: String, codeHash: String, word: String) -> Contents? {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key(codeHash: codeHash, word: word), authenticating: Data(codeHash.utf8)) else {
            return nil
        }
        return try? JSONDecoder().decode(Contents.self, from: plain)
    }
}
