import Foundation

/// How a measure moved between two waves (DOMAIN.md §3): the difference, its 95% interval, an
/// effect size, and a verdict in plain words that never claims more than the interval allows.
public struct Change: Sendable, Hashable, Codable {
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        case improved
        case declined
        case noClearChange
    }

    /// later − earlier.
    public var difference: Double
    public var interval: Interval
    /// Cohen's h for proportions, Cohen's d for means.
    public var effectSize: Double

    public init(difference: Double, interval: Interval, effectSize: Double) {
        self.difference = difference
        self.interval = interval
        self.effectSize = effectSize
    }

    /// "No clear change" whenever the interval spans zero; every measure is scored so higher is better.
    public var verdict: Verdict {
        if interval.lower > 0 { return .improved }
        if interval.upper < 0 { return .declined }
        return .noClearChange
    }

    /// Newcombe's hybrid score interval (his method 10) for the difference of two independent
    /// proportions, built from each one's Wilson interval; Cohen's h as the effect size.
    public static func between(_ earlier: ProportionEstimate, _ later: ProportionEstimate) -> Change? {
        guard let p1 = earlier.value, let p2 = later.value, let i1 = earlier.interval, let i2 = later.interval else { return nil }
        let difference = p2 - p1
        let lower = difference - ((p2 - i2.lower) * (p2 - i2.lower) + (i1.upper - p1) * (i1.upper - p1)).squareRoot()
        let upper = difference + ((i2.upper - p2) * (i2.upper - p2) + (p1 - i1.lower) * (p1 - i1.lower)).squareRoot()
        let h = 2 * asin(p2.squareRoot()) - 2 * asin(p1.squareRoot())
        return Change(difference: difference, interval: Interval(lower: lower, upper: upper), effectSize: h)
    }

    /// Welch's interval for the difference of two independent means (no equal-variance assumption);
    /// Cohen's d with the pooled standard deviation as the effect size. nil — "not defined" — when
    /// either side has fewer than two values or neither varies: there is no interval then, and no verdict.
    public static func between(_ earlier: MeanEstimate, _ later: MeanEstimate) -> Change? {
        guard let m1 = earlier.mean, let m2 = later.mean, let v1 = earlier.variance, let v2 = later.variance,
              earlier.n >= 2, later.n >= 2 else { return nil }
        let n1 = Double(earlier.n), n2 = Double(later.n)
        let a = v1 / n1, b = v2 / n2
        let standardError = (a + b).squareRoot()
        let difference = m2 - m1
        guard standardError > 0 else { return nil }
        let df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1))
        let half = Distributions.studentTQuantile(0.975, df: df) * standardError
        let pooled = (((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2)).squareRoot()
        return Change(difference: difference, interval: Interval(lower: difference - half, upper: difference + half),
                      effectSize: difference / pooled)
    }
}
