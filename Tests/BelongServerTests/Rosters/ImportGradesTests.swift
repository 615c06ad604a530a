import BelongCore
import Foundation
import SQLKit
import Testing
@testable import BelongServer

@Suite("Rosters that leave a student's grade empty")
struct ImportGradesTests {
    @Test("the classes give the grade when they agree; otherwise the student is kept as 'grade not given', named on the preview")
    func gradesFromClassesOrNotGiven() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let path = FixturePaths.oneRoster("lakeside-no-grades-1.2")
            let preview = try await ImportTests.run(database, .path(path), dryRun: true)
            #expect(preview.errors.isEmpty, "\(preview.errors)")
            let notGiven = preview.warnings.filter { $0.column == "grades" && $0.reason.hasPrefix("grade not given") }
            #expect(notGiven.map(\.line) == [7, 8], "Siobhán and Tuan: their class gives no grade either")
            #expect(notGiven.allSatisfy { $0.file == "users.csv" })

            let report = try await ImportTests.run(database, .path(path))
            #expect(report.applied)
            #expect(ImportTests.counts(report, .students).added == 4)
            let organizations = try await OrganizationStore(database: database).all()
            let birch = try #require(organizations.first { $0.sourcedId == "lk-birch" })
            let harbour = try #require(organizations.first { $0.sourcedId == "lk-harbour" })
            let people = PeopleStore(database: database)
            let birchStudents = try await people.search(school: birch.id, .init()).people
            #expect(birchStudents.map(\.grade) == [.grade4, .grade4], "Amara's grade comes from her grade-4 homeroom")
            let harbourStudents = try await people.search(school: harbour.id, .init()).people
            #expect(harbourStudents.count == 2)
            #expect(harbourStudents.allSatisfy { $0.grade == nil })
            #expect(try await people.search(school: harbour.id, .init(grade: .grade10)).people.isEmpty, "in no grade's list")

            // A second run of the same export changes nothing.
            let again = try await ImportTests.run(database, .path(path))
            #expect(ImportTests.counts(again, .students).updated == 0)

            // A wave for grades 9–12 reaches them, and counts them at the school only.
            let wave = SurveyWave(
                districtId: harbour.districtId, title: "Fall check-in", instrumentId: "belong-student", instrumentVersion: 1,
                respondents: .students(from: .grade9, to: .grade12), schoolIds: [harbour.id], opensAt: Date().addingTimeInterval(-86_400),
                closesAt: Date().addingTimeInterval(86_400), timeZone: "America/Toronto", mode: .anonymous, state: .open
            )
            try await SurveyStore(database: database).create(wave, by: nil)
            let participation = try #require(try await ParticipationStore(database: database).participation(wave, schools: [harbour.id]).first)
            #expect(participation.total.eligible == 2)
            #expect(participation.grades.isEmpty)
            let eligible = try await ParticipationStore(database: database).eligible(wave, schools: [harbour.id])
            #expect(eligible[harbour.id]?.total == 2)
            let english = try #require(try await people.classes(school: harbour.id).first)
            let codes = CodeStore(database: database, hasher: CodeHasher(secret: try await SecretStore(database: database).value(named: "access-code-key")))
            let slips = try await codes.issueForClass(wave: wave, classId: english.id)
            #expect(slips.count == 2)
            #expect(slips.allSatisfy { $0.grade == nil })
        }
    }

    @Test("a delta that sends a student without a grade and without enrollments keeps the grade Belong holds")
    func deltaKeepsHeldGrade() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await ImportTests.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("delta-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try """
            propertyName,value
            manifest.version,1.0
            oneroster.version,1.1
            file.users,delta
            """.write(to: folder.appendingPathComponent("manifest.csv"), atomically: true, encoding: .utf8)
            let users = try String(contentsOfFile: FixturePaths.oneRoster("lakeside-1.1") + "/users.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
            let header = users[0].trimmingCharacters(in: .whitespacesAndNewlines)
            let tuan = users.first { $0.hasPrefix("lk-s-4,") }!.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: ",,10,", with: ",,,").replacingOccurrences(of: "Tuan", with: "Tuấn")
            try "\(header)\n\(tuan)\n".write(to: folder.appendingPathComponent("users.csv"), atomically: true, encoding: .utf8)
            let report = try await ImportTests.run(database, .path(folder.path))
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(ImportTests.counts(report, .students).updated == 1)
            let harbour = try #require(try await OrganizationStore(database: database).all().first { $0.sourcedId == "lk-harbour" })
            let found = try await PeopleStore(database: database).search(school: harbour.id, .init(text: "Nguyen")).people
            #expect(found.first { $0.name.given == "Tuấn" }?.grade == .grade10)
        }
    }
}
