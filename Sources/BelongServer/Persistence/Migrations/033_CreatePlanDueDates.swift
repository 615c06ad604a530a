import SQLKit

/// When a school's team means to assess itself again and to ask again (issue #18): the days its home page shows
/// as due. One row per school, kept as ISO days.
struct CreatePlanDueDates: Migration {
    let name = "033_create_plan_due_dates"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "plan_due_dates")
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("next_assessment_on", type: .text)
            .column("next_wave_on", type: .text)
            .uuidColumn("set_by", on: db, references: "user_accounts")
            .column("set_at", type: db.timestampType, .notNull)
            .primaryKey("school_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "plan_due_dates").run()
    }
}
