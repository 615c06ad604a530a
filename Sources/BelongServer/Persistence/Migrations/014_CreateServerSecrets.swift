import SQLKit

/// Secrets every app server must share (the key that signs form tokens), created on first start.
struct CreateServerSecrets: Migration {
    let name = "014_create_server_secrets"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "server_secrets")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("value", type: .text, .notNull)
            .column("created_at", type: db.timestampType, .notNull)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "server_secrets").run()
    }
}
