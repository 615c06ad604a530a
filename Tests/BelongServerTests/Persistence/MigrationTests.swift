import Foundation
import SQLKit
import Testing
@testable import BelongServer

@Suite("Migrations")
struct MigrationTests {
    @Test("migrating creates every table and records each step")
    func migrate() async throws {
        try await TestDatabase.withEmpty { (database: Database) async throws in
            let migrator = Migrator(database: database, logger: TestDatabase.logger)
            let applied = try await migrator.migrate()
            #expect(applied == Migrator.knownNames)
            let tables = try await TestDatabase.tables(in: database)
            for table in ["organizations", "academic_sessions", "classes", "class_sessions", "grouping_attributes", "grouping_values",
                          "students", "student_attributes", "staff_members", "staff_assignments", "family_contacts", "family_links",
                          "enrollments", "user_accounts", "role_grants", "belong_migrations", "survey_waves", "survey_wave_schools", "access_codes", "response_drafts", "survey_responses", "instruments"] {
                #expect(tables.contains(table), "missing \(table) on \(TestDatabase.kind)")
            }
            #expect(try await migrator.status() == .init(applied: Migrator.knownNames, pending: []))
            #expect(try await migrator.migrate().isEmpty, "a second run has nothing to do")
        }
    }

    @Test("every migration reverts cleanly, one at a time, even with data in the tables")
    func revertEachStep() async throws {
        try await TestDatabase.withEmpty { (database: Database) async throws in
            let migrator = Migrator(database: database, logger: TestDatabase.logger)
            try await migrator.migrate()
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!).run()
            for name in Migrator.knownNames.reversed() {
                let reverted = try await migrator.revert(steps: 1)
                #expect(reverted == [name])
            }
            #expect(try await TestDatabase.tables(in: database) == ["belong_migrations"])
            #expect(try await migrator.status().applied.isEmpty)
            // …and the schema comes back.
            try await migrator.migrate()
            #expect(try await migrator.status().pending.isEmpty)
        }
    }

    @Test("a database migrated by a newer Belong is refused with a clear message")
    func unknownMigration() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            try await database.write { db in
                try await db.insert(into: "belong_migrations").columns("name", "applied_at")
                    .values(SQLBind("999_from_the_future"), SQLBind(Date())).run()
            }
            await #expect(throws: MigrationError.self) {
                try await Migrator(database: database, logger: TestDatabase.logger).migrate()
            }
        }
    }

    @Test("a failing migration leaves nothing half done")
    func failedMigrationRollsBack() async throws {
        struct Broken: Migration {
            let name = "900_broken"
            func prepare(on db: any SQLDatabase) async throws {
                try await db.create(table: "half_done").column("id", type: .int).run()
                try await db.raw("THIS IS NOT SQL").run()
            }
            func revert(on db: any SQLDatabase) async throws {}
        }
        try await TestDatabase.withEmpty { (database: Database) async throws in
            let migrator = Migrator(database: database, migrations: [Broken()], logger: TestDatabase.logger)
            await #expect(throws: (any Error).self) { try await migrator.migrate() }
            #expect(!(try await TestDatabase.tables(in: database).contains("half_done")))
            #expect(try await migrator.status().pending == ["900_broken"])
        }
    }
}
