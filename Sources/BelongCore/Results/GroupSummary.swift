import Foundation

/// Everything the results pages report about a group of respondents, kept as counts and sums so
/// that groups add up exactly: the summary of a school is the sum of its cells' summaries.
public struct GroupSummary: Sendable, Hashable {
    public struct ScaleSummary: Sendable, Hashable {
        /// Respondents with a score (two thirds of the items answered), their mean and spread.
        public var score = MeanEstimate()
        /// Respondents high, moderate and low.
        public var high = 0, moderate = 0, low = 0

        public init(score: MeanEstimate = MeanEstimate(), high: Int = 0, moderate: Int = 0, low: Int = 0) {
            self.score = score
            self.high = high
            self.moderate = moderate
            self.low = low
        }

        /// High, moderate, low (ConnectednessLevel order).
        public var levels: [Int] { [high, moderate, low] }

        public static func + (left: ScaleSummary, right: ScaleSummary) -> ScaleSummary {
            ScaleSummary(score: left.score + right.score, high: left.high + right.high, moderate: left.moderate + right.moderate, low: left.low + right.low)
        }
    }

    public var respondents = 0
    /// items × 6: how many answered each value (index 0 counts those who skipped the item).
    public var itemCounts: [Int]
    public var scales: [ScaleSummary]
    public var total = ScaleSummary()

    public init(items: Int, scales: Int) {
        itemCounts = Array(repeating: 0, count: items * 6)
        self.scales = Array(repeating: ScaleSummary(), count: scales)
    }

    public static func + (left: GroupSummary, right: GroupSummary) -> GroupSummary {
        var sum = left
        sum += right
        return sum
    }

    public static func += (left: inout GroupSummary, right: GroupSummary) {
        left.respondents += right.respondents
        left.itemCounts.withUnsafeMutableBufferPointer { sum in
            right.itemCounts.withUnsafeBufferPointer { more in
                for index in 0..<min(sum.count, more.count) { sum[index] &+= more[index] }
            }
        }
        for index in left.scales.indices { left.scales[index] = left.scales[index] + right.scales[index] }
        left.total = left.total + right.total
    }

    /// How many chose each value of an item (1…5 or 1…3).
    public func distribution(ofItem item: Int, top: Int) -> [Int] {
        (1...top).map { itemCounts[item * 6 + $0] }
    }

    /// Answers to an item (skips excluded).
    public func answered(item: Int) -> Int {
        (1..<6).reduce(0) { $0 + itemCounts[item * 6 + $1] }
    }

    /// Percent favourable of one item (DOMAIN.md §2).
    public func favourable(item: Int, in layout: ResultsLayout) -> ProportionEstimate {
        var count = 0, n = 0
        for value in 1..<6 {
            let answers = itemCounts[item * 6 + value]
            n += answers
            if layout.isFavourable(item: item, value: value) { count += answers }
        }
        return ProportionEstimate(count: count, n: n)
    }

    /// A scale's percent favourable: the favourable share of all its answered items.
    public func favourable(scale: ResultsLayout.Scale, in layout: ResultsLayout) -> ProportionEstimate {
        scale.items.reduce(ProportionEstimate(count: 0, n: 0)) { sum, item in
            let one = favourable(item: item, in: layout)
            return ProportionEstimate(count: sum.count + one.count, n: sum.n + one.n)
        }
    }

    /// The Connectedness index: the share of respondents scored high on the six feelings together.
    public var connectednessIndex: ProportionEstimate {
        ProportionEstimate(count: total.high, n: total.score.n)
    }
}
