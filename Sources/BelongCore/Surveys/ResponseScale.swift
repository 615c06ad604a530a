import Foundation

/// How a question is answered (DOMAIN.md §1): a five-point agreement scale, yes / not sure / no,
/// three faces for young children, open text, or picking adults from the school's staff.
public enum ResponseScale: String, Sendable, Codable, CaseIterable, Hashable {
    case agree5
    case yesno3
    case faces3
    case openText
    /// "Which adults at school would you go to?": up to three staff members; confidential waves only.
    case adultPick

    /// The values a choice can take; open text and adult picks have none.
    public var values: ClosedRange<Int>? {
        switch self {
        case .agree5: 1...5
        case .yesno3, .faces3: 1...3
        case .openText, .adultPick: nil
        }
    }

    /// Favourable (DOMAIN.md §2): Agree or Strongly agree; Yes; the happy face. "Not sure" is an answer, not favourable.
    public func isFavourable(_ value: Int) -> Bool {
        switch self {
        case .agree5: value >= 4
        case .yesno3, .faces3: value == 3
        case .openText, .adultPick: false
        }
    }

    /// Choices in the order they are shown: most favourable last for agreement, first for yes/no and faces.
    public var displayOrder: [Int] {
        switch self {
        case .agree5: [1, 2, 3, 4, 5]
        case .yesno3, .faces3: [3, 2, 1]
        case .openText, .adultPick: []
        }
    }

    /// The translation key of a choice's label.
    public func labelKey(_ value: Int) -> String {
        "response.\(rawValue).\(value)"
    }

    public var isChoice: Bool { values != nil }
}
