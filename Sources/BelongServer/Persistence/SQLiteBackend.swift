import Foundation
import Logging
import NIOConcurrencyHelpers
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
    private let writeLock: LoopLock
    /// An in-memory database has one connection; reads queue behind writes so they never see a transaction half done.
    private let readsTakeLock: Bool
    private let nextReader = Atomic<Int>(0)
    private let isClosed = Atomic<Bool>(false)
    private let logger: Logger
    /// SQLite blocks, so its calls run on threads of their own: one for the writer, so a commit never
    /// queues behind reads (or behind bcrypt on NIO's shared pool), and one per reader.
    private let pools: [NIOThreadPool]
    /// The writer's own event loop, where `chainedWrite` runs a transaction's statements back to back.
    private let writerLoop: MultiThreadedEventLoopGroup?
    /// Files only: a second writing connection, used synchronously on the writer's thread for survey
    /// submissions (`batchWrite`), and bare reading connections for the code lookup (`readCode`).
    private let batchWriter: (handle: SQLiteHandle, pool: NIOThreadPool)?
    private let codeReaders: [NIOLockedValueBox<SQLiteHandle>]
    /// Files only: checkpoints in the background (see `SQLiteCheckpointer`).
    private let checkpointer: (SQLiteCheckpointer, Task<Void, Never>)?

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], readsTakeLock: Bool, pools: [NIOThreadPool],
                 writerLoop: MultiThreadedEventLoopGroup?, batchWriter: (handle: SQLiteHandle, pool: NIOThreadPool)? = nil,
                 codeReaders: [SQLiteHandle] = [], logger: Logger) throws {
        self.writer = writer
        let writeLock = LoopLock(loop: writer.eventLoop)
        self.writeLock = writeLock
        self.batchWriter = batchWriter
        self.codeReaders = codeReaders.map { NIOLockedValueBox($0) }
        // The connections above no longer checkpoint after their commits; this does, in the background.
        if let path = batchWriter?.handle.path {
            let checkpointer = try SQLiteCheckpointer(path: path, writeLock: writeLock, logger: logger)
            self.checkpointer = (checkpointer, Task.detached { await checkpointer.run() })
        } else {
            checkpointer = nil
        }
        self.readers = readers
        self.readsTakeLock = readsTakeLock
        self.pools = pools
        self.writerLoop = writerLoop
        self.logger = logger
    }

    private static func pool(threads: Int) -> NIOThreadPool {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }

    static func open(file path: String, readers readerCount: Int, synchronous: SQLiteSynchronous, logger: Logger) async throws -> SQLiteBackend {
        let synchronous = "PRAGMA synchronous = \(synchronous.rawValue.uppercased())"
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        try checkWritable(path: absolute)
        let writerPool = pool(threads: 1), readerPool = pool(threads: max(readerCount, 1))
        let writerLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(storage: .file(path: absolute), threadPool: writerPool, logger: logger, on: writerLoop.next())
        } catch {
            try? await writerPool.shutdownGracefully()
            try? await readerPool.shutdownGracefully()
            try? await writerLoop.shutdownGracefully()
            throw DatabaseError.cannotOpenFile(path: absolute, reason: Database.describe(error))
        }
        do {
            // The writer keeps 24 MB of pages (SQLite's default is 2 MB): survey submissions touch pages all over the
            // responses and codes tables, keyed at random on purpose, and re-reading them cost a sixth of the CPU.
            // Checkpoints happen in the background (SQLiteCheckpointer), not after this connection's commits.
            // secure_delete: a deleted row (a draft taken away at submit) is overwritten, not left in the file's free space.
            // The bundled SQLite is built with it on; said here so that no other build of SQLite quietly turns it off.
            for pragma in ["PRAGMA journal_mode = WAL", synchronous, "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
                           "PRAGMA cache_size = -24576", "PRAGMA wal_autocheckpoint = 0", "PRAGMA secure_delete = ON"] {
                _ = try await writer.query(pragma).get()
            }
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(readerCount, 1) {
                let reader = try await SQLiteConnection.open(storage: .file(path: absolute), threadPool: readerPool, logger: logger,
                                                             on: MultiThreadedEventLoopGroup.singleton.any())
                // Readers map the file (no read() call per page): the results engine reads whole waves at start-up.
                for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000", "PRAGMA query_only = ON", "PRAGMA mmap_size = 1073741824"] {
                    _ = try await reader.query(pragma).get()
                }
                readers.append(reader)
            }
            // The same settings as the writer above, and statement journals in memory.
            let batchHandle = try SQLiteHandle(path: absolute, pragmas: [
                synchronous, "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000",
                "PRAGMA cache_size = -24576", "PRAGMA temp_store = MEMORY", "PRAGMA wal_autocheckpoint = 0", "PRAGMA secure_delete = ON",
            ])
            // Not mapped: after every commit SQLite unmaps a reader's whole mapping and faults it back in, which
            // under a stream of submissions cost more than reading the few pages of one lookup.
            let codeReaders = try (0..<max(readerCount, 1)).map { _ in
                try SQLiteHandle(path: absolute, readOnly: true, pragmas: ["PRAGMA busy_timeout = 5000"])
            }
            return try SQLiteBackend(writer: writer, readers: readers, readsTakeLock: false, pools: [writerPool, readerPool],
                                 writerLoop: writerLoop, batchWriter: (batchHandle, writerPool), codeReaders: codeReaders, logger: logger)
        } catch {
            try? await writer.close().get()
            try? await writerPool.shutdownGracefully()
            try? await readerPool.shutdownGracefully()
            try? await writerLoop.shutdownGracefully()
            throw DatabaseError.cannotOpenFile(path: absolute, reason: Database.describe(error))
        }
    }

    static func openInMemory(logger: Logger) async throws -> SQLiteBackend {
        let connection = try await SQLiteConnection.open(storage: .memory, logger: logger).get()
        _ = try await connection.query("PRAGMA foreign_keys = ON").get()
        return try SQLiteBackend(writer: connection, readers: [], readsTakeLock: true, pools: [], writerLoop: nil, logger: logger)
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

    func read<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        if readsTakeLock || readers.isEmpty {
            return try await withDeadline(deadline) {
                try await self.writeLock.withLock {
                    try Task.checkCancellation()
                    return try await body(self.writer.sql())
                }
            }
        }
        let index = nextReader.add(1, ordering: .relaxed).oldValue
        let reader = readers[abs(index % readers.count)]
        return try await withDeadline(deadline) { try await body(reader.sql()) }
    }

    /// One statement straight on a reader connection, for the hottest reads (a survey code): no query
    /// builder, and the rows come back from the reader's thread without a stop on an event loop.
    func readRows(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        let rows = NIOLockedValueBox<[SQLiteRow]>([])
        if readsTakeLock || readers.isEmpty {
            try await writeLock.withLock { try await self.writer.query(sql, binds) { row in rows.withLockedValue { $0.append(row) } } }
        } else {
            let index = nextReader.add(1, ordering: .relaxed).oldValue
            try await readers[abs(index % readers.count)].query(sql, binds) { row in rows.withLockedValue { $0.append(row) } }
        }
        return rows.withLockedValue { $0 }
    }

    /// One statement on a reader, each row handed to `each` as it is read: for loads of a million rows
    /// that should never sit in memory as row objects all at once.
    func streamRows(_ sql: String, _ binds: [SQLiteData], _ each: @escaping @Sendable (SQLiteRow) -> Void) async throws {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        if readsTakeLock || readers.isEmpty {
            try await writeLock.withLock { try await self.writer.query(sql, binds, each) }
        } else {
            let index = nextReader.add(1, ordering: .relaxed).oldValue
            try await readers[abs(index % readers.count)].query(sql, binds, each)
        }
    }

    /// One indexed lookup on the caller's thread, on a bare reader (a few microseconds: no trip to a
    /// reader's thread and back), for the code every submission starts with; nil where there are no
    /// bare readers (in memory).
    func readCode<T>(_ body: (SQLiteHandle) throws -> T) throws -> T? {
        guard !codeReaders.isEmpty else { return nil }
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        let index = nextReader.add(1, ordering: .relaxed).oldValue
        return try codeReaders[abs(index % codeReaders.count)].withLockedValue { try body($0) }
    }

    /// Whether `batchWrite` is available (SQLite files; not the single in-memory connection).
    var hasBatchWriter: Bool { batchWriter != nil }

    /// One IMMEDIATE transaction run start to finish on the writer's thread, on the bare writing
    /// connection, in turn with every other write: survey submissions, thousands a second, a batch at a
    /// time, with no trip between threads between its statements.
    func batchWrite<T: Sendable>(_ body: @escaping @Sendable (SQLiteHandle) throws -> T) -> EventLoopFuture<T> {
        guard let (handle, pool) = batchWriter, !isClosed.load(ordering: .acquiring) else {
            return writer.eventLoop.makeFailedFuture(DatabaseError.closed)
        }
        return writeLock.withLock {
            pool.runIfActive(eventLoop: self.writer.eventLoop) {
                try handle.execute("BEGIN IMMEDIATE")
                do {
                    let value = try body(handle)
                    try handle.execute("COMMIT")
                    return value
                } catch {
                    try? handle.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    func write<T: Sendable>(deadline: Duration, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !isClosed.load(ordering: .acquiring) else { throw DatabaseError.closed }
        return try await withDeadline(deadline) {
            try await self.writeLock.withLock {
                // A caller answered 503 while it queued must not have its write happen after all.
                try Task.checkCancellation()
                // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a busy database.
                return try await self.writer.sql().inTransaction(begin: "BEGIN IMMEDIATE", body)
            }
        }
    }

    func close() async throws {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if let (checkpointer, task) = checkpointer {
            task.cancel()
            await task.value
            await checkpointer.close()
        }
        try await writeLock.withLock {
            for reader in self.readers {
                try? await reader.close().get()
            }
            if let (handle, pool) = self.batchWriter {
                try? await pool.runIfActive { handle.close() }
            }
            for reader in self.codeReaders { reader.withLockedValue { $0.close() } }
            try await self.writer.close().get()
        }
        for pool in pools { try? await pool.shutdownGracefully() }
        try? await writerLoop?.shutdownGracefully()
    }

    /// The writer's loop, where `chainedWrite` answers.
    var writerEventLoop: any EventLoop { writer.eventLoop }

    /// One IMMEDIATE transaction whose statements are chained as futures on the writer's event loop, so
    /// that a busy server never sends the transaction back through Swift's task queue between statements
    /// (survey submissions: thousands a second, one transaction per batch).
    func chainedWrite<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let connection = writer
        guard !isClosed.load(ordering: .acquiring) else { return connection.eventLoop.makeFailedFuture(DatabaseError.closed) }
        return writeLock.withLock {
            connection.query("BEGIN IMMEDIATE", []).flatMap { _ in body(connection) }
                .flatMap { value in connection.query("COMMIT", []).map { _ in value } }
                .flatMapError { error in
                    connection.query("ROLLBACK", []).flatMapThrowing { _ in throw error }.flatMapErrorThrowing { _ in throw error }
                }
        }
    }

}
