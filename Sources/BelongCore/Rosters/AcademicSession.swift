import Foundation

/// A school year or a part of one (term, semester, grading period).
public struct AcademicSession: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case schoolYear
        case term
        case semester
        case gradingPeriod
    }

    public var id: UUID
    public var sourcedId: String?
    public var title: String
    public var kind: Kind
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    /// The calendar year in which the school year ends (2027 for 2026–27), as OneRoster counts it.
    public var schoolYear: Int
    public var parentId: UUID?
    public var organizationId: UUID?
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, title: String, kind: Kind, startDate: CalendarDate,
        endDate: CalendarDate, schoolYear: Int, parentId: UUID? = nil, organizationId: UUID? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.title = title
        self.kind = kind
        self.startDate = startDate
        self.endDate = endDate
        self.schoolYear = schoolYear
        self.parentId = parentId
        self.organizationId = organizationId
        self.isActive = isActive
    }

    public func contains(_ day: CalendarDate) -> Bool { startDate <= day && day <= endDate }
}
