import SQLKit

/// The six-strategy self-assessment (issue #18, DOMAIN.md §6): a school's assessments, each member's own
/// rating of each indicator (with an optional note), and the consensus the facilitator records with its
/// evidence. A rating is kept as the rubric's form value ("0"–"3" or "na").
struct CreateSelfAssessments: Migration {
    let name = "031_create_self_assessments"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "self_assessments")
            .uuidColumn("id", on: db, required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("title", type: .text, .notNull)
            .uuidColumn("started_by", on: db, references: "user_accounts")
            .column("started_at", type: db.timestampType, .notNull)
            .column("completed_at", type: db.timestampType)
            .primaryKey("id")
            .run()
        try await db.create(index: "self_assessments_school").on("self_assessments").column("school_id").run()
        try await db.create(table: "assessment_ratings")
            .uuidColumn("assessment_id", on: db, references: "self_assessments", required: true)
            .uuidColumn("account_id", on: db, references: "user_accounts", required: true)
            .column("indicator_id", type: .text, .notNull)
            .column("rating", type: .text, .notNull)
            .column("note", type: .text, .notNull)
            .column("rated_at", type: db.timestampType, .notNull)
            .primaryKey("assessment_id", "account_id", "indicator_id")
            .run()
        try await db.create(table: "assessment_consensus")
            .uuidColumn("assessment_id", on: db, references: "self_assessments", required: true)
            .column("indicator_id", type: .text, .notNull)
            .column("rating", type: .text, .notNull)
            .column("evidence", type: .text, .notNull)
            .uuidColumn("decided_by", on: db, references: "user_accounts")
            .column("decided_at", type: db.timestampType, .notNull)
            .primaryKey("assessment_id", "indicator_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "assessment_consensus").run()
        try await db.drop(table: "assessment_ratings").run()
        try await db.drop(table: "self_assessments").run()
    }
}
