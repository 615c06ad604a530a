/// A QR code (ISO/IEC 18004) for a short text such as a survey address, so a phone's camera opens a
/// slip's survey without typing: byte mode, error correction level M (about 15% of the symbol may be
/// damaged), the smallest of versions 1–10 that holds the text, and the mask with the lowest penalty.
/// Written from the standard; checked against an independent decoder (zbar) by the browser tests.
public struct QRCode: Sendable, Equatable {
    /// Modules per side: 21 for version 1, four more per version.
    public let size: Int
    public let version: Int
    public let mask: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public enum Failure: Error, Equatable {
        /// Longer than version 10 at level M holds (213 bytes).
        case tooLong(Int)
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    public init(text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { Self.dataCodewords($0) * 8 >= 4 + Self.countBits($0) + bytes.count * 8 }) else {
            throw Failure.tooLong(bytes.count)
        }
        self.version = version
        size = version * 4 + 17
        var grid = Grid(size: size)
        grid.drawFunctionPatterns(version: version)
        let codewords = Self.interleaved(Self.dataCodewordsFor(bytes, version: version), version: version)
        grid.place(codewords)
        var best: (mask: Int, grid: Grid, penalty: Int)?
        for mask in 0..<8 {
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (mask, candidate, penalty) }
        }
        mask = best!.mask
        modules = best!.grid.dark
    }

    // MARK: Capacity (level M)

    /// Error-correction codewords per block and number of blocks at level M, versions 1–10.
    static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    static let blocks = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    /// Modules left for data and error correction once the function patterns are drawn, in codewords.
    static func rawCodewords(_ version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            modules -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { modules -= 36 }
        }
        return modules / 8
    }

    static func dataCodewords(_ version: Int) -> Int {
        rawCodewords(version) - eccPerBlock[version - 1] * blocks[version - 1]
    }

    // MARK: Codewords

    /// Mode indicator, count, the bytes, a terminator, then padding to the version's capacity.
    static func dataCodewordsFor(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, countBits(version))
        for byte in bytes { append(Int(byte), 8) }
        let capacity = dataCodewords(version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while codewords.count < dataCodewords(version) {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords, and interleaves them.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let count = blocks[version - 1], ecc = eccPerBlock[version - 1], raw = rawCodewords(version)
        let short = count - raw % count, shortLength = raw / count
        let divisor = ReedSolomon.divisor(degree: ecc)
        var blockList: [[UInt8]] = []
        var offset = 0
        for index in 0..<count {
            let length = shortLength - ecc + (index < short ? 0 : 1)
            var block = Array(data[offset..<offset + length])
            offset += length
            let check = ReedSolomon.remainder(block, divisor: divisor)
            if index < short { block.append(0) }
            blockList.append(block + check)
        }
        var result: [UInt8] = []
        for column in 0..<blockList[0].count {
            for (index, block) in blockList.enumerated() where column != shortLength - ecc || index >= short {
                result.append(block[column])
            }
        }
        return result
    }

    // MARK: The grid

    struct Grid: Sendable {
        let size: Int
        var dark: [Bool]
        var isFunction: [Bool]

        init(size: Int) {
            self.size = size
            dark = Array(repeating: false, count: size * size)
            isFunction = Array(repeating: false, count: size * size)
        }

        subscript(x: Int, y: Int) -> Bool {
            get { dark[y * size + x] }
            set { dark[y * size + x] = newValue }
        }

        mutating func setFunction(_ x: Int, _ y: Int, _ value: Bool) {
            dark[y * size + x] = value
            isFunction[y * size + x] = true
        }

        static func alignmentPositions(_ version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            let size = version * 4 + 17
            return [6] + (0..<(count - 1)).map { size - 7 - $0 * step }.reversed()
        }

        mutating func drawFunctionPatterns(version: Int) {
            for i in 0..<size {
                setFunction(6, i, i % 2 == 0)
                setFunction(i, 6, i % 2 == 0)
            }
            for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4...4 {
                    for dx in -4...4 {
                        let x = cx + dx, y = cy + dy
                        guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                        let distance = max(abs(dx), abs(dy))
                        setFunction(x, y, distance != 2 && distance != 4)
                    }
                }
            }
            let positions = Self.alignmentPositions(version)
            let last = positions.count - 1
            for (i, cx) in positions.enumerated() {
                for (j, cy) in positions.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
                    for dy in -2...2 { for dx in -2...2 { setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
                }
            }
            // Reserve the format areas now; their bits go in once the mask is chosen.
            drawFormatBits(mask: 0)
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3, b = i / 3
                    setFunction(a, b, bit)
                    setFunction(b, a, bit)
                }
            }
        }

        /// Level M (format bits 00) and the mask, with their BCH check, in both copies.
        mutating func drawFormatBits(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { setFunction(8, i, bit(i)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }
            for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
            setFunction(8, size - 8, true)
        }

        /// The codewords' bits in the standard's zigzag, two columns at a time, from the bottom right.
        mutating func place(_ codewords: [UInt8]) {
            var index = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !isFunction[y * size + x], index < codewords.count * 8 else { continue }
                        self[x, y] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        index += 1
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y * size + x] {
                    let flip = switch mask {
                    case 0: (x + y) % 2 == 0
                    case 1: y % 2 == 0
                    case 2: x % 3 == 0
                    case 3: (x + y) % 3 == 0
                    case 4: (x / 3 + y / 2) % 2 == 0
                    case 5: x * y % 2 + x * y % 3 == 0
                    case 6: (x * y % 2 + x * y % 3) % 2 == 0
                    default: ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if flip { self[x, y].toggle() }
                }
            }
        }

        /// The standard's four penalty rules: long runs, 2×2 blocks, finder-like patterns, imbalance.
        func penalty() -> Int {
            var total = 0
            let finderLike: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                        [false, false, false, false, true, false, true, true, true, false, true]]
            for horizontal in [true, false] {
                for line in 0..<size {
                    let cells = (0..<size).map { horizontal ? self[$0, line] : self[line, $0] }
                    var run = 1
                    for i in 1..<size {
                        if cells[i] == cells[i - 1] {
                            run += 1
                        } else {
                            if run >= 5 { total += 3 + run - 5 }
                            run = 1
                        }
                    }
                    if run >= 5 { total += 3 + run - 5 }
                    for start in 0...(size - 11) where finderLike.contains(where: { Array(cells[start..<start + 11]) == $0 }) { total += 40 }
                }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let colour = self[x, y]
                    if self[x + 1, y] == colour && self[x, y + 1] == colour && self[x + 1, y + 1] == colour { total += 3 }
                }
            }
            let darkCount = dark.filter { $0 }.count
            total += abs(darkCount * 20 - size * size * 10) / (size * size) * 10
            return total
        }
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var result = 0
        for i in stride(from: 7, through: 0, by: -1) {
            result = (result << 1) ^ ((result >> 7) * 0x11D)
            result ^= ((Int(b) >> i) & 1) * Int(a)
        }
        return UInt8(result & 0xFF)
    }

    /// The generator polynomial's coefficients (highest first, leading 1 left out).
    static func divisor(degree: Int) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
