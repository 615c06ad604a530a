import Foundation

/// Internal consistency of a scale in one wave (DOMAIN.md §3): Cronbach's alpha, raw and
/// standardized, with Feldt's 95% interval, as R's `psych::alpha` reports them.
public struct Reliability: Sendable, Hashable, Codable {
    public var raw: Double
    public var standardized: Double
    public var interval: Interval
    /// Respondents who answered every item of the scale (alpha uses complete answers only).
    public var n: Int
    public var items: Int

    /// Below 0.70 a scale is flagged: its items may not measure one thing in this group.
    public static let threshold = 0.70
    public var isLow: Bool { raw < Self.threshold }

    /// Sums of one scale's answers, complete respondents only, kept so groups can be added together.
    public struct Sums: Sendable, Hashable {
        public let items: Int
        public var n = 0
        public var sum: [Double]
        /// Row-major k × k sums of products.
        public var products: [Double]

        public init(items: Int) {
            self.items = items
            sum = Array(repeating: 0, count: items)
            products = Array(repeating: 0, count: items * items)
        }

        public mutating func add(_ values: [Double]) {
            precondition(values.count == items)
            n += 1
            for i in 0..<items {
                sum[i] += values[i]
                for j in 0..<items { products[i * items + j] += values[i] * values[j] }
            }
        }

        public static func + (left: Sums, right: Sums) -> Sums {
            var total = left
            total.n += right.n
            for i in 0..<total.sum.count { total.sum[i] += right.sum[i] }
            for i in 0..<total.products.count { total.products[i] += right.products[i] }
            return total
        }

        /// The k × k sample covariance matrix.
        func covariance() -> [Double] {
            let n = Double(self.n)
            var covariance = Array(repeating: 0.0, count: items * items)
            for i in 0..<items {
                for j in 0..<items {
                    covariance[i * items + j] = (products[i * items + j] - sum[i] * sum[j] / n) / (n - 1)
                }
            }
            return covariance
        }
    }

    /// nil under two items, under three complete respondents, or when an item never varies.
    public static func of(_ sums: Sums) -> Reliability? {
        let k = sums.items, n = sums.n
        guard k >= 2, n >= 3 else { return nil }
        let covariance = sums.covariance()
        var total = 0.0, trace = 0.0
        for i in 0..<k {
            trace += covariance[i * k + i]
            for j in 0..<k { total += covariance[i * k + j] }
        }
        guard total > 0, (0..<k).allSatisfy({ covariance[$0 * k + $0] > 0 }) else { return nil }
        let kk = Double(k)
        let raw = kk / (kk - 1) * (1 - trace / total)
        var correlations = 0.0
        for i in 0..<k {
            for j in 0..<k where i != j {
                correlations += covariance[i * k + j] / (covariance[i * k + i] * covariance[j * k + j]).squareRoot()
            }
        }
        let meanCorrelation = correlations / (kk * (kk - 1))
        let standardized = kk * meanCorrelation / (1 + (kk - 1) * meanCorrelation)
        // Feldt (1965): (1 − α̂)/(1 − α) follows F(n − 1, (n − 1)(k − 1)).
        let df1 = Double(n - 1), df2 = Double(n - 1) * (kk - 1)
        let lower = 1 - (1 - raw) * Distributions.fQuantile(0.975, df1: df1, df2: df2)
        let upper = 1 - (1 - raw) * Distributions.fQuantile(0.025, df1: df1, df2: df2)
        return Reliability(raw: raw, standardized: standardized, interval: Interval(lower: lower, upper: upper), n: n, items: k)
    }
}
