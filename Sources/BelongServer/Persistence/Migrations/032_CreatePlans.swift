import SQLKit

/// A school's action plan (issue #18, DOMAIN.md §7): goals tied to a survey measure with a baseline wave and a
/// target, actions with an owner, dates and a status, and each change of status kept as history. Days are kept as
/// ISO text ("2026-12-03"), as the school's calendar reads them.
struct CreatePlans: Migration {
    let name = "032_create_plans"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "plan_goals")
            .uuidColumn("id", on: db, required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("strategy", type: .text, .notNull)
            .column("audience", type: .text, .notNull)
            .column("measure", type: .text, .notNull)
            .uuidColumn("baseline_wave_id", on: db)
            .column("target_percent", type: .bigint, .notNull)
            .column("by_when", type: .text, .notNull)
            .uuidColumn("created_by", on: db, references: "user_accounts")
            .column("created_at", type: db.timestampType, .notNull)
            .primaryKey("id")
            .run()
        try await db.create(index: "plan_goals_school").on("plan_goals").column("school_id").run()
        try await db.create(table: "plan_actions")
            .uuidColumn("id", on: db, required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .uuidColumn("goal_id", on: db)
            .column("what", type: .text, .notNull)
            .column("strategy", type: .text, .notNull)
            .uuidColumn("owner_id", on: db, references: "user_accounts")
            .column("starts_on", type: .text)
            .column("due_on", type: .text)
            .column("status", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .column("resources", type: .text, .notNull)
            .column("notes", type: .text, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .primaryKey("id")
            .run()
        try await db.create(index: "plan_actions_school").on("plan_actions").column("school_id").run()
        try await db.create(index: "plan_actions_owner").on("plan_actions").column("owner_id").run()
        try await db.create(table: "plan_action_history")
            .uuidColumn("action_id", on: db, references: "plan_actions", required: true)
            .column("position", type: .bigint, .notNull)
            .column("status", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .uuidColumn("changed_by", on: db, references: "user_accounts")
            .column("changed_at", type: db.timestampType, .notNull)
            .primaryKey("action_id", "position")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "plan_action_history").run()
        try await db.drop(table: "plan_actions").run()
        try await db.drop(table: "plan_goals").run()
    }
}
