import Foundation
import SQLKit
import Testing
@testable import BelongServer

@Suite("Storage")
struct DatabaseTests {
    static func temporaryFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("belong-test-\(UUID().uuidString).sqlite").path
    }

    static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("an SQLite file opens in WAL mode with foreign keys on and a busy timeout")
    func sqlitePragmas() async throws {
        let path = Self.temporaryFile()
        defer { Self.removeFiles(path) }
        let database = try await Database.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        let (journal, foreignKeys, timeout) = try await database.write { db in
            (try await db.raw("PRAGMA journal_mode").first()!.decode(column: "journal_mode", as: String.self),
             try await db.raw("PRAGMA foreign_keys").first()!.decode(column: "foreign_keys", as: Int.self),
             try await db.raw("PRAGMA busy_timeout").first()!.decode(column: "timeout", as: Int.self))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(timeout >= 1000)
        try await database.close()
    }

    @Test("readers see what the writer committed, and cannot write themselves")
    func readersAndWriter() async throws {
        let path = Self.temporaryFile()
        defer { Self.removeFiles(path) }
        let database = try await Database.open(.sqliteFile(path: path), options: .init(sqliteReaders: 3), logger: TestDatabase.logger)
        try await database.write { db in
            try await db.create(table: "notes").column("body", type: .text).run()
            try await db.insert(into: "notes").columns("body").values(SQLBind("hello")).run()
        }
        for _ in 0..<6 {
            let count = try await database.read { db in try await db.count("notes") }
            #expect(count == 1)
        }
        await #expect(throws: (any Error).self) {
            try await database.read { db in try await db.insert(into: "notes").columns("body").values(SQLBind("sneaky")).run() }
        }
        try await database.close()
    }

    @Test("a write that fails part-way keeps nothing")
    func atomicWrites() async throws {
        try await TestDatabase.withEmpty { (database: Database) async throws in
            try await database.write { db in try await db.create(table: "notes").column("body", type: .text, .notNull).run() }
            await #expect(throws: (any Error).self) {
                try await database.write { db in
                    try await db.insert(into: "notes").columns("body").values(SQLBind("kept?")).run()
                    try await db.insert(into: "notes").columns("body").values(SQLLiteral.null).run()
                }
            }
            #expect(try await database.read { db in try await db.count("notes") } == 0)
        }
    }

    @Test("concurrent writes are all kept")
    func concurrentWrites() async throws {
        try await TestDatabase.withEmpty { (database: Database) async throws in
            try await database.write { db in try await db.create(table: "notes").column("n", type: .int, .notNull).run() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        try await database.write { db in try await db.insert(into: "notes").columns("n").values(SQLBind(n)).run() }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.read { db in try await db.count("notes") } == 40)
        }
    }

    @Test("a missing folder is reported in words, not as SQLite's error code")
    func missingFolder() async {
        await #expect {
            try await Database.open(.sqliteFile(path: "/no/such/folder/belong.sqlite"), logger: TestDatabase.logger)
        } throws: { error in
            String(describing: error).contains("the folder /no/such/folder does not exist")
        }
    }

    @Test("an unwritable folder is reported before SQLite tries", .enabled(if: getuid() != 0, "root can write anywhere"))
    func unwritableFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("belong-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect {
            try await Database.open(.sqliteFile(path: folder.appendingPathComponent("b.sqlite").path), logger: TestDatabase.logger)
        } throws: { error in
            String(describing: error).contains("not writable")
        }
    }

    @Test("an unreachable PostgreSQL server is reported with the reason")
    func unreachablePostgres() async {
        await #expect {
            try await Database.open(.postgres(url: "postgres://belong@127.0.0.1:1/belong"), logger: TestDatabase.logger)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("Cannot reach the database") && text.contains("refused")
        }
    }
}
