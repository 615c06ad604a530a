import SQLKit

/// Who has been given a code for a wave, so printing slips for a second class does not give a
/// student a second code. It names the batch (class or school) a person's code came from, never the code.
struct CreateCodeIssues: Migration {
    let name = "021_create_code_issues"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "code_issues")
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("person_id", type: db.uuidType, .notNull)
            .column("person_kind", type: .text, .notNull)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .primaryKey("wave_id", "person_id", "school_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "code_issues").run()
    }
}
