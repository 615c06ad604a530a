import Foundation

/// What opens a saved draft besides the code: whoever holds a list of staff or family codes holds the
/// codes, not the words. Eight characters of the code alphabet (2^39.6), shown in fours: `K7M2-QX9P`.
/// The respondent's browser keeps it; they need to type it only to finish on another device.
public enum ResumeWord {
    public static let length = 8

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in AccessCode.alphabet[Int.random(in: 0..<AccessCode.alphabet.count, using: &generator)] })
    }

    /// What a person typed, made comparable; nil when it cannot be a resume word.
    public static func normalize(_ typed: String) -> String? {
        let word = AccessCode.normalize(typed)
        guard word.count == length, word.allSatisfy(AccessCode.alphabet.contains) else { return nil }
        return word
    }

    public static func display(_ word: String) -> String {
        "\(word.prefix(4))-\(word.dropFirst(4))"
    }
}
