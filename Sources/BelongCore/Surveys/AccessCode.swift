import Foundation

/// The code a student, staff member or family types to answer a survey. Nine characters from an
/// alphabet without 0/O, 1/I/L: 31⁹ ≈ 2^44.6 possibilities. (Eight such characters give only
/// 2^39.6, below the 40 bits of randomness a code must carry.) Shown in threes: `K7M-2QX-9PA`.
public enum AccessCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let length = 9

    /// Bits of randomness in one code.
    public static var entropyBits: Double { Double(length) * log2(Double(alphabet.count)) }

    /// A new code from a cryptographically secure generator (the system's, unless a test fixes one).
    public static func generate<R: RandomNumberGenerator>(using generator: inout R) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// What a person typed, made comparable: case and separators do not matter.
    public static func normalize(_ typed: String) -> String {
        typed.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." && $0 != "_" }
    }

    public enum Problem: Sendable, Equatable {
        case empty
        case wrongLength(Int)
        /// A character codes never use: 0, O, 1, I, L or a symbol.
        case impossibleCharacter(Character)
    }

    /// Why a typed code cannot be one, before the database is asked.
    public static func problem(with normalized: String) -> Problem? {
        if normalized.isEmpty { return .empty }
        if let bad = normalized.first(where: { !alphabet.contains($0) }) { return .impossibleCharacter(bad) }
        if normalized.count != length { return .wrongLength(normalized.count) }
        return nil
    }

    /// `K7M2QX9PA` → `K7M-2QX-9PA`, easier to read aloud and to copy.
    public static func display(_ code: String) -> String {
        stride(from: 0, to: code.count, by: 3).map { start in
            let from = code.index(code.startIndex, offsetBy: start)
            let to = code.index(from, offsetBy: min(3, code.count - start))
            return String(code[from..<to])
        }.joined(separator: "-")
    }
}
