import Foundation
import Logging
import BelongCore
import SQLKit
import SQLiteNIO
import Synchronization

/// The one door to storage. Stores ask it to read or to write; it knows whether the data lives in an
/// SQLite file (one writer connection, readers beside it) or in PostgreSQL (a connection pool).
public final class Database: Sendable {
    public enum Dialect: String, Sendable {
        case sqlite
        case postgresql
    }

    public let dialect: Dialect
    public let location: DatabaseLocation
    let backend: any DatabaseBackend
    /// How long a person's request may wait on the database (DatabaseOptions.requestDeadline); tests change it.
    public var requestDeadline: Duration {
        get { deadline.withLock { $0 } }
        set { deadline.withLock { $0 = newValue } }
    }
    private let deadline: Mutex<Duration>
    /// Waves by id, for the respondent's hot path (SurveyStore keeps it current).
    let recentWaves = RecentCache<UUID, SurveyWave>(lifetime: 2)

    init(location: DatabaseLocation, backend: any DatabaseBackend, requestDeadline: Duration = DatabaseDeadline.request) {
        self.location = location
        self.deadline = Mutex(requestDeadline)
        self.dialect = backend.dialect
        self.backend = backend
    }

    /// Opens the database and checks that it answers.
    public static func open(
        _ location: DatabaseLocation, options: DatabaseOptions = .init(), logger: Logger = Logger(label: "belong.database")
    ) async throws -> Database {
        let logger = RedactedDatabaseLog.logger(from: logger)
        let backend: any DatabaseBackend
        switch location {
        case .sqliteFile(let path):
            backend = try await SQLiteBackend.open(file: path, readers: options.sqliteReaders, synchronous: options.sqliteSynchronous, logger: logger)
        case .sqliteMemory:
            backend = try await SQLiteBackend.openInMemory(logger: logger)
        case .postgres(let url):
            backend = try await PostgresBackend.open(url: url, options: options, logger: logger)
        }
        let database = Database(location: location, backend: backend, requestDeadline: options.requestDeadline)
        do {
            try await database.ping(deadline: .seconds(30))
        } catch {
            try? await backend.close()
            throw DatabaseError.unreachable(location: location, underlying: error)
        }
        return database
    }

    /// Runs read-only work on a reader connection, giving up with `TimeoutError` after `deadline`
    /// (by default `requestDeadline`).
    public func read<T: Sendable>(
        deadline: Duration? = nil, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await budgeted(deadline) { limit in try await self.backend.read(deadline: limit, body) }
    }

    /// Runs work in one transaction: all of it is kept, or none of it. Gives up with `TimeoutError` after
    /// `deadline`; work a person does not wait on passes `DatabaseDeadline.background`.
    public func write<T: Sendable>(
        deadline: Duration? = nil, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await budgeted(deadline) { limit in try await self.backend.write(deadline: limit, body) }
    }

    /// The deadline an operation runs under: the one it names, else what is left of its request's budget.
    private func budgeted<T>(_ deadline: Duration?, _ work: (Duration) async throws -> T) async throws -> T {
        if let deadline { return try await work(deadline) }
        guard let budget = DatabaseBudget.current else { return try await work(requestDeadline) }
        let limit = budget.remaining(of: requestDeadline)
        guard limit > .zero else { throw TimeoutError() }
        let started = ContinuousClock.now
        defer { budget.spend(ContinuousClock.now - started) }
        return try await work(limit)
    }

    /// What a submitter may still wait: the rest of its request's budget.
    var submitterLimit: Duration {
        DatabaseBudget.current?.remaining(of: requestDeadline) ?? requestDeadline
    }

    /// A trivial query that fails if the database cannot be reached.
    public func ping(deadline: Duration? = nil) async throws {
        try await read(deadline: deadline) { db in
            _ = try await db.raw("SELECT 1 AS one").first()
        }
    }

    /// A write that must reach the disk: fails when the disk is full or the writer cannot write.
    public func probeWrite() async throws {
        try await write { db in
            try await db.upsertRows(into: "health_probe", columns: ["id", "checked_at"], from: [1], key: ["id"]) { id in
                [SQLBind(id), SQLBind(Date())]
            }
        }
    }

