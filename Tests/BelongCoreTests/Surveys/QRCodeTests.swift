import Testing
@testable import BelongCore

/// The slips' QR codes: the standard's own arithmetic, its capacities, and the fixed parts every reader
/// looks for. (Whether a real decoder reads them is checked in the browser tests, with zbar.)
@Suite("QR codes on code slips")
struct QRCodeTests {
    @Test("Reed–Solomon gives the standard's worked example: HELLO WORLD at 1-M")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10)) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("the smallest version that holds the text, up to version 10 at level M")
    func versions() throws {
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(text: "https://belong.cedarvalley.example/s/5SGHNSJP9").version == 4)
        #expect(try QRCode(text: String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.Failure.tooLong(214)) { try QRCode(text: String(repeating: "a", count: 214)) }
        #expect(QRCode.dataCodewords(1) == 16 && QRCode.dataCodewords(7) == 124 && QRCode.dataCodewords(10) == 216)
    }

    @Test("finder patterns in three corners, timing lines, and format bits that read back as level M with the chosen mask")
    func fixedParts() throws {
        let code = try QRCode(text: "http://localhost:8080/s/G397MUFA9")
        #expect(code.size == code.version * 4 + 17)
        for (cx, cy) in [(3, 3), (code.size - 4, 3), (3, code.size - 4)] {
            #expect(code.isDark(x: cx, y: cy) && !code.isDark(x: cx + 2, y: cy) && code.isDark(x: cx + 3, y: cy))
        }
        for i in 8..<(code.size - 8) { #expect(code.isDark(x: i, y: 6) == (i % 2 == 0) && code.isDark(x: 6, y: i) == (i % 2 == 0)) }
        // The first copy of the format bits, unmasked, must be a BCH codeword for (M, mask).
        var bits = 0
        for i in 0...5 { bits |= (code.isDark(x: 8, y: i) ? 1 : 0) << i }
        bits |= (code.isDark(x: 8, y: 7) ? 1 : 0) << 6
        bits |= (code.isDark(x: 8, y: 8) ? 1 : 0) << 7
        bits |= (code.isDark(x: 7, y: 8) ? 1 : 0) << 8
        for i in 9..<15 { bits |= (code.isDark(x: 14 - i, y: 8) ? 1 : 0) << i }
        let format = (bits ^ 0x5412) >> 10
        #expect(format == code.mask, "level M is 00, then the mask")
        #expect(code.isDark(x: 8, y: code.size - 8), "the dark module")
    }
}
