import Foundation

/// What in an open answer may identify someone, so the school team reads it before sharing it: a name
/// on the school's roster, an email address, a phone number. A screen, not a guarantee: a first name
/// alone, a nickname or a description ("the tall grade 8 boy") is not found.
public struct PersonalDetails: Sendable {
    public enum Finding: String, Sendable, Hashable, CaseIterable, Comparable {
        case name, email, phone

        public static func < (lhs: Finding, rhs: Finding) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Each full name as its folded words ("Zoë O'Neil" → ["zoe", "o'neil"]), keyed by the first word.
    private let fullNames: [String: [[String]]]
    /// Staff family names, found after a title: "Mr. Patel", "Mme Roy".
    private let staffFamilyNames: Set<[String]>

    public struct Person: Sendable {
        public let given: String
        public let family: String
        public let isStaff: Bool

        public init(given: String, family: String, isStaff: Bool) {
            self.given = given
            self.family = family
            self.isStaff = isStaff
        }
    }

    public init(roster: [Person]) {
        var full: [String: [[String]]] = [:]
        var staff = Set<[String]>()
        for person in roster {
            let given = Self.words(person.given), family = Self.words(person.family)
            guard !given.isEmpty, !family.isEmpty else { continue }
            let name = given + family
            full[name[0], default: []].append(name)
            if person.isStaff, family.joined().count >= 2 { staff.insert(family) }
        }
        fullNames = full
        staffFamilyNames = staff
    }

    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "m", "mme", "mlle", "madame", "monsieur", "mademoiselle"]

    public func findings(in text: String) -> Set<Finding> {
        var found = Set<Finding>()
        let range = NSRange(text.startIndex..., in: text)
        if Self.email.firstMatch(in: text, range: range) != nil { found.insert(.email) }
        if Self.phones.contains(where: { $0.firstMatch(in: text, range: range) != nil }) { found.insert(.phone) }
        let words = Self.words(text)
        for (index, word) in words.enumerated() {
            if let candidates = fullNames[word], candidates.contains(where: { words[index...].starts(with: $0) }) {
                found.insert(.name)
                break
            }
            if Self.titles.contains(word), staffFamilyNames.contains(where: { words[(index + 1)...].starts(with: $0) }) {
                found.insert(.name)
                break
            }
        }
        return found
    }

    /// Lower case, accents and apostrophe styles folded, split on anything that is not a letter, digit or apostrophe.
    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
            .split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            .filter { !$0.isEmpty }
    }

    static let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#)
    /// North American numbers (with or without the area code) and French ones (06 12 34 56 78).
    static let phones = [
        #"(?<!\d)(\+?1[\s.\-]?)?(\(\d{3}\)|\d{3})[\s.\-]?\d{3}[\s.\-]\d{4}(?!\d)"#,
        #"(?<!\d)\d{3}[\s.\-]\d{4}(?!\d)"#,
        #"(?<!\d)(\+33[\s.]?|0)[1-9]([\s.\-]?\d{2}){4}(?!\d)"#,
    ].map { try! NSRegularExpression(pattern: $0) }
}
