import BelongCore
import Foundation
import SQLKit

/// API tokens. The secret is shown once at creation; the database keeps its SHA-256 only.
public struct TokenStore: Sendable {
    public static let tokenPrefix = "blg_"

    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public struct Token: Sendable, Identifiable {
        public let id: UUID
        public let name: String
        public let prefix: String
        public let userId: UUID
        public let userEmail: String
        public let districtId: UUID
        public let canWrite: Bool
        public let createdAt: Date
        public let lastUsedAt: Date?
        public let revokedAt: Date?

        public var isActive: Bool { revokedAt == nil }
    }

    /// Creates a token acting as `userId`; returns it with the secret, which is not kept.
    public func create(name: String, userId: UUID, districtId: UUID, canWrite: Bool, createdBy: UUID) async throws -> (token: Token, secret: String) {
        let secret = Self.tokenPrefix + Tokens.random()
        let id = UUID()
        let timestamp = now()
        try await database.write { db in
            try await db.insert(into: "api_tokens")
                .columns("id", "token_hash", "prefix", "name", "user_id", "district_id", "can_write", "created_by", "created_at")
                .values(SQLBind(id), SQLBind(Tokens.fingerprint(secret)), SQLBind(String(secret.prefix(12))), SQLBind(name), SQLBind(userId),
                        SQLBind(districtId), SQLBind(canWrite), SQLBind(createdBy), SQLBind(timestamp))
                .run()
        }
        guard let token = try await find(id: id) else { throw AccountError.notFound(name) }
        return (token, secret)
    }

    public func list(districtId: UUID) async throws -> [Token] {
        try await database.read { db in
            try await Self.select(on: db).where(SQLColumn("district_id", table: "t"), .equal, SQLBind(districtId))
                .orderBy(SQLColumn("created_at", table: "t"), SQLDirection.descending).all().map(Self.token)
        }
    }

    public func find(id: UUID) async throws -> Token? {
        try await database.read { db in
            try await Self.select(on: db).where(SQLColumn("id", table: "t"), .equal, SQLBind(id)).first().map(Self.token)
        }
    }

    /// The live token a bearer secret names, recording that it was used.
    public func authenticate(secret: String) async throws -> Token? {
        guard secret.hasPrefix(Self.tokenPrefix) else { return nil }
        let hash = Tokens.fingerprint(secret)
        let found = try await database.read { db in
            try await Self.select(on: db).where(SQLColumn("token_hash", table: "t"), .equal, SQLBind(hash))
                .where(SQLColumn("revoked_at", table: "t"), .is, SQLLiteral.null).first().map(Self.token)
        }
        guard let token = found else { return nil }
        let timestamp = now()
        try await database.write { db in
            try await db.update("api_tokens").set("last_used_at", to: SQLBind(timestamp)).where("id", .equal, SQLBind(token.id)).run()
        }
        return token
    }

    public func revoke(id: UUID) async throws {
        let timestamp = now()
        try await database.write { db in
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(timestamp))
                .where("id", .equal, SQLBind(id)).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    /// Every live token acting as `userId`.
    public func revokeAll(userId: UUID) async throws {
        let timestamp = now()
        try await database.write { db in
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(timestamp))
                .where("user_id", .equal, SQLBind(userId)).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    static func select(on db: any SQLDatabase) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("t")))
            .column(SQLColumn("email", table: "u"), as: "user_email")
            .from(SQLAlias(SQLIdentifier("api_tokens"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("user_accounts"), as: SQLIdentifier("u")), on: SQLColumn("user_id", table: "t"), .equal, SQLColumn("id", table: "u"))
    }

    static func token(_ row: any SQLRow) throws -> Token {
        Token(
            id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self), userId: try row.decode(column: "user_id", as: UUID.self),
            userEmail: try row.decode(column: "user_email", as: String.self), districtId: try row.decode(column: "district_id", as: UUID.self),
            canWrite: try row.decode(column: "can_write", as: Bool.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self), revokedAt: try row.decode(column: "revoked_at", as: Date?.self)
        )
    }
}
