import BelongCore
import Foundation
import Logging

/// Loads the demo district into a database. Safe to run again: records already there are left alone.
public struct DemoSeeder: Sendable {
    public struct Report: Sendable {
        public let before: RosterCounts
        public let after: RosterCounts
        public let studentsBySchool: [(school: String, students: Int)]

        public var addedAnything: Bool { before != after }
    }

    let database: Database
    let today: CalendarDate

    public init(database: Database, today: CalendarDate) {
        self.database = database
        self.today = today
    }

    public func run() async throws -> Report {
        let roster = RosterStore(database: database)
        let before = try await roster.counts()
        let district = DemoDistrict(schoolYear: DemoDistrict.schoolYear(containing: today), names: try NameBook.bundled())
        try await roster.insertNew(district.generate())
        let after = try await roster.counts()
        let bySchool = try await roster.studentCounts(bySchoolIn: "demo-district")
        return Report(before: before, after: after, studentsBySchool: bySchool)
    }
}

extension DemoSeeder.Report {
    /// What `belong demo` prints.
    public var summary: String {
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
        return lines.joined(separator: "\n")
    }
}
