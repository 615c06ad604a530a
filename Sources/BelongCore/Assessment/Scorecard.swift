import Foundation

/// A rating on the rubric's scale (DOMAIN.md §6): 3 fully in place · 2 partly in place · 1 under development ·
/// 0 not in place · N/A, which is not scored at all (neither points nor a place in the denominator).
public enum IndicatorRating: Sendable, Hashable, Codable {
    case points(Int)
    case notApplicable

    public static let scale = 0...3

    /// From a form's value: "0"–"3" or "na"; nil for anything else.
    public init?(form value: String) {
        if value == "na" { self = .notApplicable; return }
        guard let points = Int(value), Self.scale.contains(points) else { return nil }
        self = .points(points)
    }

    /// What a form and the database keep: "0"–"3" or "na".
    public var formValue: String {
        switch self {
        case .points(let points): String(points)
        case .notApplicable: "na"
        }
    }

    public var points: Int? {
        if case .points(let points) = self { return points }
        return nil
    }

    /// Consensus 2–3 is a strength, 0–1 an opportunity; N/A is neither.
    public var isStrength: Bool { (points ?? -1) >= 2 }
    public var isOpportunity: Bool { points.map { $0 <= 1 } ?? false }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        guard let rating = IndicatorRating(form: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a rating is 0–3 or na"))
        }
        self = rating
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formValue)
    }
}

/// A strategy's score, or the whole rubric's: points ÷ (3 × rated indicators), as a percent; nil when no
/// indicator is rated (all N/A or none decided), which is not the same as 0%.
public struct StrategyScore: Sendable, Hashable {
    public let points: Int
    public let rated: Int
    /// Indicators with a consensus of N/A.
    public let notApplicable: Int
    /// Indicators with no consensus yet.
    public let undecided: Int

    public var percent: Double? { rated == 0 ? nil : Double(points) / Double(3 * rated) * 100 }

    public init(points: Int, rated: Int, notApplicable: Int, undecided: Int) {
        self.points = points
        self.rated = rated
        self.notApplicable = notApplicable
        self.undecided = undecided
    }

    public init(_ ratings: [IndicatorRating?]) {
        let decided = ratings.compactMap { $0 }
        let points = decided.compactMap(\.points)
        self.init(points: points.reduce(0, +), rated: points.count, notApplicable: decided.count - points.count, undecided: ratings.count - decided.count)
    }
}

/// What the team agreed, scored: each strategy and the whole rubric, its strengths and opportunities, and
/// the change in each strategy's percent since the previous assessment. The scores find strengths and
/// weaknesses; they are not a yardstick of success (as the School Health Index says of its own).
public struct Scorecard: Sendable {
    public struct Line: Sendable {
        public let strategy: Strategy
        public let score: StrategyScore
        /// Percentage points since the previous assessment; nil without one or when either percent is nil.
        public let change: Double?
    }

    public let lines: [Line]
    /// Every rated indicator pooled: all points ÷ (3 × all rated indicators).
    public let overall: StrategyScore
    public let overallChange: Double?
    /// Indicators whose consensus is 2 or 3, in the rubric's order.
    public let strengths: [Rubric.Indicator]
    /// Indicators whose consensus is 0 or 1, lowest first, then in the rubric's order.
    public let opportunities: [Rubric.Indicator]

    public init(rubric: Rubric, consensus: [String: IndicatorRating], previous: [String: IndicatorRating]? = nil) {
        func scores(_ ratings: [String: IndicatorRating]) -> [Strategy: StrategyScore] {
            Dictionary(uniqueKeysWithValues: rubric.sections.map { section in (section.strategy, StrategyScore(section.indicators.map { ratings[$0.id] })) })
        }
        func change(_ now: StrategyScore?, _ then: StrategyScore?) -> Double? {
            guard let now = now?.percent, let then = then?.percent else { return nil }
            return now - then
        }
        let now = scores(consensus), then = previous.map(scores)
        lines = rubric.sections.map { section in
            Line(strategy: section.strategy, score: now[section.strategy]!, change: change(now[section.strategy], then?[section.strategy]))
        }
        overall = StrategyScore(rubric.indicators.map { consensus[$0.id] })
        overallChange = change(overall, previous.map { previous in StrategyScore(rubric.indicators.map { previous[$0.id] }) })
        let indicators = rubric.indicators
        strengths = indicators.filter { consensus[$0.id]?.isStrength == true }
        opportunities = indicators.enumerated().filter { consensus[$0.element.id]?.isOpportunity == true }
            .sorted { a, b in
                let (x, y) = (consensus[a.element.id]?.points ?? 0, consensus[b.element.id]?.points ?? 0)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
    }
}

/// How far a team's members are apart on one indicator, so the facilitator starts where they disagree most.
public struct IndicatorSpread: Sendable {
    public let indicator: Rubric.Indicator
    /// Each member's rating, by member id; members who have not rated it are absent.
    public let ratings: [UUID: IndicatorRating]
    /// Highest minus lowest of the scored ratings (0–3); 0 with fewer than two scored.
    public let range: Int
    /// Some said N/A where others scored it: they disagree on whether it applies at all.
    public let applicabilityDiffers: Bool
    /// The middle of the scored ratings (the lower middle for an even count) once three or more scored it: a
    /// starting point, not the consensus. Two members' 0 and 3 have no middle worth naming.
    public let median: Int?

    public init(indicator: Rubric.Indicator, ratings: [UUID: IndicatorRating]) {
        self.indicator = indicator
        self.ratings = ratings
        let scored = ratings.values.compactMap(\.points).sorted()
        range = (scored.last ?? 0) - (scored.first ?? 0)
        applicabilityDiffers = !scored.isEmpty && scored.count < ratings.count
        median = scored.count < 3 ? nil : scored[(scored.count - 1) / 2]
    }

    /// The spread of every indicator, widest disagreement first: the range, then a split over N/A, then the
    /// rubric's order.
    public static func ordered(rubric: Rubric, ratings: [UUID: [String: IndicatorRating]]) -> [IndicatorSpread] {
        rubric.indicators.enumerated().map { offset, indicator in
            (offset, IndicatorSpread(indicator: indicator, ratings: ratings.compactMapValues { $0[indicator.id] }))
        }.sorted { a, b in
            if a.1.range != b.1.range { return a.1.range > b.1.range }
            if a.1.applicabilityDiffers != b.1.applicabilityDiffers { return a.1.applicabilityDiffers }
            return a.0 < b.0
        }.map(\.1)
    }
}
