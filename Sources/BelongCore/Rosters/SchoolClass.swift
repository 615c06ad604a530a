import Foundation

/// A class or section: a group of students and the staff who teach them, for one or more sessions.
public struct SchoolClass: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A homeroom or advisory: the group a student starts the day with.
        case homeroom
        case scheduled
    }

    public var id: UUID
    public var sourcedId: String?
    public var schoolId: UUID
    public var title: String
    public var classCode: String?
    public var kind: Kind
    public var courseTitle: String?
    public var grades: [Grade]
    public var sessionIds: [UUID]
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, schoolId: UUID, title: String, classCode: String? = nil,
        kind: Kind, courseTitle: String? = nil, grades: [Grade] = [], sessionIds: [UUID] = [], isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.schoolId = schoolId
        self.title = title
        self.classCode = classCode
        self.kind = kind
        self.courseTitle = courseTitle
        self.grades = grades
        self.sessionIds = sessionIds
        self.isActive = isActive
    }
}
