import BelongCore
import Foundation
@testable import BelongServer

/// A small district to test access against: two schools, a student at each, and one account per role.
struct Fixture: Sendable {
    static let password = "correct horse battery staple"

    let district: Organization
    let north: Organization
    let south: Organization
    let northStudent: Student
    let southStudent: Student
    /// Email of the account holding each role at `north` (or the district).
    let emails: [Role: String]

    static func make(on database: Database) async throws -> Fixture {
        let district = Organization(sourcedId: "d1", kind: .district, name: "Lakeside District")
        let north = Organization(sourcedId: "s-north", kind: .school, name: "North Elementary", districtId: district.id, lowestGrade: .kindergarten, highestGrade: .grade5)
        let south = Organization(sourcedId: "s-south", kind: .school, name: "South Secondary", districtId: district.id, lowestGrade: .grade9, highestGrade: .grade12)
        let northStudent = Student(sourcedId: "st-n1", schoolId: north.id, name: PersonName(given: "Amara", family: "Okafor"), grade: .grade4, identifier: "N-1001")
        let southStudent = Student(sourcedId: "st-s1", schoolId: south.id, name: PersonName(given: "Liang", family: "Zhou"), grade: .grade10, identifier: "S-2001")
        var roster = RosterSnapshot()
        roster.organizations = [district, north, south]
        roster.students = [northStudent, southStudent]
        try await RosterStore(database: database).insertNew(roster)

        let administration = UserAdministration(database: database, hasher: PasswordHasher(cost: 4))
        var emails: [Role: String] = [:]
        for role in Role.allCases {
            let email = "\(role.rawValue.lowercased())@lakeside.example"
            try await administration.create(
                email: email, displayName: role.rawValue, role: role, at: role.isDistrictWide ? district : north,
                password: password, by: .commandLine
            )
            emails[role] = email
        }
        return Fixture(district: district, north: north, south: south, northStudent: northStudent, southStudent: southStudent, emails: emails)
    }
}
