import Foundation

/// A group any result can show: the district, a school level, a school, a grade, a class, a value of
/// a grouping attribute, or a combination (a school's grade 7, the district's girls in grade 9…).
/// nil means "all". A school fixes its level; a class fixes its school and nothing else.
public struct GroupKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var level: SchoolLevel?
    public var school: UUID?
    public var grade: Grade?
    public var classId: UUID?
    public var attribute: String?
    public var value: String?

    public init(level: SchoolLevel? = nil, school: UUID? = nil, grade: Grade? = nil, classId: UUID? = nil, attribute: String? = nil, value: String? = nil) {
        self.level = level
        self.school = school
        self.grade = grade
        self.classId = classId
        self.attribute = attribute
        self.value = value
    }

    public static let all = GroupKey()

    public static func school(_ id: UUID, level: SchoolLevel) -> GroupKey { GroupKey(level: level, school: id) }

    /// The same group narrowed to a grade, or to a value of an attribute.
    public func grade(_ grade: Grade) -> GroupKey { var key = self; key.grade = grade; return key }
    public func attribute(_ attribute: String, _ value: String) -> GroupKey { var key = self; key.attribute = attribute; key.value = value; return key }

    public var description: String {
        [level.map { "level=\($0.rawValue)" }, school.map { "school=\($0.uuidString.prefix(8))" }, grade.map { "grade=\($0.rawValue)" },
         classId.map { "class=\($0.uuidString.prefix(8))" }, attribute.map { "\($0)=\(value ?? "")" }]
            .compactMap { $0 }.joined(separator: " ").nonEmpty ?? "all"
    }

    /// A stable order: level, school, grade, class, attribute, value, "all" first in each.
    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        let levels = (lhs.level.map { SchoolLevel.allCases.firstIndex(of: $0)! } ?? -1, rhs.level.map { SchoolLevel.allCases.firstIndex(of: $0)! } ?? -1)
        if levels.0 != levels.1 { return levels.0 < levels.1 }
        if lhs.school != rhs.school { return order(lhs.school, rhs.school) }
        if lhs.grade != rhs.grade { return (lhs.grade?.rawValue ?? -2) < (rhs.grade?.rawValue ?? -2) }
        if lhs.classId != rhs.classId { return order(lhs.classId, rhs.classId) }
        if lhs.attribute != rhs.attribute { return (lhs.attribute ?? "") < (rhs.attribute ?? "") }
        return (lhs.value ?? "") < (rhs.value ?? "")
    }

    static func order(_ left: UUID?, _ right: UUID?) -> Bool {
        guard let left else { return right != nil }
        guard let right else { return false }
        return left.orderKey < right.orderKey
    }

    /// Whether a response in `cell` (at a school of `level`) belongs to this group.
    public func contains(_ cell: ResultCell, level cellLevel: SchoolLevel) -> Bool {
        if let level, level != cellLevel { return false }
        if let school, school != cell.school { return false }
        if let grade, grade != cell.grade { return false }
        if let classId, classId != cell.classId { return false }
        if let attribute, cell.attributes[attribute] != value { return false }
        return true
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension UUID {
    /// The sixteen bytes as two big-endian numbers: comparing these compares the bytes in order.
    var orderKey: (UInt64, UInt64) {
        let bytes = uuid
        let high = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = [bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (high, low)
    }
}
