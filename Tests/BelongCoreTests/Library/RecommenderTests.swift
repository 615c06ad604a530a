import Foundation
import Testing
@testable import BelongCore

@Suite("Recommendations from a school's own results")
struct RecommenderTests {
    /// Students' six feelings at `n` respondents each, from percents favourable.
    static func feelings(_ percents: [String: Int], n: Int = 200, audience: Measure.Audience = .students,
                         district: [String: Int] = [:]) -> [MeasureStanding] {
        percents.map { measure, percent in
            MeasureStanding(measure: measure, audience: audience, favourable: ProportionEstimate(count: percent * n / 100, n: n),
                            district: district[measure].map { ProportionEstimate(count: $0 * 2_000 / 100, n: 2_000) })
        }
    }

    static let library = try! Library.builtIn()

    @Test("the lowest feeling, clearly below the strongest, is the weakness, and what serves it is recommended, the most specific first")
    func lowestFeeling() throws {
        let standings = Self.feelings(["safe": 78, "seen": 70, "heard": 48, "supported": 72, "significant": 69, "caredFor": 75])
        let weaknesses = Recommender.weaknesses(standings)
        #expect(weaknesses.map(\.standing.measure) == ["heard"])
        #expect(weaknesses[0].strongest?.measure == "safe")
        let offered = Recommender.recommend(for: weaknesses, from: Self.library.resources)
        #expect(offered.count == 6)
        #expect(offered.allSatisfy { $0.resource.measures.contains("heard") && $0.because.map(\.standing.measure) == ["heard"] })
        let specificity = offered.map(\.resource.measures.count)
        #expect(specificity == specificity.sorted(), "fewest measures first: \(specificity)")
        #expect(Recommender.recommend(for: weaknesses, from: Self.library.resources) == offered, "the same figures give the same list")
    }

    @Test("a lowest feeling inside the noise of the others is not called a weakness")
    func noise() {
        // 60% and 70% of 30 respondents: the intervals of the difference include zero.
        let standings = Self.feelings(["safe": 70, "seen": 67, "heard": 60, "supported": 66, "significant": 64, "caredFor": 68], n: 30)
        #expect(Recommender.weaknesses(standings).isEmpty)
        #expect(Recommender.recommend(for: [], from: Self.library.resources).isEmpty)
    }

    @Test("two feelings tied for lowest are both weaknesses; ties in the order fall the same way every time")
    func ties() {
        let standings = Self.feelings(["safe": 80, "seen": 50, "heard": 50, "supported": 75, "significant": 74, "caredFor": 79])
        let weaknesses = Recommender.weaknesses(standings)
        #expect(weaknesses.map(\.standing.measure) == ["heard", "seen"])
        let offered = Recommender.recommend(for: weaknesses, from: Self.library.resources)
        #expect(offered.contains { $0.resource.measures.contains("heard") } && offered.contains { $0.resource.measures.contains("seen") })
        #expect(Recommender.weaknesses(standings.reversed()) == weaknesses)
    }

    @Test("nothing shown or no waves yet: no weakness, no recommendation")
    func nothingShown() {
        #expect(Recommender.weaknesses([]).isEmpty)
        let empty = [MeasureStanding(measure: "heard", audience: .students, favourable: ProportionEstimate(count: 0, n: 0))]
        #expect(Recommender.weaknesses(empty).isEmpty)
    }

    @Test("students and staff disagreeing: each audience's weakness is named with its audience, and both get help")
    func audiencesDisagree() throws {
        let students = Self.feelings(["safe": 80, "seen": 45, "heard": 72, "supported": 75, "significant": 74, "caredFor": 79])
        let staff = Self.feelings(["safe": 85, "seen": 82, "heard": 40, "supported": 80, "significant": 84, "caredFor": 86], n: 60, audience: .staff)
        let weaknesses = Recommender.weaknesses(students + staff)
        #expect(Set(weaknesses.map { "\($0.standing.audience.rawValue):\($0.standing.measure)" }) == ["students:seen", "staff:heard"])
        #expect(weaknesses.first?.standing.audience == .staff, "the larger gap first: staff heard is 46 points below staff's strongest")
        let offered = Recommender.recommend(for: weaknesses, from: Self.library.resources, limit: 4)
        #expect(offered.contains { $0.because.contains { $0.standing.audience == .staff } })
        #expect(offered.contains { $0.because.contains { $0.standing.audience == .students } })
    }

    @Test("a measure clearly below the rest of the district is a weakness even when it is not the lowest, trusted adult included")
    func belowDistrict() throws {
        var standings = Self.feelings(["safe": 70, "seen": 69, "heard": 68, "supported": 70, "significant": 69, "caredFor": 70],
                                      district: ["safe": 80, "heard": 69])
        standings.append(MeasureStanding(measure: "trusted-adult", audience: .students, favourable: ProportionEstimate(count: 110, n: 200),
                                         district: ProportionEstimate(count: 1_500, n: 2_000)))
        let weaknesses = Recommender.weaknesses(standings)
        #expect(Set(weaknesses.map(\.standing.measure)) == ["safe", "trusted-adult"])
        #expect(weaknesses.allSatisfy { $0.strongest == nil && $0.belowDistrict != nil })
        #expect(weaknesses.first?.standing.measure == "trusted-adult", "20 points below the district before 10")
    }

