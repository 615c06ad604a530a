import Foundation

/// An adult who works in a school: teacher, support staff, counsellor, principal.
public struct StaffMember: Sendable, Hashable, Identifiable {
    public enum JobRole: String, Sendable, Codable, CaseIterable {
        case teacher
        case aide
        case counsellor
        case supportStaff
        case principal
        case vicePrincipal
        case administrator
    }

    /// Where a staff member works and in what job; a person may work at several schools.
    public struct Assignment: Sendable, Hashable {
        public var schoolId: UUID
        public var jobRole: JobRole

        public init(schoolId: UUID, jobRole: JobRole) {
            self.schoolId = schoolId
            self.jobRole = jobRole
        }
    }

    public var id: UUID
    public var sourcedId: String?
    public var name: PersonName
    public var email: String?
    public var identifier: String?
    public var assignments: [Assignment]
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, name: PersonName, email: String? = nil,
        identifier: String? = nil, assignments: [Assignment], isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.name = name
        self.email = email
        self.identifier = identifier
        self.assignments = assignments
        self.isActive = isActive
    }
}
