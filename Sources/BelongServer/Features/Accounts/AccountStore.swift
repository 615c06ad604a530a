import BelongCore
import Foundation
import SQLKit

/// User accounts, their password hashes and the roles they hold.
public struct AccountStore: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    /// An account with what sign-in needs to know about it.
    public struct Credentials: Sendable {
        public let account: UserAccount
        public let passwordHash: String?
        public let mustChangePassword: Bool
    }

    public func create(_ account: UserAccount, passwordHash: String?, mustChangePassword: Bool = false) async throws {
        let timestamp = now()
        try await database.write { db in
            let existing = try await db.count("user_accounts") { $0.where("email", .equal, account.email) }
            guard existing == 0 else { throw AccountError.emailTaken(account.email) }
            try await db.insert(into: "user_accounts")
                .columns("id", "email", "display_name", "password_hash", "must_change_password", "staff_id", "is_active", "created_at", "updated_at")
                .values(SQLBind(account.id), SQLBind(account.email), SQLBind(account.displayName), bindOrNull(passwordHash),
                        SQLBind(mustChangePassword), bindOrNull(account.staffId), SQLBind(account.isActive), SQLBind(timestamp), SQLBind(timestamp))
                .run()
            try await Self.insertGrants(account.grants, for: account.id, on: db)
        }
    }

    public func credentials(email: String) async throws -> Credentials? {
        try await database.read { db in
            guard let row = try await db.select().columns("*").from("user_accounts")
                .where("email", .equal, UserAccount.normalize(email: email)).first() else { return nil }
            return try await Self.credentials(row, on: db)
        }
    }

    public func credentials(id: UUID) async throws -> Credentials? {
        try await database.read { db in
            guard let row = try await db.select().columns("*").from("user_accounts").where("id", .equal, SQLBind(id)).first() else { return nil }
            return try await Self.credentials(row, on: db)
        }
    }

    public func find(id: UUID) async throws -> UserAccount? {
        try await credentials(id: id)?.account
    }

    public func list() async throws -> [UserAccount] {
        try await database.read { db in
            let rows = try await db.select().columns("*").from("user_accounts").orderBy("email").all()
            let grants = try await Self.allGrants(on: db)
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return try Self.account(row, grants: grants[id] ?? [])
            }
        }
    }

    public func setPassword(userId: UUID, hash: String, mustChange: Bool) async throws {
        let timestamp = now()
        try await database.write { db in
            try await db.update("user_accounts")
                .set("password_hash", to: SQLBind(hash)).set("must_change_password", to: SQLBind(mustChange))
                .set("updated_at", to: SQLBind(timestamp))
                .where("id", .equal, SQLBind(userId)).run()
        }
    }

    public func setActive(userId: UUID, _ isActive: Bool) async throws {
        let timestamp = now()
        try await database.write { db in
            try await db.update("user_accounts").set("is_active", to: SQLBind(isActive)).set("updated_at", to: SQLBind(timestamp))
                .where("id", .equal, SQLBind(userId)).run()
        }
    }

    public func grant(_ grant: UserAccount.Grant, to userId: UUID) async throws {
        try await database.write { db in try await Self.insertGrants([grant], for: userId, on: db) }
    }

    public func revoke(_ grant: UserAccount.Grant, from userId: UUID) async throws {
        try await database.write { db in
            try await db.delete(from: "role_grants").where("user_id", .equal, SQLBind(userId))
                .where("role", .equal, grant.role.rawValue).where("organization_id", .equal, SQLBind(grant.organizationId)).run()
        }
    }

    public func recordSignIn(userId: UUID) async throws {
        let timestamp = now()
        try await database.write { db in
            try await db.update("user_accounts").set("last_sign_in_at", to: SQLBind(timestamp)).where("id", .equal, SQLBind(userId)).run()
        }
    }

    static func insertGrants(_ grants: [UserAccount.Grant], for userId: UUID, on db: any SQLDatabase) async throws {
        try await db.insertRows(
            into: "role_grants", columns: ["user_id", "role", "organization_id"],
            rows: grants.map { [SQLBind(userId), SQLBind($0.role.rawValue), SQLBind($0.organizationId)] },
            ignoringConflictsOn: ["user_id", "role", "organization_id"]
        )
    }

    static func credentials(_ row: any SQLRow, on db: any SQLDatabase) async throws -> Credentials {
        let id = try row.decode(column: "id", as: UUID.self)
        let grants = try await db.select().columns("role", "organization_id").from("role_grants").where("user_id", .equal, SQLBind(id)).all()
            .compactMap { row -> UserAccount.Grant? in
                guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
                return UserAccount.Grant(role: role, organizationId: try row.decode(column: "organization_id", as: UUID.self))
            }
        return Credentials(
            account: try account(row, grants: grants),
            passwordHash: try row.decode(column: "password_hash", as: String?.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self)
        )
    }

    static func allGrants(on db: any SQLDatabase) async throws -> [UUID: [UserAccount.Grant]] {
        var grants: [UUID: [UserAccount.Grant]] = [:]
        for row in try await db.select().columns("user_id", "role", "organization_id").from("role_grants").all() {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            grants[try row.decode(column: "user_id", as: UUID.self), default: []]
                .append(.init(role: role, organizationId: try row.decode(column: "organization_id", as: UUID.self)))
        }
        return grants
    }

    static func account(_ row: any SQLRow, grants: [UserAccount.Grant]) throws -> UserAccount {
        UserAccount(
            id: try row.decode(column: "id", as: UUID.self),
            email: try row.decode(column: "email", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            staffId: try row.decode(column: "staff_id", as: UUID?.self),
            grants: grants.sorted { ($0.role.rawValue, $0.organizationId.uuidString) < ($1.role.rawValue, $1.organizationId.uuidString) },
            isActive: try row.decode(column: "is_active", as: Bool.self)
        )
    }
}

public enum AccountError: Error, Equatable, CustomStringConvertible {
    case emailTaken(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .emailTaken(let email): "An account with the email \(email) already exists."
        case .notFound(let email): "No account has the email \(email)."
        }
    }
}
