import Foundation
import Logging
import SQLKit

/// Applies and reverts migrations in order, recording each in `belong_migrations`.
/// Each migration runs in its own transaction, so a failure leaves the schema at the last good step.
public struct Migrator: Sendable {
    public struct Status: Sendable, Equatable {
        public var applied: [String]
        public var pending: [String]
    }

    let database: Database
    let migrations: [any Migration]
    let logger: Logger

    public init(database: Database, logger: Logger = Logger(label: "belong.migrate")) {
        self.init(database: database, migrations: Migrations.all, logger: logger)
    }

    init(database: Database, migrations: [any Migration], logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    public static var knownNames: [String] { Migrations.all.map(\.name) }

    public func status() async throws -> Status {
        try await ensureTable()
        let applied = try await appliedNames()
        let known = Set(migrations.map(\.name))
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw MigrationError.unknownMigration(unknown)
        }
        return Status(applied: applied, pending: migrations.map(\.name).filter { !applied.contains($0) })
    }

    /// Applies every pending migration; returns the names applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        let pending = try await status().pending
        var done: [String] = []
        for migration in migrations where pending.contains(migration.name) {
            try await database.write(deadline: DatabaseDeadline.background) { db in
                try await migration.prepare(on: db)
                try await db.insert(into: "belong_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Date()))
                    .run()
            }
            logger.info("applied migration \(migration.name)")
            done.append(migration.name)
        }
        return done
    }

    /// Reverts the most recent `steps` migrations (all of them when nil); returns the names reverted.
    @discardableResult
    public func revert(steps: Int? = 1) async throws -> [String] {
        let applied = try await status().applied
        let toRevert = applied.reversed().prefix(steps ?? applied.count)
        var done: [String] = []
        for name in toRevert {
            guard let migration = migrations.first(where: { $0.name == name }) else { throw MigrationError.unknownMigration(name) }
            try await database.write(deadline: DatabaseDeadline.background) { db in
                try await migration.revert(on: db)
                try await db.delete(from: "belong_migrations").where("name", .equal, name).run()
            }
            logger.info("reverted migration \(name)")
            done.append(name)
        }
        return done
    }

    private func ensureTable() async throws {
        try await database.write(deadline: DatabaseDeadline.background) { db in
            try await db.create(table: "belong_migrations")
                .ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: db.timestampType, .notNull)
                .run()
        }
    }

    private func appliedNames() async throws -> [String] {
        try await database.read(deadline: DatabaseDeadline.background) { db in
            try await db.select().column("name").from("belong_migrations").orderBy("name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case unknownMigration(String)
    /// A revert that would lose or break data the newer schema allows.
    case revertRefused(String)

    public var description: String {
        switch self {
        case .unknownMigration(let name):
            "The database has migration '\(name)', which this version of Belong does not know: it was set up by a newer Belong."
        case .revertRefused(let reason):
            "This step cannot be undone while the data need it: \(reason)."
        }
    }
}
