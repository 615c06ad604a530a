import SQLKit

/// Signed-in sessions, kept in the database so several app servers share them. The cookie holds a
/// random token; only its SHA-256 is stored, so a copy of the database cannot be used to sign in.
struct CreateSessions: Migration {
    let name = "010_create_sessions"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .uuidColumn("user_id", on: db, references: "user_accounts", required: true)
            .column("created_at", type: db.timestampType, .notNull)
            .column("last_seen_at", type: db.timestampType, .notNull)
            .column("expires_at", type: db.timestampType, .notNull)
            .column("ip", type: .text)
            .column("user_agent", type: .text)
            .run()
        try await db.create(index: "sessions_user").on("sessions").column("user_id").run()
        try await db.create(index: "sessions_expires").on("sessions").column("expires_at").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "sessions").run()
    }
}
