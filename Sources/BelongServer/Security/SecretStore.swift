import Foundation
import SQLKit

/// Secrets shared by every app server, made once and kept in the database.
public struct SecretStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The named secret, created on first use; when two servers start at once, both read the one that won.
    func value(named name: String) async throws -> String {
        try await database.write { db in
            try await db.insert(into: "server_secrets").columns("name", "value", "created_at")
                .values(SQLBind(name), SQLBind(Tokens.random(bytes: 48)), SQLBind(Date()))
                .ignoringConflicts(with: ["name"]).run()
            return try await db.select().column("value").from("server_secrets").where("name", .equal, name).first()!
                .decode(column: "value", as: String.self)
        }
    }
}
