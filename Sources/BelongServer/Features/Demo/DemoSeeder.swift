import BelongCore
import Foundation
import Logging

/// Loads the demo district into a database. Safe to run again: records already there are left alone.
public struct DemoSeeder: Sendable {
    public struct Report: Sendable {
        public let before: RosterCounts
        public let after: RosterCounts
        public let studentsBySchool: [(school: String, students: Int)]
        /// One account per role; the password only when the account was created by this run.
        public let accounts: [DemoAccount]
        public let surveyWavesAdded: Int
        public let responsesAdded: Int
        /// Access codes that open the demo's open waves, with the class they were printed for.
        public let codes: [(label: String, code: String)]

        public var addedAnything: Bool { before != after }
    }

    public struct DemoAccount: Sendable {
        public let role: Role
        public let email: String
        public let place: String
        public let password: String?
    }

    let database: Database
    let today: CalendarDate
    let hasher: PasswordHasher
    let timeZone: String

    public init(database: Database, today: CalendarDate, hasher: PasswordHasher = PasswordHasher(), timeZone: String = "America/Toronto") {
        self.database = database
        self.today = today
        self.hasher = hasher
        self.timeZone = timeZone
    }

    public func run() async throws -> Report {
        let roster = RosterStore(database: database)
        let before = try await roster.counts()
        let district = DemoDistrict(schoolYear: DemoDistrict.schoolYear(containing: today), names: try NameBook.bundled())
        let snapshot = district.generate()
        try await roster.insertNew(snapshot)
        let after = try await roster.counts()
        let bySchool = try await roster.studentCounts(bySchoolIn: "demo-district")
        let accounts = try await makeAccounts(snapshot)
        let surveys = try await DemoSurveySeeder(database: database, snapshot: snapshot, today: today, timeZone: timeZone).run()
        // Maple Grove (the demo principal's school) first, then Riverbend (the counsellor's), then the rest.
        let order = ["demo-school-maple-grove", "demo-school-riverbend"]
        let schools = snapshot.organizations.filter { $0.kind == .school }.sorted { a, b in
            let (x, y) = (order.firstIndex(of: a.sourcedId ?? "") ?? order.count, order.firstIndex(of: b.sourcedId ?? "") ?? order.count)
            return x != y ? x < y : (a.sourcedId ?? "") < (b.sourcedId ?? "")
        }
        if let district = snapshot.organizations.first(where: { $0.kind == .district }) {
            try await DemoLibrarySeeder(database: database, district: district.id, schools: schools.map(\.id)).run()
        }
        try await DemoAssessmentSeeder(database: database, snapshot: snapshot, today: today, hasher: hasher, timeZone: timeZone).run()
        try await DemoPlanSeeder(database: database, snapshot: snapshot, today: today, timeZone: timeZone).run()
        return Report(before: before, after: after, studentsBySchool: bySchool, accounts: accounts, surveyWavesAdded: surveys.wavesAdded,
                      responsesAdded: surveys.responsesAdded, codes: surveys.codes)
    }

    /// One account for each role, tied to real demo staff where the role is a school job.
    private func makeAccounts(_ snapshot: RosterSnapshot) async throws -> [DemoAccount] {
        let organizations = Dictionary(uniqueKeysWithValues: snapshot.organizations.compactMap { org in org.sourcedId.map { ($0, org) } })
        func staff(_ job: StaffMember.JobRole, at schoolKey: String) -> StaffMember? {
            guard let school = organizations["demo-school-\(schoolKey)"] else { return nil }
            return snapshot.staff.first { $0.assignments.contains { $0.schoolId == school.id && $0.jobRole == job } }
        }
        let plans: [(Role, String, StaffMember?, String)] = [
            (.districtAdministrator, "demo-district", nil, "admin@\(DemoDistrict.emailDomain)"),
            (.analyst, "demo-district", nil, "analyst@\(DemoDistrict.emailDomain)"),
            (.schoolAdministrator, "demo-school-maple-grove", staff(.principal, at: "maple-grove"), ""),
            (.schoolTeam, "demo-school-riverbend", staff(.counsellor, at: "riverbend"), ""),
            (.staff, "demo-school-maple-grove", staff(.teacher, at: "maple-grove"), ""),
        ]
        let accounts = AccountStore(database: database)
        let administration = UserAdministration(database: database, hasher: hasher)
        var made: [DemoAccount] = []
        for (role, orgKey, member, fixedEmail) in plans {
            guard let organization = organizations[orgKey] else { continue }
            let email = member?.email ?? fixedEmail
            let displayName = member?.name.display ?? (role == .districtAdministrator ? "District administrator" : "District analyst")
            if try await accounts.credentials(email: email) != nil {
                made.append(DemoAccount(role: role, email: email, place: organization.name, password: nil))
                continue
            }
            let password = Tokens.oneTimePassword()
            try await administration.create(
                email: email, displayName: displayName, role: role, at: organization, staffId: member?.id, password: password,
                by: .commandLine
            )
            made.append(DemoAccount(role: role, email: email, place: organization.name, password: password))
        }
        return made
    }
}