    @Test("a school's grades keep out what does not fit them")
    func grades() throws {
        let weaknesses = Recommender.weaknesses(Self.feelings(["safe": 40, "seen": 80, "heard": 78, "supported": 79, "significant": 77, "caredFor": 81]))
        let offered = Recommender.recommend(for: weaknesses, from: Self.library.resources, grades: .grade10 ... .grade12, limit: 20)
        #expect(!offered.isEmpty)
        #expect(offered.allSatisfy { $0.resource.grades.overlaps(.grade10 ... .grade12) })
        #expect(!offered.contains { $0.resource.id == "calm-corner" }, "a pre-K to grade 6 practice")
    }

    /// A team's consensus giving each strategy's indicators the same points; a strategy not listed is all N/A.
    static func card(_ points: [Strategy: Int]) -> Scorecard {
        let rubric = Rubric.builtIn
        return Scorecard(rubric: rubric, consensus: Dictionary(uniqueKeysWithValues: rubric.indicators.map { indicator in
            (indicator.id, points[indicator.strategy].map(IndicatorRating.points) ?? .notApplicable)
        }))
    }

    @Test("the self-assessment's lowest strategy is a weakness, and so is any under half its points, lowest first, at most two")
    func weakestStrategies() {
        let one = StrategyWeakness.of(Self.card([.professionalLearning: 3, .schoolLeadership: 2, .relationships: 2, .familyInvolvement: 1,
                                                 .teachingAndLearning: 2, .socialEmotionalLearning: 3]))
        #expect(one.map(\.strategy) == [.familyInvolvement])
        #expect(one[0].lowest && abs(one[0].percent - 100.0 / 3) < 1e-9)
        // Everything under half: the two lowest, the tie broken by the rubric's order, neither "lowest" but the first.
        let weakEverywhere = StrategyWeakness.of(Self.card([.professionalLearning: 1, .schoolLeadership: 0, .relationships: 1, .familyInvolvement: 0,
                                                            .teachingAndLearning: 1, .socialEmotionalLearning: 1]))
        #expect(weakEverywhere.map(\.strategy) == [.schoolLeadership, .familyInvolvement])
        #expect(weakEverywhere.allSatisfy { $0.lowest })
        let halfAndUnder = StrategyWeakness.of(Self.card([.professionalLearning: 3, .schoolLeadership: 1, .relationships: 0]))
        #expect(halfAndUnder.map(\.strategy) == [.relationships, .schoolLeadership])
        #expect(halfAndUnder.map(\.lowest) == [true, false])
    }

    @Test("a self-assessment scored evenly, or not scored at all, names no weak strategy; N/A is not a low score")
    func evenStrategies() {
        #expect(StrategyWeakness.of(Self.card([.professionalLearning: 2, .schoolLeadership: 2, .relationships: 2, .familyInvolvement: 2,
                                               .teachingAndLearning: 2, .socialEmotionalLearning: 2])).isEmpty)
        #expect(StrategyWeakness.of(Self.card([:])).isEmpty)
        #expect(StrategyWeakness.of(Self.card([.relationships: 3, .familyInvolvement: 2])).map(\.strategy) == [.familyInvolvement])
        #expect(StrategyWeakness.of(Self.card([.relationships: 1])).map(\.strategy) == [.relationships], "alone and under half")
    }

    @Test("weak strategies get help beside weak feelings, each named on what it serves, the most specific first")
    func strategiesBesideFeelings() throws {
        let feelings = Recommender.weaknesses(Self.feelings(["safe": 78, "seen": 70, "heard": 48, "supported": 72, "significant": 69, "caredFor": 75]))
        let strategies = StrategyWeakness.of(Self.card([.professionalLearning: 3, .schoolLeadership: 2, .relationships: 2, .familyInvolvement: 0,
                                                        .teachingAndLearning: 2, .socialEmotionalLearning: 3]))
        let offered = Recommender.recommend(for: feelings, strategies: strategies, from: Self.library.resources, limit: 4)
        #expect(offered.count == 4)
        #expect(offered.filter { $0.strategies.map(\.strategy) == [.familyInvolvement] }.count >= 2, "half the list answers the weak strategy")
        #expect(offered.allSatisfy { item in
            item.strategies.allSatisfy { item.resource.strategies.contains($0.strategy) } && item.because.allSatisfy { item.resource.measures.contains($0.standing.measure) }
        })
        #expect(offered.allSatisfy { !$0.because.isEmpty || !$0.strategies.isEmpty })
        let strategyOnly = Recommender.recommend(for: [], strategies: strategies, from: Self.library.resources)
        let breadth = strategyOnly.map { Set($0.resource.strategies).count }
        #expect(!strategyOnly.isEmpty && strategyOnly.allSatisfy { $0.resource.strategies.contains(.familyInvolvement) })
        #expect(breadth == breadth.sorted(), "fewest strategies first: \(breadth)")
        #expect(Recommender.recommend(for: feelings, strategies: strategies, from: Self.library.resources, limit: 4) == offered)
    }
}
