import BelongCore
import Foundation
import Testing

/// Every statistic against values scipy, statsmodels and numpy computed on the same data
/// (make_expected.py wrote expected.json; both are committed).
@Suite("Honest statistics")
struct StatisticsTests {
    struct Expected: Decodable {
        struct Quantile: Decodable { let kind: String; let p: Double; let df: Double?; let df1: Double?; let df2: Double?; let value: Double }
        struct Wilson: Decodable { let count: Int; let n: Int; let lower: Double; let upper: Double }
        struct Mean: Decodable { let values: [Double]; let mean: Double; let sd: Double; let lower: Double; let upper: Double }
        struct Newcombe: Decodable { let earlier: [Int]; let later: [Int]; let lower: Double; let upper: Double; let h: Double }
        struct Welch: Decodable { let earlier: [Double]; let later: [Double]; let lower: Double; let upper: Double; let d: Double }
        struct Alpha: Decodable { let rows: [[Double]]; let raw: Double; let standardized: Double; let lower: Double; let upper: Double }
        let quantiles: [Quantile]
        let wilson: [Wilson]
        let means: [Mean]
        let newcombe: [Newcombe]
        let welch: [Welch]
        let alpha: [Alpha]
    }

    static let expected: Expected = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("expected.json")
        return try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }()

    static func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-6) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    @Test("t and F quantiles match scipy")
    func quantiles() {
        for case let quantile in Self.expected.quantiles {
            let value = quantile.kind == "t"
                ? Distributions.studentTQuantile(quantile.p, df: quantile.df!)
                : Distributions.fQuantile(quantile.p, df1: quantile.df1!, df2: quantile.df2!)
            #expect(Self.close(value, quantile.value, tolerance: 1e-9), "\(quantile)")
        }
        #expect(Self.close(Distributions.normalQuantile(0.9), 1.2815515655446004, tolerance: 1e-12))
        #expect(Self.close(Distributions.normalQuantile(0.025), -1.959963984540054, tolerance: 1e-12))
    }

    @Test("Wilson intervals match statsmodels, at 0%, 100% and between")
    func wilson() {
        for case let expected in Self.expected.wilson {
            let interval = ProportionEstimate(count: expected.count, n: expected.n).interval
            #expect(Self.close(interval?.lower, expected.lower) && Self.close(interval?.upper, expected.upper), "\(expected.count)/\(expected.n)")
        }
        #expect(ProportionEstimate(count: 0, n: 0).interval == nil)
    }

    @Test("means carry a t interval that matches scipy")
    func means() {
        for case let expected in Self.expected.means {
            let estimate = MeanEstimate(expected.values)
            #expect(Self.close(estimate.mean, expected.mean))
            #expect(Self.close(estimate.standardDeviation, expected.sd))
            #expect(Self.close(estimate.interval?.lower, expected.lower) && Self.close(estimate.interval?.upper, expected.upper), "n=\(estimate.n)")
        }
        #expect(MeanEstimate([3]).interval == nil, "one value has no interval")
        let halves = MeanEstimate(Self.expected.means[3].values.prefix(100)) + MeanEstimate(Self.expected.means[3].values.dropFirst(100))
        #expect(Self.close(halves.interval?.lower, Self.expected.means[3].lower), "sums add across groups")
    }

    @Test("change in a proportion: Newcombe's interval (statsmodels) and Cohen's h")
    func proportionChange() throws {
        for case let expected in Self.expected.newcombe {
            let change = try #require(Change.between(ProportionEstimate(count: expected.earlier[0], n: expected.earlier[1]),
                                                     ProportionEstimate(count: expected.later[0], n: expected.later[1])))
            #expect(Self.close(change.interval.lower, expected.lower) && Self.close(change.interval.upper, expected.upper), "\(expected.earlier) → \(expected.later)")
            #expect(Self.close(change.effectSize, expected.h))
        }
    }

    @Test("change in a mean: Welch's interval (scipy) and Cohen's d")
    func meanChange() throws {
        for case let expected in Self.expected.welch {
            let change = try #require(Change.between(MeanEstimate(expected.earlier), MeanEstimate(expected.later)))
            #expect(Self.close(change.interval.lower, expected.lower) && Self.close(change.interval.upper, expected.upper))
            #expect(Self.close(change.effectSize, expected.d))
        }
    }

    @Test("the verdict says 'no clear change' whenever the interval spans zero")
    func verdicts() throws {
        let up = try #require(Change.between(ProportionEstimate(count: 40, n: 100), ProportionEstimate(count: 55, n: 100)))
        #expect(up.verdict == .improved)
        let down = try #require(Change.between(ProportionEstimate(count: 55, n: 100), ProportionEstimate(count: 40, n: 100)))
        #expect(down.verdict == .declined)
        let small = try #require(Change.between(ProportionEstimate(count: 6, n: 12), ProportionEstimate(count: 9, n: 12)))
        #expect(small.difference > 0.2 && small.verdict == .noClearChange, "a big move in a small group is not a clear change")
    }

    @Test("Cronbach's alpha, raw and standardized, with Feldt's interval, as psych::alpha computes them")
    func alpha() throws {
        for case let expected in Self.expected.alpha {
            var sums = Reliability.Sums(items: expected.rows[0].count)
            for row in expected.rows { sums.add(row) }
            let reliability = try #require(Reliability.of(sums))
            #expect(Self.close(reliability.raw, expected.raw), "raw")
            #expect(Self.close(reliability.standardized, expected.standardized), "standardized")
            #expect(Self.close(reliability.interval.lower, expected.lower) && Self.close(reliability.interval.upper, expected.upper), "Feldt")
            #expect(reliability.isLow == (expected.raw < 0.7))
        }
        var constant = Reliability.Sums(items: 3)
        for _ in 0..<10 { constant.add([4, 4, 4]) }
        #expect(Reliability.of(constant) == nil, "no alpha when nothing varies")
    }

    @Test("the equity gap is the largest difference between the groups given, with its interval")
    func equityGap() throws {
        let gap = try #require(EquityGap.of([
            (group: "a", estimate: ProportionEstimate(count: 30, n: 50)),
            (group: "b", estimate: ProportionEstimate(count: 45, n: 50)),
            (group: "c", estimate: ProportionEstimate(count: 20, n: 50)),
        ]))
        #expect(gap.highest == "b" && gap.lowest == "c")
        #expect(abs(gap.change.difference - 0.5) < 1e-12 && gap.change.verdict == .improved)
        #expect(EquityGap.of([(group: "a", estimate: ProportionEstimate(count: 3, n: 5))]) == nil)
    }

    @Test("level groups give a gap of zero between two different groups, never a group against itself")
    func levelGap() throws {
        let gap = try #require(EquityGap.of([
            (group: "a", estimate: ProportionEstimate(count: 8, n: 24)),
            (group: "b", estimate: ProportionEstimate(count: 8, n: 24)),
        ]))
        #expect(gap.highest != gap.lowest)
        #expect(gap.change.difference == 0 && gap.change.verdict == .noClearChange)
    }
}
