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

extension ExistingRoster {
    /// The sourcedIds Belong holds outside the district an import is limited to: a bundle's row with one
    /// of them is refused, never matched.
    public struct Outside: Sendable {
        public var organizations: Set<String> = []
        public var sessions: Set<String> = []
        public var classes: Set<String> = []
        /// Students, staff and family contacts: one users file names them all.
        public var users: Set<String> = []
        public var enrollments: Set<String> = []

        public init() {}
        public var isEmpty: Bool { organizations.isEmpty && sessions.isEmpty && classes.isEmpty && users.isEmpty && enrollments.isEmpty }
    }

    /// What an import limited to `district` may see and change — the district, its schools and what
    /// hangs off them — and the sourcedIds of everything else. A record linked to a school outside (a
    /// staff member who also works in another district's school, a family contact of another district's
    /// student) is outside: changing it would change what the other district holds.
    public func within(district: UUID) -> (inside: ExistingRoster, outside: Outside) {
        var inside = ExistingRoster(), outside = Outside()
        var places: Set<UUID> = [district]
        for org in organizations.values where org.id == district || (org.kind == .school && org.districtId == district) { places.insert(org.id) }
        func split<T>(_ records: [String: T], _ keep: (T) -> Bool, into kept: inout [String: T], _ away: inout Set<String>) {
            for (id, record) in records { if keep(record) { kept[id] = record } else { away.insert(id) } }
        }
        split(organizations, { places.contains($0.id) }, into: &inside.organizations, &outside.organizations)
        split(classes, { places.contains($0.schoolId) }, into: &inside.classes, &outside.classes)
        // A session of no organisation is inside unless another district's class is held in it.
        let sharedSessions = Set(classes.values.filter { !places.contains($0.schoolId) }.flatMap(\.sessionIds))
        split(sessions, { $0.organizationId.map(places.contains) ?? !sharedSessions.contains($0.id) }, into: &inside.sessions, &outside.sessions)
        split(students, { places.contains($0.schoolId) }, into: &inside.students, &outside.users)
        split(staff, { $0.assignments.allSatisfy { places.contains($0.schoolId) } }, into: &inside.staff, &outside.users)
        let students = Set(inside.students.values.map(\.id))
        split(families, { $0.links.allSatisfy { students.contains($0.studentId) } }, into: &inside.families, &outside.users)
        split(enrollments, { places.contains($0.schoolId) }, into: &inside.enrollments, &outside.enrollments)
        inside.groupings = groupings.filter { $0.key == district }
        return (inside, outside)
    }
}
