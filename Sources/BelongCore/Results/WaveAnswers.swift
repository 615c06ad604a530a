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

    /// Each response's cell (an index into `cells`), in the order the responses were added.
    public var responseCells: [UInt32] { cellOfResponse }

    public mutating func reserveCapacity(_ responses: Int) {
        cellOfResponse.reserveCapacity(responses)
        answers.reserveCapacity(responses * layout.items.count)
    }

    /// Adds one response; answers beyond the wave's items are ignored, missing ones count as skipped,
    /// and values outside an item's scale as skipped too (they were refused on the way in).
    public mutating func append<C: Collection>(_ packed: C, in cell: ResultCell) where C.Element == UInt8 {
        let index = self.cell(cell)
        Array(packed).withUnsafeBytes { append(packed: $0, cell: index) }
    }

    /// The index of a cell, registering it the first time: loaders look a cell up once, not per response.
    public mutating func cell(_ cell: ResultCell) -> UInt32 {
        if let known = cellIndex[cell] { return known }
        let index = UInt32(cells.count)
        cells.append(cell)
        cellIndex[cell] = index
        return index
    }

    /// Adds one response whose cell is already known, straight from the stored bytes.
    public mutating func append(packed bytes: UnsafeRawBufferPointer, cell index: UInt32) {
        precondition(Int(index) < cells.count)
        cellOfResponse.append(index)
        let itemCount = layout.items.count
        layout.valid.withUnsafeBufferPointer { valid in
            for item in 0..<itemCount {
                let value = item < bytes.count ? bytes[item] : 0
                answers.append(value < 6 && valid[item * 6 + Int(value)] ? value : 0)
            }
        }
    }

    /// The memory the packed answers take, for the engine's budget (under 64 bytes a response).
    public var bytesPerResponse: Double {
        count == 0 ? 0 : Double(answers.capacity + cellOfResponse.capacity * 4) / Double(count)
    }

    /// One summary per cell, in `cells` order, from one pass over every response.
    public func summarizeCells() -> [GroupSummary] {
        let sums = sum(responses: 0..<count)
        return (0..<sums.rows).map(sums.summary)
    }

    /// Every cell's sums in flat arrays, the pass split over `parts` threads and added at the end.
    public func cellSums(parts: Int) -> Sums {
        guard parts > 1, count > 50_000 else { return sum(responses: 0..<count) }
        let size = (count + parts - 1) / parts
        let pieces = NSLockedArray<Sums>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            pieces.set(part, sum(responses: (part * size)..<min(count, (part + 1) * size)))
        }
        let values = pieces.values.compactMap { $0 }
        var total = values[0]
        for piece in values.dropFirst() { total.add(piece) }
        return total
    }

    /// The pass itself: each answer is counted once, and each scale's score built from the same walk
    /// over the row. Flat arrays and unchecked pointers, because this loop is the engine.
    func sum(responses range: Range<Int>) -> Sums {
        let itemCount = layout.items.count
        let scaleCount = layout.scales.count
        let slots = scaleCount + 1  // the scales, then the total
        let cellCount = cells.count
        // Which scale slot each item feeds (−1: none), and whether it feeds the total.
        var scaleOfItem = [Int](repeating: -1, count: itemCount)
        for (index, scale) in layout.scales.enumerated() { for item in scale.items { scaleOfItem[item] = index } }
        var inTotal = [Bool](repeating: false, count: itemCount)
        for item in layout.total.items { inTotal[item] = true }
        let minimum = (layout.scales.map(\.minimumAnswered) + [layout.total.minimumAnswered])

        var sums = Sums(rows: cellCount, items: itemCount, slots: slots)
        var itemCounts = sums.itemCounts, respondents = sums.respondents, scoreN = sums.scoreN
        var scoreSum = sums.scoreSum, scoreSquares = sums.scoreSquares, levels = sums.levels
        sums.itemCounts = []; sums.respondents = []; sums.scoreN = []; sums.scoreSum = []; sums.scoreSquares = []; sums.levels = []
        var answered = [Int](repeating: 0, count: slots)
        var totals = [Double](repeating: 0, count: slots)
        var units = [Double](repeating: 0, count: slots)

        answers.withUnsafeBufferPointer { answers in
        cellOfResponse.withUnsafeBufferPointer { cellOf in
        layout.scored.withUnsafeBufferPointer { scored in
        layout.levelUnits.withUnsafeBufferPointer { levelUnits in
        scaleOfItem.withUnsafeBufferPointer { scaleOf in
        inTotal.withUnsafeBufferPointer { inTotal in
        minimum.withUnsafeBufferPointer { minimum in
        itemCounts.withUnsafeMutableBufferPointer { itemCounts in
        respondents.withUnsafeMutableBufferPointer { respondents in
        scoreN.withUnsafeMutableBufferPointer { scoreN in
        scoreSum.withUnsafeMutableBufferPointer { scoreSum in
        scoreSquares.withUnsafeMutableBufferPointer { scoreSquares in
        levels.withUnsafeMutableBufferPointer { levels in
        answered.withUnsafeMutableBufferPointer { answered in
        totals.withUnsafeMutableBufferPointer { sums in
        units.withUnsafeMutableBufferPointer { units in
            for response in range {
                let cell = Int(cellOf[response])
                respondents[cell] &+= 1
                let row = response &* itemCount
                let counts = cell &* itemCount &* 6
                for slot in 0..<slots { answered[slot] = 0; sums[slot] = 0; units[slot] = 0 }
                for item in 0..<itemCount {
                    let value = Int(answers[row &+ item])
                    itemCounts[counts &+ item &* 6 &+ value] &+= 1
                    guard value != 0 else { continue }
                    let score = scored[item &* 6 &+ value]
                    let inUnits = 1 + (score - 1) * levelUnits[item]
                    let scale = scaleOf[item]
                    if scale >= 0 {
                        answered[scale] &+= 1
                        sums[scale] += score
                        units[scale] += inUnits
                    }
                    if inTotal[item] {
                        answered[scaleCount] &+= 1
                        sums[scaleCount] += score
                        units[scaleCount] += inUnits
                    }
                }
                let base = cell &* slots
                for slot in 0..<slots where answered[slot] >= minimum[slot] && answered[slot] > 0 {
                    let count = Double(answered[slot])
                    let score = sums[slot] / count
                    scoreN[base &+ slot] &+= 1
                    scoreSum[base &+ slot] += score
                    scoreSquares[base &+ slot] += score * score
                    let level = ConnectednessLevel(score: units[slot] / count).rawValue
                    levels[(base &+ slot) &* 3 &+ level] &+= 1
                }
            }
        }}}}}}}}}}}}}}}}

        sums.itemCounts = itemCounts; sums.respondents = respondents; sums.scoreN = scoreN
        sums.scoreSum = scoreSum; sums.scoreSquares = scoreSquares; sums.levels = levels
        return sums
    }

    /// Cronbach's alpha sums of each scale over the responses in the given cells (complete answers only).
    public func reliabilitySums(cells included: Set<Int>) -> [Reliability.Sums] {
        var wanted = [Bool](repeating: false, count: cells.count)
        for cell in included { wanted[cell] = true }
        var sums = layout.scales.map { Reliability.Sums(items: $0.items.count) }
        let itemCount = layout.items.count
        var values: [Double] = []
        for response in 0..<cellOfResponse.count where wanted[Int(cellOfResponse[response])] {
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

/// Slots filled from several threads, each written once.
final class NSLockedArray<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
