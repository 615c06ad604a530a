import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// SQLite in WAL mode: one writer connection that takes transactions one at a time, and reader
/// connections that see the last committed state without waiting for the writer.
final class SQLiteBackend: DatabaseBackend {
    let dialect = Database.Dialect.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    /// An in-memory database has one connection; reads queue behind writes so they never see a transaction half done.
    private let readsTakeLock: Bool
    private let nextReader = Atomic<Int>(0)
    private let isClosed = Atomic<Bool>(false)
    private let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], readsTakeLock: Bool, logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.readsTakeLock = readsTakeLock
        self.logger = logger
    }

    static func open(file path: String, readers readerCount: Int, logger: Logger) async throws -> SQLiteBackend {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        try checkWritable(path: absolute)
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: .file(path: absolute), logger: logger).get()
        } catch {
            throw DatabaseError.cannotOpenFile(path: absolute, reason: Database.describe(error))
        }
        do {
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"] {
                _ = try await writer.query(pragma).get()
            }
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(readerCount, 1) {
                let reader = try await SQLiteConnection.open(storage: .file(path: absolute), logger: logger).get()
                for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA query_only = ON"] {
                    _ = try await reader.query(pragma).get()
                }
                readers.append(reader)
            }
            return SQLiteBackend(writer: writer, readers: readers, readsTakeLock: false, logger: logger)
        } catch {
            try? await writer.close().get()
            throw DatabaseError.cannotOpenFile(path: absolute, reason: Database.describe(error))
        }
    }

    static func openInMemory(logger: Logger) async throws -> SQLiteBackend {
        let connection = try await SQLiteConnection.open(storage: .memory, logger: logger).get()
        _ = try await connection.query("PRAGMA foreign_keys = ON").get()
        return SQLiteBackend(writer: connection, readers: [], readsTakeLock: true, logger: logger)
    }

    /// SQLite's own message for a missing folder is "unable to open database file"; say what is wrong.
    private static func checkWritable(path: String) throws {
        let fileManager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatabaseError.cannotOpenFile(path: path, reason: "the folder \(directory) does not exist")
        }
        if fileManager.fileExists(atPath: path) {
            guard fileManager.isWritableFile(atPath: path) else {
                throw DatabaseError.cannotOpenFile(path: path, reason: "the file is not writable by this user")
            }
        } else if !fileManager.isWritableFile(atPath: directory) {
            throw DatabaseError.cannotOpenFile(path: path, reason: "the folder \(directory) is not writable by this user")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        if readsTakeLock || readers.isEmpty {
            return try await writeLock.withLock { try await body(self.writer.sql()) }
        }
        let index = nextReader.add(1, ordering: .relaxed).oldValue
        let reader = readers[abs(index % readers.count)]
        return try await body(reader.sql())
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        return try await writeLock.withLock {
            // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a busy database.
            try await self.writer.sql().inTransaction(begin: "BEGIN IMMEDIATE", body)
        }
    }

    func close() async throws {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try await writeLock.withLock {
            for reader in self.readers {
                try? await reader.close().get()
            }
            try await self.writer.close().get()
        }
    }
}
