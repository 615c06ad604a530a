import Foundation

/// The span of some vectors, by Gaussian elimination: every figure anyone could compute by adding
/// and subtracting the figures of the groups they span.
///
/// Rows are sparse and kept fully reduced (each pivot column is zero in every other row). The groups of
/// a school are mostly classes, a handful of cells each and disjoint, so the rows stay sparse: a dense
/// elimination spent almost all its time on zeros.
public struct RowSpace: Sendable {
    private struct Row: Sendable {
        let pivot: Int
        /// The entries outside the pivot column (whose entry is 1).
        var entries: [Int: Double]
    }

    private var rows: [Row] = []
    /// The row whose pivot a column is, or -1.
    private var pivotRow: [Int]
    /// For each column, rows that may have an entry there (stale ones are skipped when read).
    private var rowsWith: [[Int]]
    private static let zero = 1e-9

    public init(columns: Int) {
        pivotRow = [Int](repeating: -1, count: columns)
        rowsWith = [[Int]](repeating: [], count: columns)
    }

    public init(_ vectors: [[Double]]) {
        self.init(columns: vectors.first?.count ?? 0)
        for vector in vectors { add(vector) }
    }

    public mutating func add(_ vector: [Double]) {
        add(entries: vector.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) })
    }

    /// Adds the vector that is 1 in the given columns and 0 elsewhere (a group's cells).
    public mutating func add(support: [Int]) {
        add(entries: support.map { ($0, 1.0) })
    }

    private mutating func add(entries: [(Int, Double)]) {
        // Vectors longer than the space was made for widen it.
        if let widest = entries.map(\.0).max(), widest >= pivotRow.count {
            pivotRow += [Int](repeating: -1, count: widest + 1 - pivotRow.count)
            rowsWith += [[Int]](repeating: [], count: widest + 1 - rowsWith.count)
        }
        var reduced = reduce(entries)
        guard let pivot = reduced.keys.min() else { return }
        let scale = reduced.removeValue(forKey: pivot)!
        for column in reduced.keys { reduced[column]! /= scale }
        let index = rows.count
        // Clear the new pivot column from the other rows.
        for other in rowsWith[pivot] {
            guard let factor = rows[other].entries.removeValue(forKey: pivot) else { continue }
            for (column, value) in reduced {
                let updated = (rows[other].entries[column] ?? 0) - factor * value
                if abs(updated) < Self.zero {
                    rows[other].entries.removeValue(forKey: column)
                } else {
                    if rows[other].entries[column] == nil { rowsWith[column].append(other) }
                    rows[other].entries[column] = updated
                }
            }
        }
        rowsWith[pivot] = []
        for column in reduced.keys { rowsWith[column].append(index) }
        pivotRow[pivot] = index
        rows.append(Row(pivot: pivot, entries: reduced))
    }

    /// The vector less its part in the span: with fully reduced rows, one pass over its own pivot columns.
    private func reduce(_ entries: [(Int, Double)]) -> [Int: Double] {
        var vector: [Int: Double] = [:]
        vector.reserveCapacity(entries.count)
        for (column, value) in entries { vector[column, default: 0] += value }
        for (column, _) in entries where column < pivotRow.count && pivotRow[column] >= 0 {
            guard let factor = vector.removeValue(forKey: column), abs(factor) >= Self.zero else { continue }
            for (other, entry) in rows[pivotRow[column]].entries { vector[other, default: 0] -= factor * entry }
        }
        return vector.filter { abs($0.value) >= Self.zero }
    }

    /// The columns whose unit vector lies in the span: with the rows kept fully reduced, exactly those
    /// whose row has no other entry (any other entry sits in a free column, which a null-space vector uses).
    public var unitColumns: Set<Int> {
        Set(rows.filter { row in row.entries.values.allSatisfy { abs($0) < Self.zero } }.map(\.pivot))
    }

    public func contains(_ vector: [Double]) -> Bool {
        reduce(vector.enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) }).isEmpty
    }

    /// Whether the vector that is 1 in the given columns lies in the span.
    public func contains(support: [Int]) -> Bool {
        reduce(support.map { ($0, 1.0) }).isEmpty
    }

    func contains(sparse vector: [Int: Double]) -> Bool {
        reduce(vector.map { ($0.key, $0.value) }).isEmpty
    }

    /// Adds a sparse vector as it is.
    mutating func add(sparse vector: [Int: Double]) {
        add(entries: vector.map { ($0.key, $0.value) })
    }

    /// The pivot columns, in the order their rows were added: a vector of the span is the sum of its
    /// entries at these columns times their rows, so those entries are its coordinates.
    var pivots: [Int] { rows.map(\.pivot) }

    var isEmpty: Bool { rows.isEmpty }
}
