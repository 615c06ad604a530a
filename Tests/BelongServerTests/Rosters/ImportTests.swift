import BelongCore
import Foundation
import SQLKit
import Testing
@testable import BelongServer

@Suite("Roster import")
struct ImportTests {
    static func importer(_ database: Database) -> RosterImporter { RosterImporter(database: database) }

    static func run(
        _ database: Database, _ source: RosterImporter.Source, format: RosterImporter.Format = .oneRoster,
        dryRun: Bool = false, validRowsOnly: Bool = false, home: UUID? = nil
    ) async throws -> ImportReport {
        try await importer(database).run(source, format: format, options: .init(dryRun: dryRun, validRowsOnly: validRowsOnly),
                                         homeDistrict: home, actor: .commandLine, label: "test")
    }

    static func counts(_ report: ImportReport, _ table: RosterChanges.Table) -> ImportCounts {
        report.counts[table.rawValue] ?? ImportCounts()
    }

    static func count(_ database: Database, _ table: String, active: Bool? = nil) async throws -> Int {
        try await database.read { db in
            try await db.count(table) { query in active.map { query.where("is_active", .equal, SQLBind($0)) } ?? query }
        }
    }

    @Test("a OneRoster 1.1 bundle with real-world quirks imports completely")
    func importsOneRoster11() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let report = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.applied)
            #expect(Self.counts(report, .organizations).added == 3)
            #expect(Self.counts(report, .students).added == 4)
            #expect(Self.counts(report, .staff).added == 3)
            #expect(Self.counts(report, .families).added == 2)
            #expect(Self.counts(report, .enrollments).added == 6)
            #expect(report.warnings.contains { $0.column == "password" }, "the SIS password column is named as not kept")

            let people = PeopleStore(database: database)
            let organizations = try await OrganizationStore(database: database).all()
            let harbour = try #require(organizations.first { $0.sourcedId == "lk-harbour" })
            let birch = try #require(organizations.first { $0.sourcedId == "lk-birch" })
            #expect(birch.name == "Birchwood Elementary, Lakeside", "a quoted comma stays in the value")
            #expect(birch.districtId == organizations.first { $0.sourcedId == "lk-district" }?.id)
            let found = try await people.search(school: harbour.id, .init(text: "o'brien")).people
            #expect(found.first?.name.given == "Siobhán \"Shiv\"", "doubled quotes read as one")
            #expect(found.first?.name.family == "O'Brien, Nic")
            let families = try await people.search(school: harbour.id, .init(kind: .families)).people
            #expect(families.contains { $0.name.given == "Mai\r\n(Grandmother)" || $0.name.given == "Mai\n(Grandmother)" }, "a line break inside quotes is kept")
            let staff = try await people.search(school: birch.id, .init(kind: .staff)).people
            #expect(staff.map(\.name.family).sorted() == ["Haddad", "MacDonald"], "a teacher at two schools appears at both")
        }
    }

    @Test("importing the same bundle twice changes nothing")
    func idempotent() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            let before = try await RosterStore(database: database).counts()
            let again = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            for table in RosterChanges.Table.allCases {
                let counts = Self.counts(again, table)
                #expect(counts.added == 0 && counts.updated == 0 && counts.deactivated == 0, "\(table): \(counts)")
            }
            #expect(try await RosterStore(database: database).counts() == before)
        }
    }

    @Test("the 1.2 form of the same roster updates only what differs: preferred names")
    func oneRoster12() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            let report = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.2")))
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.format == "OneRoster 1.2")
            #expect(Self.counts(report, .students).updated == 2)
            #expect(Self.counts(report, .staff).unchanged == 3, "roles.csv gives the same assignments as 1.1's orgSourcedIds")
            #expect(report.warnings.contains { $0.file == "userProfiles.csv" })
            let fresh = try await TestDatabase.withMigrated { (other: Database) async throws in
                try await Self.run(other, .path(FixturePaths.oneRoster("lakeside-1.2")))
            }
            #expect(fresh.errors.isEmpty)
            #expect(Self.counts(fresh, .students).added == 4)
        }
    }

    @Test("a delta changes a name, deactivates a student marked tobedeleted, adds a new one")
    func delta() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            let report = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-delta-1.1")))
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(Self.counts(report, .students) == ImportCounts(added: 1, updated: 1, deactivated: 1, unchanged: 0))
            #expect(try await Self.count(database, "students", active: true) == 4)
            #expect(try await Self.count(database, "students") == 5, "deactivated, never deleted")
            // What referred to the deactivated student is still there.
            let tuan = try await database.read { db in
                try await db.select().column("id").from("students").where("sourced_id", .equal, "lk-s-4").first()!.decode(column: "id", as: UUID.self)
            }
            #expect(try await database.read { db in try await db.count("enrollments") { $0.where("student_id", .equal, SQLBind(tuan)) } } == 1)
            #expect(try await database.read { db in try await db.count("family_links") { $0.where("student_id", .equal, SQLBind(tuan)) } } == 1)
        }
    }

    @Test("a bulk bundle deactivates people of its schools who are missing from it, and only those")
    func bulkAbsence() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!, hasher: PasswordHasher(cost: 4)).run()
            _ = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")))
            let demoStudents = try await database.read { db in try await db.count("students") { $0.where("sourced_id", .like, "demo-%").where("is_active", .equal, SQLBind(true)) } }
            // The same bundle without Liang Zhou.
            let folder = try Self.copy("lakeside-1.1") { name, text in
                name == "users.csv" ? text.split(separator: "\r\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("lk-s-2,") }.joined(separator: "\r\n") : text
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try await Self.run(database, .path(folder))
            #expect(report.errors.isEmpty, "Liang is still known to Belong, so his enrollment and demographics resolve")
            #expect(Self.counts(report, .students).deactivated == 1)
            #expect(report.coveredSchools == ["Birchwood Elementary, Lakeside", "Harbour Secondary"])
            #expect(try await Self.count(database, "students", active: false) == 1)
            let stillDemo = try await database.read { db in try await db.count("students") { $0.where("sourced_id", .like, "demo-%").where("is_active", .equal, SQLBind(true)) } }
            #expect(stillDemo == demoStudents, "the demo district's students are outside this bundle's schools")
        }
    }

    @Test("a bundle with any invalid row changes nothing, and reports file, line, column, value and reason")
    func allOrNothing() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let folder = try Self.copy("lakeside-1.1") { name, text in
                switch name {
                case "users.csv": text.replacingOccurrences(of: "lk-s-2,active,2026-08-20,TRUE,lk-birch,student", with: "lk-s-2,active,20/08/2026,TRUE,lk-birch,wizard")
                case "enrollments.csv": text + "lk-e-9,active,2026-08-20,lk-cl-nope,lk-birch,lk-s-1,student,false,,\r\nlk-e-1,active,2026-08-20,lk-cl-4a,lk-birch,lk-s-1,student,false,,\r\n"
                default: text
                }
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try await Self.run(database, .path(folder))
            #expect(!report.applied)
            #expect(try await Self.count(database, "students") == 0, "nothing was written")
            #expect(report.errors.contains { $0.file == "users.csv" && $0.line == 6 && $0.column == "dateLastModified" && $0.value == "20/08/2026" })
            #expect(report.errors.contains { $0.file == "users.csv" && $0.line == 6 && $0.column == "role" && $0.value == "wizard" && $0.reason.contains("not a OneRoster role") })
            #expect(report.errors.contains { $0.file == "enrollments.csv" && $0.line == 8 && $0.column == "classSourcedId" && $0.value == "lk-cl-nope" })
            #expect(report.errors.contains { $0.file == "enrollments.csv" && $0.line == 9 && $0.column == "sourcedId" && $0.reason.contains("already used on line 2") })
            #expect(report.errors.contains { $0.file == "enrollments.csv" && $0.line == 4 && $0.reason.contains("has errors") }, "Liang's enrollment depends on the refused row")

            let partial = try await Self.run(database, .path(folder), validRowsOnly: true)
            #expect(partial.applied)
            #expect(partial.skippedRows >= 4)
            #expect(try await Self.count(database, "students") == 3)
            #expect(try await Self.count(database, "enrollments") == 5, "the first lk-e-1 is kept; its duplicate and Liang's are not")
        }
    }

    @Test("a file that is not valid CSV is one clear error, and nothing is written")
    func malformedFile() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let folder = try Self.copy("lakeside-1.1") { name, text in
                name == "users.csv" ? text.replacingOccurrences(of: "lk-s-4,active", with: "lk-s-4,\"active") : text
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try await Self.run(database, .path(folder))
            #expect(!report.applied)
            #expect(report.errors.contains { $0.file == "users.csv" && $0.reason.contains("never closed") })
            #expect(try await Self.count(database, "organizations") == 0)
        }
    }

    @Test("a dry run reports and writes nothing")
    func dryRun() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let report = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")), dryRun: true)
            #expect(!report.applied && report.dryRun)
            #expect(Self.counts(report, .students).added == 4)
            #expect(try await Self.count(database, "students") == 0)
            #expect(try await Self.count(database, "organizations") == 0)
        }
    }

    @Test("Belong's CSV templates import schools, people, homerooms and families")
    func plainCSV() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            var files: [String: Data] = [:]
            for name in ["schools.csv", "students.csv", "staff.csv", "families.csv"] {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.plainCSV).appendingPathComponent(name))
            }
            let district = Organization(sourcedId: "d", kind: .district, name: "Lakeside")
            var roster = RosterSnapshot()
            roster.organizations = [district]
            try await RosterStore(database: database).insertNew(roster)
            let report = try await Self.run(database, .files(files), format: .belongCSV, home: district.id)
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(Self.counts(report, .students).added == 3)
            #expect(Self.counts(report, .staff).added == 2)
            #expect(Self.counts(report, .families).added == 2)
            #expect(Self.counts(report, .classes).added == 2, "Room 7 and Room 1")
            #expect(Self.counts(report, .enrollments).added == 4)
            let school = try #require(try await OrganizationStore(database: database).all().first { $0.name == "Harbourview Elementary" })
            #expect(school.districtId == district.id)
            let staff = try await PeopleStore(database: database).search(school: school.id, .init(kind: .staff)).people
            #expect(staff.contains { $0.roles == ["vicePrincipal"] })
            let again = try await Self.run(database, .files(files), format: .belongCSV, home: district.id)
            #expect(Self.counts(again, .students).unchanged == 3)
        }
    }

    @Test("template rows with mistakes are named precisely")
    func plainCSVMistakes() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let students = "student_number,given_name,family_name,grade,school\r\n1,Ana,Lopez,13,42-501\r\n2,Ben,Roy,3,Nowhere School\r\n1,Cy,Ma,4,42-501\r\n"
            let report = try await Self.run(database, .files(["students.csv": Data(students.utf8)]), format: .belongCSV)
            #expect(report.errors.contains { $0.file == "students.csv" && $0.line == 2 && $0.column == "grade" && $0.value == "13" })
            #expect(report.errors.contains { $0.file == "students.csv" && $0.line == 3 && $0.column == "school" && $0.value == "Nowhere School" })
            #expect(report.errors.contains { $0.file == "students.csv" && $0.line == 4 && $0.reason.contains("already used on line 2") })
        }
    }

    @Test("a bundle with thousands of problems gets a report that lists the first 500 of each kind and counts the rest")
    func cappedReport() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let long = String(repeating: "x", count: 5_000)
            let folder = try Self.copy("lakeside-1.1") { name, text in
                guard name == "users.csv" else { return text }
                return text + (0..<1_500).map { "bad-\($0),active,2026-08-20,TRUE,no-such-org-\(long),student,b\($0),,B,Bad,,,,,,,05,\n" }.joined()
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try await Self.run(database, .path(folder), dryRun: true)
            #expect(report.errors.count == ImportReport.keptProblems)
            #expect((report.errorsNotListed ?? 0) >= 1_000, "the rest are counted")
            #expect(report.errors.allSatisfy { ($0.value ?? "").count <= ImportReport.keptValueLength + 1 }, "a long value is cut short")
            #expect(report.summary.contains("more errors, not listed"))
            #expect(try JSONEncoder().encode(report).count < 400_000, "the stored report stays small")
        }
    }

    @Test("an upload previewed and never confirmed is let go by the hourly housekeeping after a day; a fresh one is kept")
    func stalePreviews() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let runs = ImportRunStore(database: database)
            let report = try await Self.run(database, .path(FixturePaths.oneRoster("lakeside-1.1")), dryRun: true)
            let stale = UUID(), fresh = UUID()
            for id in [stale, fresh] {
                try await runs.create(id: id, districtId: nil, userId: nil, actorLabel: "test", fileName: "bundle.zip", format: .oneRoster,
                                      report: report, upload: Data(repeating: 1, count: 1_000))
            }
            try await database.write { db in
                try await db.update("roster_imports").set("created_at", to: SQLBind(Date().addingTimeInterval(-2 * 86_400))).where("id", .equal, SQLBind(stale)).run()
            }
            try await SurveyHousekeeping(database: database).run()
            #expect(try await runs.upload(id: stale) == nil)
            #expect(try await runs.find(id: stale)?.status == .cancelled)
            #expect(try await runs.upload(id: fresh)?.count == 1_000)
        }
    }

    static func copy(_ fixture: String, editing edit: (String, String) -> String) throws -> String {
        let source = URL(fileURLWithPath: FixturePaths.oneRoster(fixture))
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("belong-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try edit(name, text).write(to: target.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return target.path
    }
}
