import Foundation
import SQLKit

/// A value bound into a query, or NULL.
func bindOrNull(_ value: (any Encodable & Sendable)?) -> any SQLExpression {
    guard let value else { return SQLLiteral.null }
    return SQLBind(value)
}

extension SQLDatabase {
    /// Inserts many rows in few statements; rows whose `conflictColumns` already exist are left as they are.
    func insertRows(
        into table: String, columns: [String], rows: [[any SQLExpression]], ignoringConflictsOn conflictColumns: [String]? = nil
    ) async throws {
        try await insertRows(into: table, columns: columns, from: rows, ignoringConflictsOn: conflictColumns) { $0 }
    }

    /// Inserts one row per item, building each statement's rows only when it is sent: a 200,000-row
    /// import never holds all its bound values at once.
    func insertRows<Items: RandomAccessCollection>(
        into table: String, columns: [String], from items: Items, ignoringConflictsOn conflictColumns: [String]? = nil,
        row: (Items.Element) -> [any SQLExpression]
    ) async throws where Items.Index == Int {
        guard !items.isEmpty else { return }
        // Stay far below PostgreSQL's 65,535 bind parameters per statement.
        let rowsPerStatement = max(1, 20_000 / max(columns.count, 1))
        var start = items.startIndex
        while start < items.endIndex {
            let end = min(start + rowsPerStatement, items.endIndex)
            let builder = insert(into: table).columns(columns)
            for item in items[start..<end] {
                builder.values(row(item))
            }
            if let conflictColumns {
                builder.ignoringConflicts(with: conflictColumns)
            }
            do {
                try await builder.run()
            } catch {
                throw StorageError(table: table, underlying: error)
            }
            start = end
        }
    }

    func count(_ table: String, where condition: ((SQLSelectBuilder) -> SQLSelectBuilder)? = nil) async throws -> Int {
        var query = select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let condition { query = condition(query) }
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

/// A failed write, naming the table so a log line says where to look.
struct StorageError: Error, CustomStringConvertible {
    let table: String
    let underlying: any Error

    var description: String { "writing \(table): \(underlying)" }
}

extension SQLDatabase {
    /// Inserts rows, or updates them when `key` already exists: every column but the key and
    /// `created_at` takes the new value.
    func upsertRows<Items: RandomAccessCollection>(
        into table: String, columns: [String], from items: Items, key: [String], row: (Items.Element) -> [any SQLExpression]
    ) async throws where Items.Index == Int {
        guard !items.isEmpty else { return }
        let rowsPerStatement = max(1, 20_000 / max(columns.count, 1))
        let updated = columns.filter { !key.contains($0) && $0 != "created_at" }
        var start = items.startIndex
        while start < items.endIndex {
            let end = min(start + rowsPerStatement, items.endIndex)
            let builder = insert(into: table).columns(columns)
            for item in items[start..<end] { builder.values(row(item)) }
            if updated.isEmpty {
                builder.ignoringConflicts(with: key)
            } else {
                builder.onConflict(with: key) { conflict in
                    var conflict = conflict
                    for column in updated { conflict = conflict.set(excludedValueOf: column) }
                    return conflict
                }
            }
            do {
                try await builder.run()
            } catch {
                throw StorageError(table: table, underlying: error)
            }
            start = end
        }
    }

    /// Runs `update` for ids in batches small enough for any database.
    func forBatches(of ids: [UUID], size: Int = 5_000, _ update: ([UUID]) async throws -> Void) async throws {
        var start = 0
        while start < ids.count {
            let end = min(start + size, ids.count)
            try await update(Array(ids[start..<end]))
            start = end
        }
    }
}

extension SQLQueryFetcher {
    /// Decodes rows as they arrive instead of holding every row first: loading 200,000 enrollments
    /// keeps only the decoded values.
    func collect<T: Sendable>(_ transform: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        let box = RowBox<T>()
        try await run { row in
            do { box.append(try transform(row)) } catch { box.fail(error) }
        }
        return try box.take()
    }
}

/// Where `collect` gathers values; rows arrive one at a time from the driver.
final class RowBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T] = []
    private var firstError: (any Error)?

    func append(_ value: T) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    func fail(_ error: any Error) {
        lock.lock()
        if firstError == nil { firstError = error }
        lock.unlock()
    }

    /// The values, or the first row that could not be read: a record silently skipped would be imported twice.
    func take() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        if let firstError { throw firstError }
        return values
    }
}
