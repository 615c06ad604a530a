import SQLKit

/// Uploaded rosters waiting for confirmation, and the record of every import. The file itself is
/// kept only until the import is confirmed or abandoned.
struct CreateRosterImports: Migration {
    let name = "015_create_roster_imports"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "roster_imports")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .uuidColumn("district_id", on: db, references: "organizations")
            .uuidColumn("user_id", on: db, references: "user_accounts")
            .column("actor_label", type: .text, .notNull)
            .column("file_name", type: .text, .notNull)
            .column("format", type: .text, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: db.timestampType, .notNull)
            .column("finished_at", type: db.timestampType)
            /// The preview or result: counts and every problem, as JSON.
            .column("report", type: .text)
            .column("upload", type: .blob)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "roster_imports").run()
    }
}
