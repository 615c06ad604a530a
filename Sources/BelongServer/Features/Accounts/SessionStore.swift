import BelongCore
import Foundation
import SQLKit

/// Signed-in sessions. Sessions expire after `idleTimeout` without a visit, and after `lifetime` in any case.
public struct SessionStore: Sendable {
    public static let idleTimeout: TimeInterval = 2 * 3600
    public static let lifetime: TimeInterval = 12 * 3600
    /// Visits closer together than this do not rewrite `last_seen_at`.
    static let touchInterval: TimeInterval = 300

    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    public struct Session: Sendable {
        public let tokenHash: String
        public let userId: UUID
        public let createdAt: Date
        public let lastSeenAt: Date
    }

    /// Starts a session and returns the token for the cookie; the token itself is never stored.
    public func start(userId: UUID, ip: String?, userAgent: String?) async throws -> String {
        let token = Tokens.random()
        let timestamp = now()
        try await database.write { db in
            try await db.insert(into: "sessions")
                .columns("token_hash", "user_id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent")
                .values(SQLBind(Tokens.fingerprint(token)), SQLBind(userId), SQLBind(timestamp), SQLBind(timestamp),
                        SQLBind(timestamp.addingTimeInterval(Self.lifetime)), bindOrNull(ip), bindOrNull(userAgent.map { String($0.prefix(300)) }))
                .run()
        }
        return token
    }

    /// The live session a cookie token names, touching it if it was last seen a while ago.
    public func resume(token: String) async throws -> Session? {
        let hash = Tokens.fingerprint(token)
        let timestamp = now()
        let found = try await database.read { db in
            try await db.select().columns("token_hash", "user_id", "created_at", "last_seen_at", "expires_at").from("sessions")
                .where("token_hash", .equal, SQLBind(hash)).first()
        }
        guard let row = found else { return nil }
        let session = Session(
            tokenHash: hash, userId: try row.decode(column: "user_id", as: UUID.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), lastSeenAt: try row.decode(column: "last_seen_at", as: Date.self)
        )
        let expires = try row.decode(column: "expires_at", as: Date.self)
        guard expires > timestamp, timestamp.timeIntervalSince(session.lastSeenAt) < Self.idleTimeout else {
            try await end(tokenHash: hash)
            return nil
        }
        if timestamp.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            try await database.write { db in
                try await db.update("sessions").set("last_seen_at", to: SQLBind(timestamp)).where("token_hash", .equal, SQLBind(hash)).run()
            }
        }
        return session
    }

    public func end(token: String) async throws {
        try await end(tokenHash: Tokens.fingerprint(token))
    }

    func end(tokenHash: String) async throws {
        try await database.write { db in
            try await db.delete(from: "sessions").where("token_hash", .equal, SQLBind(tokenHash)).run()
        }
    }

    /// Signs a person out everywhere, except perhaps the session they are using.
    public func endAll(userId: UUID, except tokenHash: String? = nil) async throws {
        try await database.write { db in
            let query = db.delete(from: "sessions").where("user_id", .equal, SQLBind(userId))
            if let tokenHash { query.where("token_hash", .notEqual, SQLBind(tokenHash)) }
            try await query.run()
        }
    }

    public func purgeExpired() async throws {
        let cutoff = now()
        try await database.write { db in
            try await db.delete(from: "sessions").where("expires_at", .lessThan, SQLBind(cutoff)).run()
        }
    }
}
