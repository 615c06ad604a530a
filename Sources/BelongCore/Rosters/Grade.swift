import Foundation

/// A school grade, pre-kindergarten to grade 12.
public enum Grade: Int, Sendable, Codable, CaseIterable, Comparable, Hashable {
    case preKindergarten = -1
    case kindergarten = 0
    case grade1 = 1, grade2, grade3, grade4, grade5, grade6, grade7, grade8, grade9, grade10, grade11, grade12

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The code OneRoster uses (CEDS grade levels): "PK", "KG", "01" … "12".
    public var oneRosterCode: String {
        switch self {
        case .preKindergarten: "PK"
        case .kindergarten: "KG"
        default: rawValue < 10 ? "0\(rawValue)" : "\(rawValue)"
        }
    }

    /// Reads OneRoster codes and the spellings plain CSV files use ("K", "3", "Grade 3").
    public init?(code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
        switch trimmed {
        case "PK", "PRE-K", "PREK": self = .preKindergarten
        case "KG", "K", "TK": self = .kindergarten
        default:
            let digits = trimmed.hasPrefix("GRADE") ? String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces) : trimmed
            guard let number = Int(digits), let grade = Grade(rawValue: number), number >= 1 else { return nil }
            self = grade
        }
    }

    /// The instrument form a grade answers: the read-aloud faces form up to grade 3.
    public var isEarlyYears: Bool { self <= .grade3 }

    public static func range(_ from: Grade, _ to: Grade) -> [Grade] {
        allCases.filter { $0 >= from && $0 <= to }
    }
}

