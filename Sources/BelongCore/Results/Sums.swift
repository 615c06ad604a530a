import Foundation

/// Counts and sums for many groups at once, in flat arrays: one row per group (a cell, or a group of
/// cells), so that adding groups together is a loop over numbers, not over objects.
public struct Sums: Sendable {
    public let rows: Int
    let items: Int
    /// The scales, then the total.
    let slots: Int
    var respondents: [Int]
    /// rows × items × 6: answers by value (0 = skipped). Counts are 32 bits (a wave's responses are far
    /// fewer than 4 billion): the summary's time goes mostly to clearing, filling and adding these arrays.
    var itemCounts: [UInt32]
    /// rows × slots: scored respondents, sum and sum of squares of their scores.
    var scoreN: [UInt32]
    var scoreSum: [Double]
    var scoreSquares: [Double]
    /// rows × slots × 3: high, moderate, low.
    var levels: [UInt32]

    init(rows: Int, items: Int, slots: Int) {
        self.rows = rows
        self.items = items
        self.slots = slots
        respondents = Array(repeating: 0, count: rows)
        itemCounts = Array(repeating: 0, count: rows * items * 6)
        scoreN = Array(repeating: 0, count: rows * slots)
        scoreSum = Array(repeating: 0, count: rows * slots)
        scoreSquares = Array(repeating: 0, count: rows * slots)
        levels = Array(repeating: 0, count: rows * slots * 3)
    }

    /// Adds row `source` of `other` into row `target` of this.
    mutating func add(_ other: Sums, row source: Int, into target: Int) {
        respondents[target] &+= other.respondents[source]
        let width = items * 6
        itemCounts.withUnsafeMutableBufferPointer { sum in
            other.itemCounts.withUnsafeBufferPointer { more in
                let to = target * width, from = source * width
                for index in 0..<width { sum[to &+ index] &+= more[from &+ index] }
            }
        }
        for slot in 0..<slots {
            scoreN[target * slots + slot] &+= other.scoreN[source * slots + slot]
            scoreSum[target * slots + slot] += other.scoreSum[source * slots + slot]
            scoreSquares[target * slots + slot] += other.scoreSquares[source * slots + slot]
        }
        for index in 0..<(slots * 3) { levels[target * slots * 3 + index] &+= other.levels[source * slots * 3 + index] }
    }

    /// Adds every row of `other` (the same shape) into this.
    mutating func add(_ other: Sums) {
        for row in 0..<rows { add(other, row: row, into: row) }
    }

    /// Each figure's respondents by row, in the privacy filter's order of figures (DOMAIN.md §4): for
    /// each item those who answered it, then for each scale and the total those scored on it.
    var figureCounts: [[Int]] {
        var figures = [[Int]](repeating: [Int](repeating: 0, count: rows), count: items + slots)
        for row in 0..<rows {
            for item in 0..<items {
                let base = (row * items + item) * 6
                figures[item][row] = Int(itemCounts[base + 1] + itemCounts[base + 2] + itemCounts[base + 3] + itemCounts[base + 4] + itemCounts[base + 5])
            }
            for slot in 0..<slots { figures[items + slot][row] = Int(scoreN[row * slots + slot]) }
        }
        return figures
    }

    /// One row as a summary.
    public func summary(_ row: Int) -> GroupSummary {
        let scaleCount = slots - 1
        var summary = GroupSummary(items: items, scales: scaleCount)
        summary.respondents = respondents[row]
        summary.itemCounts = itemCounts[(row * items * 6)..<((row + 1) * items * 6)].map { Int($0) }
        for slot in 0..<slots {
            let index = row * slots + slot
            let value = GroupSummary.ScaleSummary(
                score: MeanEstimate(n: Int(scoreN[index]), sum: scoreSum[index], sumOfSquares: scoreSquares[index]),
                high: Int(levels[index * 3]), moderate: Int(levels[index * 3 + 1]), low: Int(levels[index * 3 + 2]))
            if slot == scaleCount { summary.total = value } else { summary.scales[slot] = value }
        }
        return summary
    }
}
