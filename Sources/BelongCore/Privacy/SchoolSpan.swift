import Foundation

/// The span of one school's shown groups, shaped for what a school's groups are: mostly classes, which
/// do not overlap, and a handful of wide groups (the school, its grades, its attribute values).
///
/// Groups that do not overlap are kept as blocks: a vector less its part in their span is the vector with
/// each block's first column brought to zero (subtract that entry times the block). What the wide groups
/// add beside the blocks is a few dense rows, fully reduced and zero at every block's first column, so a
/// vector's leftover is one pass over the blocks it touches and the few rows whose pivots it has. Columns
/// known to add nothing (cells where nobody gave the figure) are dropped: adding them to any sum is free,
/// so a vector lies in the span with them exactly when it does without its entries there.
///
/// The leftover is the same for every vector that differs from another by something in the span, so it
/// names the vector's class modulo the span — the district audit uses it as coordinates.
struct SchoolSpan: Sendable {
    let columns: Int
    private let dropped: [Bool]
    /// Each column's block, or -1; blocks' columns one after another, block b at blockStart[b]..<blockStart[b + 1].
    private var blockOf: [Int]
    private var blockColumns: [Int] = []
    private var blockStart: [Int] = [0]
    /// Dense rows of the wide groups' parts beside the blocks, each 1 at its pivot and 0 at the other pivots.
    private var rows: [[Double]] = []
    private var pivots: [Int] = []
    /// Each column's row when it is a pivot, or -1.
    private var rowOf: [Int]
    /// Each row's nonzero columns other than its pivot, for adding a row into a sparse vector.
    private var rowEntries: [[Int]] = []
    private static let zero = 1e-9

    /// The span of some groups given as columns (`supports`), with `dropped` columns known to add nothing.
    init(columns: Int, groups supports: [[Int]], dropped: [Bool]? = nil) {
        self.init(columns: columns, groups: supports.indices.sorted { supports[$0].count < supports[$1].count }, members: FlatLists(supports),
                  column: Array(0..<columns), dropped: dropped)
    }

    /// The span of `groups`, narrowest first, each the cells `members[group]`, a cell being column
    /// `column[cell]` (-1: none). Built for every school and every figure, so without a vector per group.
    init(columns: Int, groups: [Int], members: FlatLists, column: [Int], dropped: [Bool]? = nil) {
        self.columns = columns
        let dropped = dropped ?? [Bool](repeating: false, count: columns)
        self.dropped = dropped
        blockOf = [Int](repeating: -1, count: columns)
        rowOf = [Int](repeating: -1, count: columns)
        func kept(_ cell: Int) -> Int? {
            let at = column[cell]
            return at >= 0 && !dropped[at] ? at : nil
        }
        var wide: [Int] = []
        // Narrowest first (the order given): classes become blocks, and what overlaps them is a wide row.
        for group in groups {
            var any = false, free = true
            for cell in members[group] {
                guard let at = kept(cell) else { continue }
                any = true
                if blockOf[at] >= 0 { free = false; break }
            }
            guard any else { continue }
            guard free else { wide.append(group); continue }
            let block = blockStart.count - 1
            // Any column of a block serves as its pivot, so long as it is always the same one: the first met.
            for cell in members[group] { if let at = kept(cell) { blockOf[at] = block; blockColumns.append(at) } }
            blockStart.append(blockColumns.count)
        }
        var done = [Int](repeating: -1, count: blockStart.count - 1)
        var vector = [Double](repeating: 0, count: columns)
        for (stamp, group) in wide.enumerated() {
            for index in vector.indices { vector[index] = 0 }
            for cell in members[group] { if let at = kept(cell) { vector[at] += 1 } }
            for cell in members[group] {
                guard let at = kept(cell) else { continue }
                let block = blockOf[at]
                guard block >= 0, done[block] != stamp else { continue }
                done[block] = stamp
                let factor = vector[blockColumns[blockStart[block]]]
                if factor != 0 { for slot in blockStart[block]..<blockStart[block + 1] { vector[blockColumns[slot]] -= factor } }
            }
            addWide(&vector)
        }
    }

