import BelongCore
import Foundation
import SQLKit

/// Failed sign-in counts, shared by every app server.
public struct ThrottleStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func records(_ keys: [String]) async throws -> [String: SignInThrottle.Record] {
        try await database.read { db in
            var records: [String: SignInThrottle.Record] = [:]
            for row in try await db.select().columns("key", "failures", "window_start", "locked_until").from("sign_in_throttles")
                .where(SQLIdentifier("key"), .in, SQLBind.group(keys)).all() {
                records[try row.decode(column: "key", as: String.self)] = SignInThrottle.Record(
                    failures: try row.decode(column: "failures", as: Int.self),
                    windowStart: try row.decode(column: "window_start", as: Date.self),
                    lockedUntil: try row.decode(column: "locked_until", as: Date?.self)
                )
            }
            return records
        }
    }

    public func save(_ records: [String: SignInThrottle.Record]) async throws {
        try await database.write { db in
            for (key, record) in records {
                try await db.delete(from: "sign_in_throttles").where("key", .equal, SQLBind(key)).run()
                try await db.insert(into: "sign_in_throttles").columns("key", "failures", "window_start", "locked_until")
                    .values(SQLBind(key), SQLBind(record.failures), SQLBind(record.windowStart), bindOrNull(record.lockedUntil)).run()
            }
        }
    }

    /// Drops records whose window began before `cutoff` and that hold no lock.
    public func purge(olderThan cutoff: Date) async throws {
        try await database.write { db in
            try await db.delete(from: "sign_in_throttles").where("window_start", .lessThan, SQLBind(cutoff))
                .where { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThan, SQLBind(cutoff)) }.run()
        }
    }

    public func reset(_ keys: [String]) async throws {
        try await database.write { db in
            try await db.delete(from: "sign_in_throttles").where(SQLIdentifier("key"), .in, SQLBind.group(keys)).run()
        }
    }
}
