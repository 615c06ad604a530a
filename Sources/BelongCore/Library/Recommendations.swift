import Foundation

/// A school's reading of one measure for one audience, as recommendations weigh it. Only figures the privacy
/// filter shows are passed in: a withheld figure cannot drive a reason a person reads.
public struct MeasureStanding: Sendable, Hashable {
    /// A feeling ("safe" … "caredFor") or "trusted-adult".
    public let measure: String
    public let audience: Measure.Audience
    public let favourable: ProportionEstimate
    /// The district's figure for the same measure and audience (this school included), when it is shown. The school
    /// is tested against the rest of the district, so the two groups compared are independent.
    public let district: ProportionEstimate?
    /// How many people the figure is about (a scale's favourable share counts answers, several per person): what a
    /// reason says n is, as the results page does.
    public let respondents: Int

    public init(measure: String, audience: Measure.Audience, favourable: ProportionEstimate, district: ProportionEstimate? = nil, respondents: Int? = nil) {
        self.measure = measure
        self.audience = audience
        self.favourable = favourable
        self.district = district
        self.respondents = respondents ?? favourable.n
    }
}

/// A measure a school is clearly weak on, with the comparisons that make it so: its audience's lowest feeling,
/// clearly below that audience's strongest, and/or clearly below the rest of the district. "Clearly" means the
/// interval of the difference excludes zero; a difference inside the noise is not called a weakness. Two feelings of one
/// audience come from the same people, whose answers go together: the interval for independent groups used here is
/// then wider than a paired one, so "clearly" errs toward calling nothing a weakness, never toward inventing one.
public struct Weakness: Sendable, Hashable {
    public let standing: MeasureStanding
    /// The audience's strongest feeling, when this is the lowest and clearly below it.
    public let strongest: MeasureStanding?
    /// The district's figure, when this is clearly below it.
    public let belowDistrict: ProportionEstimate?

    /// How far below its comparison, in proportion: the largest gap comes first.
    public var gap: Double {
        let value = standing.favourable.value ?? 0
        return max((strongest?.favourable.value ?? value) - value, (belowDistrict?.value ?? value) - value)
    }
}

/// A strategy the school's own self-assessment scores weakest (DOMAIN.md §6): the lowest of the strategies it
/// scored, when some other scored higher, or any under half its points. A team's consensus has no sampling noise, so
/// no interval is needed; a rubric with one strategy scored, or all equal, names only those under half.
public struct StrategyWeakness: Sendable, Hashable {
    public let strategy: Strategy
    public let score: StrategyScore
    /// The lowest of the school's scored strategies, and below the strongest.
    public let lowest: Bool

    public var percent: Double { score.percent ?? 0 }

    /// At most this many: a school weak everywhere hears first about where it is weakest.
    public static let limit = 2

    /// The weakest strategies of a scorecard, lowest first, then in the rubric's order.
    public static func of(_ card: Scorecard) -> [StrategyWeakness] {
        let scored = card.lines.filter { $0.score.percent != nil }
        guard let low = scored.map({ $0.score.percent! }).min(), let high = scored.map({ $0.score.percent! }).max() else { return [] }
        return scored.enumerated().compactMap { offset, line -> (Int, StrategyWeakness)? in
            let percent = line.score.percent!
            let lowest = abs(percent - low) < 1e-9 && high - low > 1e-9
            guard lowest || percent < 50 - 1e-9 else { return nil }
            return (offset, StrategyWeakness(strategy: line.strategy, score: line.score, lowest: lowest))
        }.sorted { a, b in abs(a.1.percent - b.1.percent) > 1e-9 ? a.1.percent < b.1.percent : a.0 < b.0 }
            .prefix(limit).map(\.1)
    }
}

/// A library resource offered to a school, with the weaknesses it answers: measures from its surveys and strategies
/// from its self-assessment.
public struct Recommendation: Sendable, Hashable {
    public let resource: Resource
    public let because: [Weakness]
    public let strategies: [StrategyWeakness]

    public init(resource: Resource, because: [Weakness], strategies: [StrategyWeakness] = []) {
        self.resource = resource
        self.because = because
        self.strategies = strategies
    }
}

