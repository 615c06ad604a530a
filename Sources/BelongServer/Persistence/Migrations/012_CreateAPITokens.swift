import SQLKit

/// Tokens for integrations. Each acts as one user, read-only unless made writable; only a hash is kept.
struct CreateAPITokens: Migration {
    let name = "012_create_api_tokens"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "api_tokens")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .column("token_hash", type: .text, .notNull, .unique)
            /// The first characters, so an administrator can tell tokens apart without the secret.
            .column("prefix", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .uuidColumn("user_id", on: db, references: "user_accounts", required: true)
            .uuidColumn("district_id", on: db, references: "organizations", required: true)
            .column("can_write", type: db.boolType, .notNull, .default(false))
            .uuidColumn("created_by", on: db, references: "user_accounts", required: true)
            .column("created_at", type: db.timestampType, .notNull)
            .column("last_used_at", type: db.timestampType)
            .column("revoked_at", type: db.timestampType)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "api_tokens").run()
    }
}
