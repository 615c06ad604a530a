import Foundation
import NIOCore
import SQLiteNIO
// SQLiteNIO's own build of SQLite (its C target): the same library and file format, called directly.
import VaporCSQLite

/// A bare SQLite connection, called synchronously by one thread at a time, with its statements
/// prepared once and kept. The two hottest paths use it: the submission writer (a whole batch in one
/// go on the writer's thread, instead of a hop between threads for every statement) and the code
/// lookup (one indexed row read on the caller's thread). Everything else goes through SQLiteNIO.
final class SQLiteHandle: @unchecked Sendable {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    let path: String

    /// Opens the file (which must exist: SQLiteBackend creates and migrates it) with the pragmas given.
    init(path: String, readOnly: Bool = false, pragmas: [String]) throws {
        self.path = path
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK else {
            let message = db.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite_nio_sqlite3_close(db)
            db = nil
            throw SQLiteHandleError(code: status, message: message)
        }
        for pragma in pragmas { try execute(pragma) }
    }

    deinit { close() }

    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let db { sqlite_nio_sqlite3_close(db) }
        db = nil
    }

    /// Statements without parameters or rows (BEGIN, COMMIT, PRAGMA …).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite_nio_sqlite3_exec(db, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "error \(status)"
            sqlite_nio_sqlite3_free(message)
            throw SQLiteHandleError(code: status, message: "\(text) (\(sql))")
        }
    }

    /// Runs one statement; returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ binds: [SQLiteData]) throws -> Int {
        let statement = try prepared(sql, binds)
        defer { sqlite_nio_sqlite3_reset(statement) }
        var status = sqlite_nio_sqlite3_step(statement)
        while status == SQLITE_ROW { status = sqlite_nio_sqlite3_step(statement) }
        guard status == SQLITE_DONE else { throw error(status, sql) }
        return Int(sqlite_nio_sqlite3_changes(db))
    }

    /// Runs one query and hands each row to `each` while the statement is positioned on it.
    func rows(_ sql: String, _ binds: [SQLiteData], _ each: (Row) throws -> Void) throws {
        let statement = try prepared(sql, binds)
        defer { sqlite_nio_sqlite3_reset(statement) }
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw error(status, sql) }
            try each(Row(statement: statement))
        }
    }

    /// A row being read: valid only inside the `rows` callback.
    struct Row {
        let statement: OpaquePointer

        func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL }

        func text(_ column: Int32) -> String? {
            guard !isNull(column), let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
            return String(cString: bytes)
        }

        func integer(_ column: Int32) -> Int? {
            isNull(column) ? nil : Int(sqlite_nio_sqlite3_column_int64(statement, column))
        }
    }

    private func prepared(_ sql: String, _ binds: [SQLiteData]) throws -> OpaquePointer {
        let statement: OpaquePointer
        if let cached = statements[sql] {
            statement = cached
            sqlite_nio_sqlite3_clear_bindings(statement)
        } else {
            var made: OpaquePointer?
            let status = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &made, nil)
            guard status == SQLITE_OK, let made else { throw error(status, sql) }
            statements[sql] = made
            statement = made
        }
        for (offset, bind) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch bind {
            case .text(let value):
                status = sqlite_nio_sqlite3_bind_text64(statement, index, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .integer(let value):
                status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
            case .float(let value):
                status = sqlite_nio_sqlite3_bind_double(statement, index, value)
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
                }
            case .null:
                status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw error(status, sql) }
        }
        return statement
    }

    private func error(_ status: Int32, _ sql: String) -> SQLiteHandleError {
        let message = sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "error \(status)"
        return SQLiteHandleError(code: status, message: "\(message) (\(sql))")
    }

    /// SQLite copies bound values before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

struct SQLiteHandleError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}
