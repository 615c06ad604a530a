import SQLKit

/// Open answers the school team took out of every view (a name, a phone number, something hurtful).
/// An answer is named by a keyed hash of its response and question, so the table says neither which
/// response it came from nor, across questions, which answers one person gave.
struct CreateHiddenOpenAnswers: Migration {
    let name = "024_create_hidden_open_answers"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "hidden_open_answers")
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("answer_key", type: .text, .notNull)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("hidden_at", type: db.timestampType, .notNull)
            .primaryKey("wave_id", "answer_key")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "hidden_open_answers").run()
    }
}
