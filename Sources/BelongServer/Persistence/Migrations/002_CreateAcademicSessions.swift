import SQLKit

struct CreateAcademicSessions: Migration {
    let name = "002_create_academic_sessions"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "academic_sessions")
            .rosterRecordColumns(on: db)
            .column("title", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            // Calendar days as ISO text ("2026-09-01"): no time zone can shift them.
            .column("start_date", type: .text, .notNull)
            .column("end_date", type: .text, .notNull)
            .column("school_year", type: .int, .notNull)
            .uuidColumn("parent_id", on: db, references: "academic_sessions")
            .uuidColumn("organization_id", on: db, references: "organizations")
            .check(SQLRaw("start_date <= end_date"), named: "academic_sessions_dates_in_order")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "academic_sessions").run()
    }
}
