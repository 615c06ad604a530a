import Foundation
import Logging
import SQLKit
@testable import BelongServer

/// A fresh, private database for one test: in-memory SQLite by default, or, when
/// `BELONG_TEST_POSTGRES_URL` is set, a PostgreSQL schema of its own that is dropped afterwards.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["BELONG_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var kind: String { postgresURL == nil ? "sqlite" : "postgresql" }

    static var logger: Logger {
        var logger = Logger(label: "belong.test")
        logger.logLevel = .warning
        return logger
    }

    /// Every suite runs at once on as few as two cores, so a request may wait far longer than a person
    /// would; the deadline tests set their own.
    static func options(postgresMaxConnections: Int = 4, postgresSearchPath: String? = nil, requestDeadline: Duration = .seconds(120)) -> DatabaseOptions {
        var options = DatabaseOptions(postgresMaxConnections: postgresMaxConnections, postgresSearchPath: postgresSearchPath)
        options.requestDeadline = requestDeadline
        return options
    }

    /// Runs `body` with an empty (unmigrated) database and closes it afterwards, even on failure.
    /// `sqliteFile`: on SQLite, a file (with its own readers beside the writer) rather than memory.
    static func withEmpty<T: Sendable>(
        logger: Logger = logger, requestDeadline: Duration = .seconds(120), sqliteFile: Bool = false, _ body: (Database) async throws -> T
    ) async throws -> T {
        guard let url = postgresURL else {
            guard sqliteFile else {
                let database = try await Database.open(.sqliteMemory, options: options(requestDeadline: requestDeadline), logger: logger)
                return try await closing(database, body)
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("belong-test-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            let database = try await Database.open(.sqliteFile(path: path), options: options(requestDeadline: requestDeadline), logger: logger)
            return try await closing(database, body)
        }
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = try await Database.open(.postgres(url: url), options: options(postgresMaxConnections: 1), logger: Self.logger)
        try await admin.write { db in try await db.raw("CREATE SCHEMA \(ident: String(schema))").run() }
        do {
            let database = try await Database.open(
                .postgres(url: url), options: options(postgresSearchPath: String(schema), requestDeadline: requestDeadline), logger: logger
            )
            let result = try await closing(database, body)
            try await dropSchema(String(schema), admin: admin)
            return result
        } catch {
            try? await dropSchema(String(schema), admin: admin)
            throw error
        }
    }

    /// Runs `body` with a migrated database.
    static func withMigrated<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await withEmpty { database in
            try await Migrator(database: database, logger: logger).migrate()
            return try await body(database)
        }
    }

    private static func closing<T: Sendable>(_ database: Database, _ body: (Database) async throws -> T) async throws -> T {
        do {
            let result = try await body(database)
            try? await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    private static func dropSchema(_ schema: String, admin: Database) async throws {
        try await admin.write { db in try await db.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try await admin.close()
    }

    /// The tables a database holds, whatever its kind.
    static func tables(in database: Database) async throws -> Set<String> {
        try await database.read { db in
            let rows: [any SQLRow]
            if db.isPostgres {
                rows = try await db.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
            } else {
                rows = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
            }
            return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        }
    }
}

import SQLKit
enum SQLBindHelper {
    static func bind(_ value: some Encodable & Sendable) -> SQLBind { SQLBind(value) }
}
