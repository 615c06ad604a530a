import BelongCore
import Testing
@testable import BelongServer

@Suite("belong demo")
struct DemoSeederTests {
    @Test("loads the documented counts")
    func counts() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let report = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!).run()
            #expect(report.after.districts == 1)
            #expect(report.after.schools == 4)
            #expect(report.after.students == 2_000)
            #expect(report.after.staff == 150)
            #expect(report.after.sessions == 3)
            #expect(report.after.classes == 446)
            #expect(report.after.familyContacts == 2_499)
            #expect(report.after.enrollments == 13_241)
            #expect(report.studentsBySchool.count == 4)
            #expect(report.studentsBySchool.contains { $0.students < 60 })
            #expect(report.summary.contains("2,000 students"))
        }
    }

    @Test("is idempotent: a second run adds nothing")
    func idempotent() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let seeder = DemoSeeder(database: database, today: .init(iso: "2026-11-29")!)
            let first = try await seeder.run()
            let second = try await seeder.run()
            #expect(first.addedAnything)
            #expect(!second.addedAnything)
            #expect(second.after == first.after)
            #expect(second.summary.contains("already loaded"))
            let links = try await database.read { db in try await db.count("family_links") }
            let attributes = try await database.read { db in try await db.count("student_attributes") }
            let third = try await seeder.run()
            #expect(third.after == first.after)
            #expect(try await database.read { db in try await db.count("family_links") } == links)
            #expect(try await database.read { db in try await db.count("student_attributes") } == attributes)
        }
    }
}
