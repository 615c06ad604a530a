import Foundation

/// The span of some vectors, by Gaussian elimination: every figure anyone could compute by adding
/// and subtracting the figures of the groups they span.
public struct RowSpace: Sendable {
    private var rows: [(pivot: Int, row: [Double])] = []

    public init(_ vectors: [[Double]]) {
        for vector in vectors { add(vector) }
    }

    public mutating func add(_ vector: [Double]) {
        var reduced = reduce(vector)
        guard let pivot = reduced.firstIndex(where: { abs($0) > 1e-9 }) else { return }
        let scale = reduced[pivot]
        for index in reduced.indices { reduced[index] /= scale }
        for index in rows.indices where abs(rows[index].row[pivot]) > 1e-9 {
            let factor = rows[index].row[pivot]
            for column in reduced.indices where reduced[column] != 0 { rows[index].row[column] -= factor * reduced[column] }
        }
        rows.append((pivot, reduced))
    }

    private func reduce(_ vector: [Double]) -> [Double] {
        var vector = vector
        for (pivot, row) in rows where abs(vector[pivot]) > 1e-9 {
            let factor = vector[pivot]
            for column in vector.indices where row[column] != 0 { vector[column] -= factor * row[column] }
        }
        return vector
    }

    /// The columns whose unit vector lies in the span: with the rows kept fully reduced, exactly those
    /// whose row has no other entry (any other entry sits in a free column, which a null-space vector uses).
    public var unitColumns: Set<Int> {
        Set(rows.filter { row in row.row.enumerated().allSatisfy { $0.offset == row.pivot || abs($0.element) < 1e-9 } }.map(\.pivot))
    }

    public func contains(_ vector: [Double]) -> Bool {
        reduce(vector).allSatisfy { abs($0) < 1e-9 }
    }
}
