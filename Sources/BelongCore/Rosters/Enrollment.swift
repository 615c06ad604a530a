import Foundation

/// A student or a staff member in a class.
public struct Enrollment: Sendable, Hashable, Identifiable {
    public enum Member: Sendable, Hashable {
        case student(UUID)
        case staff(UUID)
    }

    public enum Role: String, Sendable, Codable, CaseIterable {
        case student
        case teacher
        case aide
        case administrator
    }

    public var id: UUID
    public var sourcedId: String?
    public var classId: UUID
    public var schoolId: UUID
    public var member: Member
    public var role: Role
    /// The class's lead teacher.
    public var isPrimary: Bool
    public var beginDate: CalendarDate?
    public var endDate: CalendarDate?
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, classId: UUID, schoolId: UUID, member: Member, role: Role,
        isPrimary: Bool = false, beginDate: CalendarDate? = nil, endDate: CalendarDate? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.classId = classId
        self.schoolId = schoolId
        self.member = member
        self.role = role
        self.isPrimary = isPrimary
        self.beginDate = beginDate
        self.endDate = endDate
        self.isActive = isActive
    }
}