extension DemoSeeder.Report {
    /// What `belong demo` prints.
    public var summary: String { summary(address: "http://localhost:8080") }

    /// What `belong demo` prints; `address` is where the server answers.
    public func summary(address: String) -> String {
        func grouped(_ value: Int) -> String {
            value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        }
        let added = RosterCounts(
            districts: after.districts - before.districts, schools: after.schools - before.schools,
            sessions: after.sessions - before.sessions, classes: after.classes - before.classes,
            students: after.students - before.students, staff: after.staff - before.staff,
            familyContacts: after.familyContacts - before.familyContacts, enrollments: after.enrollments - before.enrollments
        )
        var lines: [String] = []
        if addedAnything {
            lines.append("Demo district loaded: Cedar Valley School District.")
            lines.append("  added \(grouped(added.districts)) district, \(grouped(added.schools)) schools, \(grouped(added.sessions)) academic sessions, \(grouped(added.classes)) classes,")
            lines.append("        \(grouped(added.students)) students, \(grouped(added.staff)) staff, \(grouped(added.familyContacts)) family contacts, \(grouped(added.enrollments)) enrollments.")
        } else {
            lines.append("The demo district is already loaded; nothing was added.")
        }
        lines.append("  students by school:")
        for (school, students) in studentsBySchool {
            lines.append("    \(school): \(grouped(students))")
        }
        lines.append("  database now holds \(grouped(after.students)) students, \(grouped(after.staff)) staff and \(grouped(after.familyContacts)) family contacts.")
        lines.append("Demo accounts, one per role:")
        for account in accounts {
            let role = Self.personName(account.role).padding(toLength: 23, withPad: " ", startingAt: 0)
            let password = account.password.map { "password \($0)" } ?? "(already existed; `belong users reset-password --email \(account.email)` gives a new password)"
            lines.append("  \(role) \(account.email)  \(password)  — \(account.place)")
        }
        lines.append("Self-assessments: a fall round completed at Maple Grove and at Riverbend, each rated by three of the school's team, on each school's place at \(address)/dashboard")
        lines.append("Library: \(Library.builtInCount) resources Belong ships, \(DemoLibrarySeeder.resources.count) of the district's own, and what its schools said when they tried some: \(address)/library")
        if surveyWavesAdded > 0 {
            lines.append("Demo surveys: \(surveyWavesAdded) waves with \(grouped(responsesAdded)) responses: last year's fall and spring check-ins, a staff and a family survey (closed), and this month's check-ins (open).")
        }
        if codes.isEmpty {
            lines.append("No fresh survey codes were left to print: open a wave's page and print slips for a class.")
        } else {
            lines.append("Try the survey at \(address)/s with one of these codes (each works once):")
            for (label, code) in codes {
                lines.append("  code \(code)  — \(label)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What the README calls each demo person: the job they do, not the role key.
    static func personName(_ role: Role) -> String {
        switch role {
        case .districtAdministrator: "district administrator"
        case .analyst: "analyst"
        case .schoolAdministrator: "principal"
        case .schoolTeam: "counsellor"
        case .staff: "teacher"
        }
    }
}
