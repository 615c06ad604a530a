import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool; several Belong servers can share one database.
final class PostgresBackend: DatabaseBackend {
    let dialect = Database.Dialect.postgresql
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        self.runner = Task { await client.run() }
    }

    static func open(url: String, options: DatabaseOptions, logger: Logger) async throws -> PostgresBackend {
        let parsed: SQLPostgresConfiguration
        do {
            parsed = try SQLPostgresConfiguration(url: url)
        } catch {
            throw ConfigurationError.invalid(
                setting: "database", value: DatabaseLocation.redacted(url),
                reason: "a PostgreSQL URL looks like postgres://user:password@host:5432/database"
            )
        }
        let core = parsed.coreConfiguration
        let tls: PostgresClient.Configuration.TLS
        switch (core.tls.isEnforced, core.tls.isAllowed, core.tls.sslContext) {
        case (true, _, let context?): tls = .require(context.configuration)
        case (false, true, let context?): tls = .prefer(context.configuration)
        default: tls = .disable
        }
        guard let host = core.host else {
            throw ConfigurationError.invalid(setting: "database", value: DatabaseLocation.redacted(url), reason: "the URL has no host")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: core.port ?? 5432, username: core.username, password: core.password,
            database: core.database, tls: tls
        )
        configuration.options.maximumConnections = max(options.postgresMaxConnections, 1)
        configuration.options.connectTimeout = .seconds(5)
        if let searchPath = options.postgresSearchPath ?? parsed.searchPath?.joined(separator: ",") {
            configuration.options.additionalStartupParameters = [("search_path", searchPath)]
        }
        // The pool retries quietly and reports only that it gave up; one direct connection first
        // gives the person starting Belong the real reason (refused, no such database, bad password).
        do {
            let probe = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: core, id: 0, logger: logger
            ).get()
            try await probe.close()
        } catch {
            throw DatabaseError.unreachable(location: .postgres(url: url), underlying: error)
        }
        return PostgresBackend(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
    }

    /// The connection went, the pool gave up, or the server says it cannot serve now: SQLSTATE class 08
    /// (connection), 53 (resources: disk full, out of memory, too many connections), 57P (shutting down,
    /// starting up).
    static func isUnavailable(_ error: any Error) -> Bool {
        // The pool's own errors (shut down, no connection in time) come from a module PostgresNIO does not export.
        if String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") { return true }
        guard let error = error as? PSQLError else { return false }
        if [.serverClosedConnection, .clientClosedConnection, .connectionError, .poolClosed, .uncleanShutdown].contains(error.code) { return true }
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P")
    }

    /// PostgresNIO hides error details from `description` on purpose; these are safe to show the operator.
    static func describe(_ error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        if let message = error.serverInfo?[.message] {
            return message
        }
        if let underlying = error.underlying {
            return Database.describe(underlying)
        }
        return "\(error.code)"
    }

    func read<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lease(deadline: deadline) { connection in try await body(connection.sql()) }
    }

    func write<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lease(deadline: deadline) { connection in try await Self.transaction(on: connection, body) }
    }

    /// Work on one pooled connection, waiting for the pool and for the work together at most `deadline`.
    /// A connection still held at the deadline is closed, not handed back: after a server restart a query
    /// can wait on a dead connection for ever, and the pool would give that connection to the next caller.
    private func lease<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let held = NIOLockedValueBox<PostgresConnection?>(nil)
        return try await withDeadline(deadline, onTimeout: {
            held.withLockedValue { $0 }.map(Self.abandon)
        }) {
            try await self.client.withConnection { connection in
                held.withLockedValue { $0 = connection }
                defer { held.withLockedValue { $0 = nil } }
                try Task.checkCancellation()
                return try await work(connection)
            }
        }
    }

    /// Closes a connection that must not serve again; the pool opens a fresh one when it needs one.
    private static func abandon(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in }
    }

    /// BEGIN … COMMIT on `connection`. If the work fails and the rollback does not succeed in time, the
    /// connection is closed: a connection left inside a transaction must never serve another request.
    static func transaction<T: Sendable>(on connection: PostgresConnection, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = connection.sql()
        try await db.raw("BEGIN").run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            do {
                try await withDeadline(DatabaseDeadline.rollback) { try await db.raw("ROLLBACK").run() }
            } catch {
                Self.abandon(connection)
            }
            throw error
        }
    }

    func close() async throws {
        runner.cancel()
        await runner.value
    }
}
