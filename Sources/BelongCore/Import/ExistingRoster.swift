import Foundation

/// What Belong already holds, keyed by roster `sourcedId`: the import planner compares a bundle
/// against it to decide what to add, update or deactivate.
public struct ExistingRoster: Sendable {
    public var organizations: [String: Organization] = [:]
    public var sessions: [String: AcademicSession] = [:]
    public var classes: [String: SchoolClass] = [:]
    public var students: [String: Student] = [:]
    public var staff: [String: StaffMember] = [:]
    public var families: [String: FamilyContact] = [:]
    public var enrollments: [String: Enrollment] = [:]
    /// Each district's grouping attributes, by key.
    public var groupings: [UUID: [String: GroupingAttribute]] = [:]

    public init() {}

    public init(_ snapshot: RosterSnapshot) {
        for org in snapshot.organizations { if let id = org.sourcedId { organizations[id] = org } }
        for session in snapshot.sessions { if let id = session.sourcedId { sessions[id] = session } }
        for schoolClass in snapshot.classes { if let id = schoolClass.sourcedId { classes[id] = schoolClass } }
        for student in snapshot.students { if let id = student.sourcedId { students[id] = student } }
        for member in snapshot.staff { if let id = member.sourcedId { staff[id] = member } }
        for family in snapshot.families { if let id = family.sourcedId { families[id] = family } }
        for enrollment in snapshot.enrollments { if let id = enrollment.sourcedId { enrollments[id] = enrollment } }
        for attribute in snapshot.groupingAttributes { groupings[attribute.districtId, default: [:]][attribute.key] = attribute }
    }
}

/// What an import will write: records to insert or update (each carries its final state, including
/// whether it is active) and records to deactivate. Nothing is ever deleted.
public struct RosterChanges: Sendable {
    public enum Table: String, Sendable, CaseIterable, Codable {
        case organizations
        case sessions
        case classes
        case students
        case staff
        case families
        case enrollments
    }

    public var organizations: [Organization] = []
    public var sessions: [AcademicSession] = []
    public var classes: [SchoolClass] = []
    public var students: [Student] = []
    public var staff: [StaffMember] = []
    public var families: [FamilyContact] = []
    public var enrollments: [Enrollment] = []
    public var deactivations: [Table: [UUID]] = [:]
    public var newGroupings: [GroupingAttribute] = []
    /// The grouping attributes this import manages on the students it writes (others are kept).
    public var managedAttributeKeys: Set<String> = []

    public init() {}

    public var isEmpty: Bool {
        organizations.isEmpty && sessions.isEmpty && classes.isEmpty && students.isEmpty && staff.isEmpty && families.isEmpty
            && enrollments.isEmpty && deactivations.values.allSatisfy(\.isEmpty) && newGroupings.isEmpty
    }
}

/// How many records of one kind an import adds, changes, deactivates or leaves as they are.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    public var deactivated = 0
    public var unchanged = 0

    public init(added: Int = 0, updated: Int = 0, deactivated: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.deactivated = deactivated
        self.unchanged = unchanged
    }
}
