import SQLKit

/// Accounts for the adults who sign in, and the roles each holds at a district or school.
struct CreateUserAccounts: Migration {
    let name = "009_create_user_accounts"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "user_accounts")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .column("email", type: .text, .notNull, .unique)
            .column("display_name", type: .text, .notNull)
            .column("password_hash", type: .text)
            .column("must_change_password", type: db.boolType, .notNull, .default(false))
            .uuidColumn("staff_id", on: db, references: "staff_members")
            .column("is_active", type: db.boolType, .notNull, .default(true))
            .column("created_at", type: db.timestampType, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .column("last_sign_in_at", type: db.timestampType)
            .run()
        try await db.create(table: "role_grants")
            .uuidColumn("user_id", on: db, references: "user_accounts", required: true)
            .column("role", type: .text, .notNull)
            .uuidColumn("organization_id", on: db, references: "organizations", required: true)
            .primaryKey("user_id", "role", "organization_id")
            .run()
        try await db.create(index: "role_grants_organization").on("role_grants").column("organization_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "role_grants").run()
        try await db.drop(table: "user_accounts").run()
    }
}