/// From a school's figures to what to read and try (DOMAIN.md §8): pure, so the same figures always give the
/// same recommendations in the same order.
public enum Recommender {
    /// The measures a school is clearly weak on, largest gap first; none when nothing is shown or nothing stands out.
    public static func weaknesses(_ standings: [MeasureStanding]) -> [Weakness] {
        var found: [Weakness] = []
        for audience in Measure.Audience.allCases {
            let mine = standings.filter { $0.audience == audience && $0.favourable.value != nil }
            let feelings = mine.filter { ResultsLayout.feelings.contains($0.measure) }
            let strongest = feelings.max { ($0.favourable.value!, $1.measure) < ($1.favourable.value!, $0.measure) }
            let lowestValue = feelings.map { $0.favourable.value! }.min()
            for standing in mine {
                let value = standing.favourable.value!
                var clearlyLowest: MeasureStanding?
                if let strongest, let lowestValue, ResultsLayout.feelings.contains(standing.measure), abs(value - lowestValue) < 1e-12,
                   standing.measure != strongest.measure, Change.between(standing.favourable, strongest.favourable)?.verdict == .improved {
                    clearlyLowest = strongest
                }
                var below: ProportionEstimate?
                if let district = standing.district, let rest = rest(of: district, without: standing.favourable),
                   Change.between(rest, standing.favourable)?.verdict == .declined {
                    below = district
                }
                if clearlyLowest != nil || below != nil {
                    found.append(Weakness(standing: standing, strongest: clearlyLowest, belowDistrict: below))
                }
            }
        }
        return found.sorted { a, b in
            if abs(a.gap - b.gap) > 1e-12 { return a.gap > b.gap }
            return (a.standing.audience.rawValue, a.standing.measure) < (b.standing.audience.rawValue, b.standing.measure)
        }
    }

    /// The district less the school; nil when nothing is left (a wave of one school).
    static func rest(of district: ProportionEstimate, without school: ProportionEstimate) -> ProportionEstimate? {
        guard district.n > school.n, district.count >= school.count, district.count - school.count <= district.n - school.n else { return nil }
        return ProportionEstimate(count: district.count - school.count, n: district.n - school.n)
    }

    /// The resources that serve the weaknesses, for a school teaching `grades`. Each weakness in turn — the measures,
    /// largest gap first, then the weak strategies, lowest first — gets its best resource not yet offered, so a school
    /// weak in two places sees help for both. Best is the most specific (serving fewest measures, or fewest
    /// strategies), then the better established, then by id, so ties always fall the same way.
    public static func recommend(for weaknesses: [Weakness], strategies: [StrategyWeakness] = [], from resources: [Resource],
                                 grades: ClosedRange<Grade>? = nil, limit: Int = 6) -> [Recommendation] {
        recommend(for: weaknesses, strategies: strategies, from: RecommendationIndex(resources), grades: grades, limit: limit)
    }

    /// The same, from a library already sorted (a page asks again and again of the same library).
    public static func recommend(for weaknesses: [Weakness], strategies: [StrategyWeakness] = [], from index: RecommendationIndex,
                                 grades: ClosedRange<Grade>? = nil, limit: Int = 6) -> [Recommendation] {
        guard limit > 0 else { return [] }
        let queues = weaknesses.map { index.serving[$0.standing.measure] ?? [] } + strategies.map { index.strategy[$0.strategy] ?? [] }
        let fits = { (resource: Resource) in grades.map(resource.grades.overlaps) ?? true }
        var positions = Array(repeating: 0, count: queues.count)
        var offered: Set<String> = []
        var picked: [Recommendation] = []
        var progressed = true
        while picked.count < limit, progressed {
            progressed = false
            for index in queues.indices where picked.count < limit {
                while positions[index] < queues[index].count,
                      offered.contains(queues[index][positions[index]].id) || !fits(queues[index][positions[index]]) { positions[index] += 1 }
                guard positions[index] < queues[index].count else { continue }
                let resource = queues[index][positions[index]]
                offered.insert(resource.id)
                picked.append(Recommendation(resource: resource, because: weaknesses.filter { resource.measures.contains($0.standing.measure) },
                                             strategies: strategies.filter { resource.strategies.contains($0.strategy) }))
                progressed = true
            }
        }
        return picked
    }
}

/// A library sorted for recommending: for each measure, and for each strategy, the resources serving it, best first —
/// the most specific (serving fewest measures, or fewest strategies), then the better established, then by id. Built
/// once per library, read by every page.
public struct RecommendationIndex: Sendable {
    let serving: [String: [Resource]]
    let strategy: [Strategy: [Resource]]

    public init(_ resources: [Resource]) {
        func best(by breadth: @escaping (Resource) -> Int) -> [Resource] {
            resources.map { (resource: $0, breadth: breadth($0), evidence: $0.evidence.level.rank) }
                .sorted { a, b in
                    if a.breadth != b.breadth { return a.breadth < b.breadth }
                    if a.evidence != b.evidence { return a.evidence < b.evidence }
                    return a.resource.id < b.resource.id
                }.map(\.resource)
        }
        var serving: [String: [Resource]] = [:]
        for resource in best(by: { Set($0.measures).count }) {
            for measure in Set(resource.measures) { serving[measure, default: []].append(resource) }
        }
        var strategy: [Strategy: [Resource]] = [:]
        for resource in best(by: { Set($0.strategies).count }) {
            for each in Set(resource.strategies) { strategy[each, default: []].append(resource) }
        }
        self.serving = serving
        self.strategy = strategy
    }
}
