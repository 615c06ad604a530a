import Foundation
import Testing
@testable import BelongServer

@Suite("Access code hashing")
struct CodeHasherTests {
    /// Values from Python's `hmac.new(b"access-codes:" + secret, code, hashlib.sha256).hexdigest()`: other
    /// servers and tools (the submission benchmark issues codes this way) must agree on every hash.
    @Test("a code's hash is HMAC-SHA256 under the server's secret, in lowercase hex, the same on every use")
    func knownValues() {
        let hasher = CodeHasher(secret: String(repeating: "0123456789abcdef", count: 4))
        for _ in 0..<3 {
            #expect(hasher.hash("ABCD2345") == "82380609988caa4afc74dbf87a519746c0d541b150d830c215129fdbf99dcb39")
            #expect(hasher.hash("WXYZ6789") == "0a95290618b6f6531eaeaaa684e063437c2d7d349de2af1cd6d03022575e49e8")
        }
        #expect(CodeHasher(secret: "another").hash("ABCD2345") != hasher.hash("ABCD2345"))
    }

    @Test("hashing from many tasks at once gives each code its own hash")
    func concurrent() async {
        let hasher = CodeHasher(secret: "secret")
        let codes = (0..<200).map { String(format: "CODE%04d", $0) }
        let expected = codes.map(hasher.hash)
        let hashes = await withTaskGroup(of: (Int, String).self) { group in
            for (index, code) in codes.enumerated() { group.addTask { (index, hasher.hash(code)) } }
            var hashes = Array(repeating: "", count: codes.count)
            for await (index, hash) in group { hashes[index] = hash }
            return hashes
        }
        #expect(hashes == expected)
        #expect(Set(hashes).count == codes.count)
    }
}
