import Foundation

/// The rows of a OneRoster CSV bundle, read and checked field by field (references between files
/// are checked later, by `RosterImportPlanner`).
public struct OneRosterBundle: Sendable {
    public enum Version: String, Sendable, Codable {
        case v1_1 = "1.1"
        case v1_2 = "1.2"
    }

    /// How a file's rows are meant (manifest `file.users=bulk`): the whole truth, or changes only.
    public enum Mode: String, Sendable, Codable {
        case bulk
        case delta
    }

    /// A row's `status`: blank (bulk files), active, or to be deleted.
    public enum Status: Sendable, Equatable {
        case active
        case toBeDeleted
    }

    public struct Org: Sendable {
        public let line: Int
        /// The file the row came from, to place problems (a plain CSV template, or the OneRoster file).
        public var file: String
        public let sourcedId: String
        public let status: Status
        public let name: String
        public let type: String
        public let identifier: String?
        public let parentSourcedId: String?
    }

    public struct Session: Sendable {
        public let line: Int
        public let sourcedId: String
        public let status: Status
        public let title: String
        public let type: AcademicSession.Kind
        public let startDate: CalendarDate
        public let endDate: CalendarDate
        public let parentSourcedId: String?
        public let schoolYear: Int
    }

    public struct Course: Sendable {
        public let line: Int
        public let sourcedId: String
        public let status: Status
        public let title: String
    }

    public struct Class: Sendable {
        public let line: Int
        /// The file the row came from, to place problems (a plain CSV template, or the OneRoster file).
        public var file: String
        public let sourcedId: String
        public let status: Status
        public let title: String
        public let grades: [Grade]
        public let courseSourcedId: String?
        public let classCode: String?
        public let kind: SchoolClass.Kind
        public let schoolSourcedId: String
        public let termSourcedIds: [String]
    }

    /// A role a user holds at an organization (1.1: users.csv's role × orgSourcedIds; 1.2: roles.csv).
    public struct UserRole: Sendable, Equatable {
        public let line: Int
        public let file: String
        public let role: String
        public let orgSourcedId: String
    }

    public struct User: Sendable {
        public let line: Int
        /// The file the row came from, to place problems (a plain CSV template, or the OneRoster file).
        public var file: String
        public let sourcedId: String
        public let status: Status
        public var roles: [UserRole]
        public let givenName: String
        public let familyName: String
        public let preferredGivenName: String?
        public let identifier: String?
        public let email: String?
        public let phone: String?
        public let agentSourcedIds: [String]
        public let grades: [Grade]
        /// The grades cell as written, to quote it when it is missing or wrong.
        public let gradesText: String
        public let primaryOrgSourcedId: String?
    }

    public struct Enrollment: Sendable {
        public let line: Int
        /// The file the row came from, to place problems (a plain CSV template, or the OneRoster file).
        public var file: String
        public let sourcedId: String
        public let status: Status
        public let classSourcedId: String
        public let schoolSourcedId: String
        public let userSourcedId: String
        public let role: String
        public let isPrimary: Bool
        public let beginDate: CalendarDate?
        public let endDate: CalendarDate?
    }

    public struct Demographic: Sendable {
        public let line: Int
        public let userSourcedId: String
        public let sex: String?
    }

    public var version: Version = .v1_1
    public var modes: [String: Mode] = [:]
    public var orgs: [Org] = []
    public var sessions: [Session] = []
    public var courses: [Course] = []
    public var hasCourses = false
    public var classes: [Class] = []
    public var users: [User] = []
    public var enrollments: [Enrollment] = []
    public var demographics: [Demographic] = []
    /// Users whose users.csv row had errors, by sourcedId, so later files can say why a reference fails.
    public var rejectedUsers: [String: Int] = [:]
    public var problems: [ImportProblem] = []

    public init() {}

    public func mode(of file: String) -> Mode { modes[file] ?? .bulk }
}
