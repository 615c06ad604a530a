import SQLKit

/// Drafts are kept sealed under the respondent's resume word (DraftSeal) rather than as plain answers
/// anyone holding the code could read back. A plain draft cannot be sealed without its respondent, so
/// drafts in progress when this runs are dropped: those respondents start their survey again.
struct SealDrafts: Migration {
    let name = "023_seal_drafts"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.drop(table: "response_drafts").run()
        try await db.create(table: "response_drafts")
            .column("code_hash", type: .text, .primaryKey(autoIncrement: false))
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("sealed", type: .text, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "response_drafts").run()
        try await db.create(table: "response_drafts")
            .column("code_hash", type: .text, .primaryKey(autoIncrement: false))
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("language", type: .text, .notNull)
            .column("answers", type: .text, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .run()
    }
}
