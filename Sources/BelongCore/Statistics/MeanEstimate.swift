import Foundation

/// A mean with its 95% t interval, kept as sums so groups can be added together.
public struct MeanEstimate: Sendable, Hashable, Codable {
    public var n: Int
    public var sum: Double
    public var sumOfSquares: Double

    public init(n: Int = 0, sum: Double = 0, sumOfSquares: Double = 0) {
        self.n = n
        self.sum = sum
        self.sumOfSquares = sumOfSquares
    }

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        self.init()
        for value in values { add(value) }
    }

    public mutating func add(_ value: Double) {
        n += 1
        sum += value
        sumOfSquares += value * value
    }

    public static func + (left: MeanEstimate, right: MeanEstimate) -> MeanEstimate {
        MeanEstimate(n: left.n + right.n, sum: left.sum + right.sum, sumOfSquares: left.sumOfSquares + right.sumOfSquares)
    }

    public var mean: Double? { n > 0 ? sum / Double(n) : nil }

    /// The sample variance (n − 1 in the denominator); nil under two values.
    public var variance: Double? {
        guard n > 1 else { return nil }
        let n = Double(n)
        return max(0, (sumOfSquares - sum * sum / n) / (n - 1))
    }

    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// mean ± t(0.975, n − 1)·s/√n; nil under two values.
    public var interval: Interval? {
        guard let mean, let variance else { return nil }
        let half = Distributions.studentTQuantile(0.975, df: Double(n - 1)) * (variance / Double(n)).squareRoot()
        return Interval(lower: mean - half, upper: mean + half)
    }
}