    private func blockSize(_ block: Int) -> Int { blockStart[block + 1] - blockStart[block] }
    private func blockPivot(_ block: Int) -> Int { blockColumns[blockStart[block]] }

    /// Adds a vector already brought to zero at every block's first column.
    private mutating func addWide(_ vector: inout [Double]) {
        for (row, pivot) in zip(rows, pivots) {
            let factor = vector[pivot]
            guard abs(factor) >= Self.zero else { continue }
            for column in 0..<columns where row[column] != 0 { vector[column] -= factor * row[column] }
        }
        guard let pivot = vector.firstIndex(where: { abs($0) >= Self.zero }) else { return }
        let scale = vector[pivot]
        for column in 0..<columns { vector[column] = abs(vector[column]) < Self.zero ? 0 : vector[column] / scale }
        vector[pivot] = 1
        for index in rows.indices {
            let factor = rows[index][pivot]
            guard factor != 0 else { continue }
            for column in 0..<columns where vector[column] != 0 {
                let updated = rows[index][column] - factor * vector[column]
                rows[index][column] = abs(updated) < Self.zero ? 0 : updated
            }
            rows[index][pivot] = 0
            rowEntries[index] = (0..<columns).filter { $0 != pivots[index] && rows[index][$0] != 0 }
        }
        rowOf[pivot] = rows.count
        rows.append(vector)
        pivots.append(pivot)
        rowEntries.append((0..<columns).filter { $0 != pivot && vector[$0] != 0 })
    }

    /// The same span with some columns' unit vectors added (cells found to add nothing for a figure):
    /// each one's leftover, when there is any, becomes one more wide row.
    func adding(units: [Int]) -> SchoolSpan {
        var span = self
        for column in units {
            let rest = span.residual(sparse: [column: 1])
            guard !rest.isEmpty else { continue }
            var vector = [Double](repeating: 0, count: columns)
            for (at, value) in rest { vector[at] = value }
            span.addWide(&vector)
        }
        return span
    }

    /// What is left of a vector once its part in the span is taken out.
    func residual(sparse entries: [Int: Double]) -> [Int: Double] {
        var vector: [Int: Double] = [:]
        for (column, value) in entries where !dropped[column] { vector[column, default: 0] += value }
        var touched = Set<Int>()
        for column in vector.keys where blockOf[column] >= 0 { touched.insert(blockOf[column]) }
        for block in touched {
            guard let factor = vector[blockPivot(block)], factor != 0 else { continue }
            for slot in blockStart[block]..<blockStart[block + 1] { vector[blockColumns[slot], default: 0] -= factor }
        }
        for (index, pivot) in pivots.enumerated() {
            guard let factor = vector[pivot], abs(factor) >= Self.zero else { continue }
            vector[pivot] = 0
            for column in rowEntries[index] { vector[column, default: 0] -= factor * rows[index][column] }
        }
        return vector.filter { abs($0.value) >= Self.zero }
    }

    func residual(support: [Int]) -> [Int: Double] {
        residual(sparse: Dictionary(support.map { ($0, 1.0) }, uniquingKeysWith: +))
    }

    func contains(support: [Int]) -> Bool { residual(support: support).isEmpty }

    /// Whether a single column can be worked out from the span: a block of one, or its leftover is nothing.
    /// Asked of every cell, so the common cases are answered without building a vector.
    func reaches(_ column: Int) -> Bool {
        if dropped[column] { return true }
        let block = blockOf[column]
        if block >= 0, blockSize(block) == 1 { return true }
        // Not a block's first column: the block leaves it as it is, and only a wide row pivoting on it with
        // nothing else in it takes it away.
        if block < 0 || blockPivot(block) != column { return rowOf[column] >= 0 && rowEntries[rowOf[column]].isEmpty }
        // A block's first column: the block turns it into minus the block's other columns, and only wide
        // rows pivoting on some of those can take that away.
        let others = blockColumns[(blockStart[block] + 1)..<blockStart[block + 1]]
        guard others.contains(where: { rowOf[$0] >= 0 }) else { return false }
        return residual(sparse: [column: 1]).isEmpty
    }
}
