import SQLKit

/// Failed sign-ins per email address and per network address, shared by every app server.
struct CreateSignInThrottles: Migration {
    let name = "011_create_sign_in_throttles"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "sign_in_throttles")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("failures", type: .int, .notNull)
            .column("window_start", type: db.timestampType, .notNull)
            .column("locked_until", type: db.timestampType)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "sign_in_throttles").run()
    }
}
