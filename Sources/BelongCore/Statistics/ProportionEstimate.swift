import Foundation

/// A share of answers, such as percent favourable, with its 95% Wilson score interval (DOMAIN.md §3).
public struct ProportionEstimate: Sendable, Hashable, Codable {
    public var count: Int
    public var n: Int

    public init(count: Int, n: Int) {
        precondition(count >= 0 && count <= n)
        self.count = count
        self.n = n
    }

    /// nil when nobody answered.
    public var value: Double? { n > 0 ? Double(count) / Double(n) : nil }

    /// Wilson's interval: unlike p ± z·se it stays inside [0, 1] and is honest at 0% and 100%.
    public var interval: Interval? {
        guard n > 0 else { return nil }
        let z = Interval.z95, n = Double(n), p = Double(count) / n
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return Interval(lower: max(0, centre - half), upper: min(1, centre + half))
    }
}
