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
