import Foundation

/// A school's level, from the grades it serves, for filtering district results.
public enum SchoolLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case elementary
    case middle
    case high
    /// Serves grades across levels (K–8, K–12, 7–12 …).
    case combined

    public init(lowest: Grade?, highest: Grade?) {
        let low = lowest ?? .kindergarten, high = highest ?? .grade12
        if high <= .grade6 { self = .elementary }
        else if low >= .grade5 && high <= .grade9 { self = .middle }
        else if low >= .grade9 { self = .high }
        else { self = .combined }
    }

    public static func < (lhs: SchoolLevel, rhs: SchoolLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
