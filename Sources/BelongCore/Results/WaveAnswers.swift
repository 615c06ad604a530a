import Foundation

/// One wave's responses as the results engine holds them: each response's choices packed one byte
/// per item, and the index of its cell. About 25 bytes a response, appended as responses arrive;
/// every summary is one pass over them.
public struct WaveAnswers: Sendable {
    public let layout: ResultsLayout
    public private(set) var cells: [ResultCell] = []
    private var cellIndex: [ResultCell: UInt32] = [:]
    private var cellOfResponse: [UInt32] = []
    private var answers: [UInt8] = []

    public init(layout: ResultsLayout) {
        self.layout = layout
    }

    public var count: Int { cellOfResponse.count }

    public mutating func reserveCapacity(_ responses: Int) {
        cellOfResponse.reserveCapacity(responses)
        answers.reserveCapacity(responses * layout.items.count)
    }

    /// Adds one response; answers beyond the wave's items are ignored, missing ones count as skipped,
    /// and values outside an item's scale as skipped too (they were refused on the way in).
    public mutating func append<C: Collection>(_ packed: C, in cell: ResultCell) where C.Element == UInt8 {
        let index: UInt32
        if let known = cellIndex[cell] {
            index = known
        } else {
            index = UInt32(cells.count)
            cells.append(cell)
            cellIndex[cell] = index
        }
        cellOfResponse.append(index)
        var written = 0
        for (item, value) in zip(layout.items.indices, packed) {
            answers.append(value < 6 && (value == 0 || layout.items[item].response.values?.contains(Int(value)) == true) ? value : 0)
            written += 1
        }
        for _ in written..<layout.items.count { answers.append(0) }
    }

    /// The memory the packed answers take, for the engine's budget (under 64 bytes a response).
    public var bytesPerResponse: Double {
        count == 0 ? 0 : Double(answers.capacity + cellOfResponse.capacity * 4) / Double(count)
    }

    /// One summary per cell, in `cells` order, from one pass over every response.
    public func summarizeCells() -> [GroupSummary] {
        let itemCount = layout.items.count
        let scaleCount = layout.scales.count
        var itemCounts = [Int](repeating: 0, count: cells.count * itemCount * 6)
        // Per cell and scale (the total last): n, sum, sum of squares, and the three levels.
        let stride = scaleCount + 1
        var scoreN = [Int](repeating: 0, count: cells.count * stride)
        var scoreSum = [Double](repeating: 0, count: cells.count * stride)
        var scoreSquares = [Double](repeating: 0, count: cells.count * stride)
        var levels = [Int](repeating: 0, count: cells.count * stride * 3)
        var respondents = [Int](repeating: 0, count: cells.count)
        let scales = layout.scales + [layout.total]
        layout.scored.withUnsafeBufferPointer { scored in
            layout.levelUnits.withUnsafeBufferPointer { units in
                answers.withUnsafeBufferPointer { answers in
                    itemCounts.withUnsafeMutableBufferPointer { itemCounts in
                        for response in 0..<cellOfResponse.count {
                            let cell = Int(cellOfResponse[response])
                            respondents[cell] += 1
                            let row = response * itemCount
                            let countsBase = cell * itemCount * 6
                            for item in 0..<itemCount {
                                itemCounts[countsBase + item * 6 + Int(answers[row + item])] += 1
                            }
                            for (scaleIndex, scale) in scales.enumerated() {
                                var answered = 0
                                var sum = 0.0, sumInUnits = 0.0
                                for item in scale.items {
                                    let value = Int(answers[row + item])
                                    guard value != 0 else { continue }
                                    answered += 1
                                    let score = scored[item * 6 + value]
                                    sum += score
                                    sumInUnits += 1 + (score - 1) * units[item]
                                }
                                guard answered >= scale.minimumAnswered, answered > 0 else { continue }
                                let score = sum / Double(answered)
                                let slot = cell * stride + scaleIndex
                                scoreN[slot] += 1
                                scoreSum[slot] += score
                                scoreSquares[slot] += score * score
                                levels[slot * 3 + ConnectednessLevel(score: sumInUnits / Double(answered)).rawValue] += 1
                            }
                        }
                    }
                }
            }
        }
        return cells.indices.map { cell in
            var summary = GroupSummary(items: itemCount, scales: scaleCount)
            summary.respondents = respondents[cell]
            summary.itemCounts = Array(itemCounts[(cell * itemCount * 6)..<((cell + 1) * itemCount * 6)])
            for scaleIndex in 0...scaleCount {
                let slot = cell * stride + scaleIndex
                let value = GroupSummary.ScaleSummary(
                    score: MeanEstimate(n: scoreN[slot], sum: scoreSum[slot], sumOfSquares: scoreSquares[slot]),
                    levels: Array(levels[(slot * 3)..<(slot * 3 + 3)]))
                if scaleIndex == scaleCount { summary.total = value } else { summary.scales[scaleIndex] = value }
            }
            return summary
        }
    }

    /// Cronbach's alpha sums of each scale over the responses in the given cells (complete answers only).
    public func reliabilitySums(cells included: Set<Int>) -> [Reliability.Sums] {
        var sums = layout.scales.map { Reliability.Sums(items: $0.items.count) }
        let itemCount = layout.items.count
        var values: [Double] = []
        for response in 0..<cellOfResponse.count where included.contains(Int(cellOfResponse[response])) {
            let row = response * itemCount
            for (index, scale) in layout.scales.enumerated() {
                values.removeAll(keepingCapacity: true)
                for item in scale.items {
                    let value = Int(answers[row + item])
                    guard value != 0 else { break }
                    values.append(layout.scored[item * 6 + value])
                }
                if values.count == scale.items.count { sums[index].add(values) }
            }
        }
        return sums
    }
}
