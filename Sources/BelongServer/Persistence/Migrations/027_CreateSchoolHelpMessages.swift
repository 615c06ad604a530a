import SQLKit

/// Where a school's students can get help now — who to talk to and where — in each language, shown at the end
/// of every survey and to a student who says no adult at school would listen.
struct CreateSchoolHelpMessages: Migration {
    let name = "027_create_school_help_messages"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "school_help_messages")
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("text_en", type: .text, .notNull)
            .column("text_fr", type: .text, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .primaryKey("school_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "school_help_messages").run()
    }
}
