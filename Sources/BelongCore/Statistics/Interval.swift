import Foundation

/// A 95% confidence interval.
public struct Interval: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The two-sided 95% level every interval in Belong uses (DOMAIN.md §3).
    public static let z95 = Distributions.normalQuantile(0.975)
}
