import BelongCore
import Foundation
import SQLKit
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

    @Test("adds last year's fall and spring waves with realistic answers, staff and family waves, and open waves whose printed codes work")
    func surveys() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let seeder = DemoSeeder(database: database, today: .today())
            let report = try await seeder.run()
            #expect(report.surveyWavesAdded == 8)
            #expect(report.responsesAdded > 4_000)
            #expect(report.codes.count == 7)
            #expect(report.summary.contains("Try the survey at http://localhost:8080/s"))
            let taking = try await RespondTests.taking(database)
            for (_, code) in report.codes {
                guard case .success = try await taking.open(code: code, address: nil) else { Issue.record("\(code) opens"); continue }
            }

            let waves = try await SurveyStore(database: database).list()
            #expect(waves.filter { $0.state == .closed }.count == 6)
            #expect(waves.filter { $0.state == .open }.count == 2)
            let fall = try #require(waves.first { $0.title.hasPrefix("Fall check-in") && $0.instrumentId == "belong-student" })
            let spring = try #require(waves.first { $0.title.hasPrefix("Spring check-in") && $0.instrumentId == "belong-student" })
            #expect(fall.closesAt < spring.opensAt)
            let items = try BuiltInInstruments.load().first { $0.id == "belong-student" }!.items(confidential: false)
            let riverbend = try #require(try await OrganizationStore(database: database).all().first { $0.name == "Riverbend Middle School" })
            let thornhill = try #require(try await OrganizationStore(database: database).all().first { $0.name == "Thornhill Creek Community School" })
            func favourable(_ wave: SurveyWave, school: UUID, scale: String) async throws -> Double {
                let rows = try await database.read { db in
                    try await db.select().column("answers").from("survey_responses").where("wave_id", .equal, SQLBind(wave.id))
                        .where("school_id", .equal, SQLBind(school)).all().map { [UInt8](try $0.decode(column: "answers", as: Data.self)) }
                }
                var yes = 0, all = 0
                for packed in rows {
                    let answers = PackedAnswers.unpack(packed, items: items)
                    for item in items where item.scale == scale { if let value = answers[item.id] { all += 1; if value >= 4 { yes += 1 } } }
                }
                return Double(yes) / Double(max(all, 1))
            }
            #expect(try await favourable(spring, school: riverbend.id, scale: "heard") > favourable(fall, school: riverbend.id, scale: "heard") + 0.08)
            // The small school's grades fall under the minimum group of 10.
            let thornhillGrades = try await database.read { db in
                try await db.select().column("grade").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_responses")
                    .where("wave_id", .equal, SQLBind(fall.id)).where("school_id", .equal, SQLBind(thornhill.id)).groupBy("grade").all()
                    .map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(!thornhillGrades.isEmpty && thornhillGrades.allSatisfy { $0 < fall.minimumGroupSize })

            let again = try await seeder.run()
            #expect(again.surveyWavesAdded == 0)
            #expect(again.codes.count == 7)
            #expect(Set(again.codes.map(\.code)).isDisjoint(with: report.codes.map(\.code)), "each run prints codes nobody has")
            #expect(try await SurveyStore(database: database).list().count == 8)
        }
    }
}
