/// A whole roster in memory, as a generator or an importer produces it before it is stored.
public struct RosterSnapshot: Sendable {
    public var organizations: [Organization] = []
    public var sessions: [AcademicSession] = []
    public var classes: [SchoolClass] = []
    public var students: [Student] = []
    public var staff: [StaffMember] = []
    public var families: [FamilyContact] = []
    public var enrollments: [Enrollment] = []
    public var groupingAttributes: [GroupingAttribute] = []

    public init() {}

    public var counts: RosterCounts {
        RosterCounts(
            districts: organizations.count { $0.kind == .district },
            schools: organizations.count { $0.kind == .school },
            sessions: sessions.count,
            classes: classes.count,
            students: students.count,
            staff: staff.count,
            familyContacts: families.count,
            enrollments: enrollments.count
        )
    }
}

/// How many of each roster record there are, for reports and the demo summary.
public struct RosterCounts: Sendable, Hashable, Codable {
    public var districts: Int
    public var schools: Int
    public var sessions: Int
    public var classes: Int
    public var students: Int
    public var staff: Int
    public var familyContacts: Int
    public var enrollments: Int

    public init(districts: Int, schools: Int, sessions: Int, classes: Int, students: Int, staff: Int, familyContacts: Int, enrollments: Int) {
        self.districts = districts
        self.schools = schools
        self.sessions = sessions
        self.classes = classes
        self.students = students
        self.staff = staff
        self.familyContacts = familyContacts
        self.enrollments = enrollments
    }
}