    /// Bytes free on the file system that holds an SQLite file; nil for PostgreSQL (its server watches its own disk).
    public var freeDiskBytes: UInt64? {
        guard case .sqliteFile(let path) = location else { return nil }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var stats = statvfs()
        guard statvfs(folder, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }

    public func close() async throws {
        try await backend.close()
    }
}

/// Tuning that only matters to one kind of database.
public struct DatabaseOptions: Sendable {
    /// Reader connections beside the single SQLite writer.
    public var sqliteReaders: Int
    /// The largest number of PostgreSQL connections this server opens.
    public var postgresMaxConnections: Int
    /// Tests isolate themselves in their own PostgreSQL schema.
    public var postgresSearchPath: String?
    /// How long a person's request may wait on the database before it is answered 503.
    public var requestDeadline: Duration = DatabaseDeadline.request
    /// FULL: every commit reaches the disk before its submitters hear 201, so a power cut loses nothing
    /// acknowledged; group commit makes that one fsync per batch, not per response.
    public var sqliteSynchronous: SQLiteSynchronous = .full

    /// Four connections a core, from 4 to 20: a server cannot keep more queries moving than its cores allow, and
    /// each idle connection holds a megabyte or two (20 on a 2-core machine took the server to 95 of its 100 MB
    /// under the submission benchmark; 8 served as many submissions a second in 68 MB).
    public static var defaultPostgresPool: Int { min(20, max(4, 4 * ProcessInfo.processInfo.activeProcessorCount)) }

    public init(sqliteReaders: Int = 4, postgresMaxConnections: Int = DatabaseOptions.defaultPostgresPool, postgresSearchPath: String? = nil) {
        self.sqliteReaders = sqliteReaders
        self.postgresMaxConnections = postgresMaxConnections
        self.postgresSearchPath = postgresSearchPath
    }
}

/// SQLite's `synchronous` setting for the writer (https://sqlite.org/pragma.html#pragma_synchronous).
public enum SQLiteSynchronous: String, Sendable {
    /// The write-ahead log is synced at every commit: durable through a power cut.
    case full
    /// Synced only at checkpoints: safe from a crash of Belong, not of the machine.
    case normal
}

protocol DatabaseBackend: Sendable {
    var dialect: Database.Dialect { get }
    func read<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async throws
}

/// Failures to reach or open storage, worded for the person running `belong`.
public enum DatabaseError: Error, CustomStringConvertible {
    case cannotOpenFile(path: String, reason: String)
    case unreachable(location: DatabaseLocation, underlying: any Error)
    case closed

    public var description: String {
        switch self {
        case .cannotOpenFile(let path, let reason):
            "Cannot open the SQLite database at \(path): \(reason)."
        case .unreachable(let location, let underlying):
            "Cannot reach the database (\(location)): \(Database.describe(underlying))."
        case .closed:
            "The database connection is closed."
        }
    }
}

extension Database {
    /// Whether `error` means the database cannot serve now (down, restarting, disk full, out of time) rather
    /// than that the request was wrong: such a request gets 503 and a "try again", not a 500.
    static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case is TimeoutError: return true
        case let error as StorageError: return isUnavailable(error.underlying)
        case let error as DatabaseError:
            if case .cannotOpenFile = error { return false }
            return true
        case let error as SQLiteError:
            return [.full, .ioError, .busy, .locked, .cantOpen, .readOnly, .noMemory, .busyTimeout].contains(error.reason)
                || "\(error.reason)".hasPrefix("ioError")
        case let error as SQLiteHandleError:
            // Primary result codes: BUSY 5, LOCKED 6, NOMEM 7, READONLY 8, IOERR 10, FULL 13, CANTOPEN 14.
            return [5, 6, 7, 8, 10, 13, 14].contains(error.code & 0xff)
        default:
            return PostgresBackend.isUnavailable(error)
        }
    }

    /// A one-line account of a driver error, without dumping its internals.
    static func describe(_ error: any Error) -> String {
        if let postgres = PostgresBackend.describe(error) { return postgres }
        let text = String(describing: error)
        if let range = text.range(of: "serverInfo:"), let message = text[range.upperBound...].range(of: "sqlState") {
            return String(text[..<message.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

extension SQLDatabase {
    /// Runs `body` inside BEGIN … COMMIT on this connection, rolling back if it throws.
    func inTransaction<T: Sendable>(begin: String = "BEGIN", _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            try? await raw("ROLLBACK").run()
            throw error
        }
    }
}
