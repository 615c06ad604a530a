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
        guard !rows.isEmpty else { return }
        // Stay far below PostgreSQL's 65,535 bind parameters per statement.
        let rowsPerStatement = max(1, 20_000 / max(columns.count, 1))
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerStatement, rows.count)
            let builder = insert(into: table).columns(columns)
            for row in rows[start..<end] {
                builder.values(row)
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
    func upsertRows(into table: String, columns: [String], rows: [[any SQLExpression]], key: [String]) async throws {
        guard !rows.isEmpty else { return }
        let rowsPerStatement = max(1, 20_000 / max(columns.count, 1))
        let updated = columns.filter { !key.contains($0) && $0 != "created_at" }
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerStatement, rows.count)
            let builder = insert(into: table).columns(columns)
            for row in rows[start..<end] { builder.values(row) }
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
