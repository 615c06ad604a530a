import BelongCore
import Foundation
import Testing

@Suite("The six-strategy self-assessment: rubric, scores, spread and evidence")
struct SelfAssessmentTests {
    let rubric = Rubric.builtIn

    func ids(_ strategy: Strategy) -> [String] { rubric.section(strategy)!.indicators.map(\.id) }

    @Test("the rubric has the six strategies in order, 32 indicators with unique ids, each worded in English and French")
    func rubricLoads() throws {
        let loaded = try Rubric.load()
        #expect(loaded.sections.map(\.strategy) == Strategy.allCases)
        #expect(loaded.sections.map(\.indicators.count) == [5, 5, 5, 6, 6, 5])
        #expect(Set(loaded.indicators.map(\.id)).count == 32)
        for indicator in loaded.indicators {
            #expect(!indicator.text(in: .english).isEmpty && !indicator.text(in: .french).isEmpty)
            #expect(indicator.text(in: .english) != indicator.text(in: .french), "\(indicator.id) is translated")
        }
        #expect(loaded.indicator("sl-data")?.evidence == .audiences)
        #expect(loaded.indicator("tr-student-reports")?.evidence == .nominations)
    }

    @Test("a rating is 0–3 or N/A, from a form's value and back; anything else is refused", arguments: ["0", "1", "2", "3", "na"])
    func ratingRoundTrip(value: String) throws {
        let rating = try #require(IndicatorRating(form: value))
        #expect(rating.formValue == value)
        let coded = try JSONDecoder().decode(IndicatorRating.self, from: JSONEncoder().encode(rating))
        #expect(coded == rating)
    }

    @Test("values outside the scale are not ratings", arguments: ["4", "-1", "", "NA", "2.5", " 2", "３"])
    func ratingRefused(value: String) {
        #expect(IndicatorRating(form: value) == nil)
    }

    @Test("a strategy's score is points ÷ (3 × rated indicators): N/A counts in neither, an undecided indicator is not rated")
    func strategyScore() throws {
        let leadership = ids(.schoolLeadership)
        let consensus: [String: IndicatorRating] = [leadership[0]: .points(3), leadership[1]: .points(2), leadership[2]: .notApplicable, leadership[3]: .points(1)]
        let card = Scorecard(rubric: rubric, consensus: consensus)
        let line = try #require(card.lines.first { $0.strategy == .schoolLeadership })
        #expect(line.score.points == 6 && line.score.rated == 3 && line.score.notApplicable == 1 && line.score.undecided == 1)
        let percent = try #require(line.score.percent)
        #expect(abs(percent - 600.0 / 9.0) < 1e-12)
        #expect(card.lines.first { $0.strategy == .relationships }?.score.percent == nil, "nothing rated is no score, not 0%")
        #expect(card.overall.points == 6 && card.overall.rated == 3)
    }

    @Test("every indicator N/A gives no percent; all 0 gives 0%; all 3 gives 100%")
    func extremes() throws {
        let all = rubric.indicators.map(\.id)
        #expect(Scorecard(rubric: rubric, consensus: Dictionary(uniqueKeysWithValues: all.map { ($0, .notApplicable) })).overall.percent == nil)
        #expect(Scorecard(rubric: rubric, consensus: Dictionary(uniqueKeysWithValues: all.map { ($0, .points(0)) })).overall.percent == 0)
        #expect(Scorecard(rubric: rubric, consensus: Dictionary(uniqueKeysWithValues: all.map { ($0, .points(3)) })).overall.percent == 100)
    }

    @Test("the overall pools every rated indicator, so a strategy with more rated indicators weighs more than in a mean of percents")
    func overallPools() throws {
        let learning = ids(.professionalLearning), family = ids(.familyInvolvement)
        var consensus: [String: IndicatorRating] = [learning[0]: .points(3)]
        for id in family { consensus[id] = .points(0) }
        let card = Scorecard(rubric: rubric, consensus: consensus)
        #expect(card.overall.points == 3 && card.overall.rated == 7)
        let overall = try #require(card.overall.percent)
        #expect(abs(overall - 300.0 / 21.0) < 1e-12, "not (100 + 0) / 2")
    }

    @Test("consensus 2–3 is a strength and 0–1 an opportunity, N/A neither; opportunities lowest first, then in the rubric's order")
    func strengthsAndOpportunities() {
        let all = rubric.indicators.map(\.id)
        let consensus: [String: IndicatorRating] = [all[0]: .points(1), all[1]: .points(3), all[2]: .points(0), all[3]: .notApplicable,
                                                    all[4]: .points(2), all[10]: .points(0), all[11]: .points(1)]
        let card = Scorecard(rubric: rubric, consensus: consensus)
        #expect(card.strengths.map(\.id) == [all[1], all[4]])
        #expect(card.opportunities.map(\.id) == [all[2], all[10], all[0], all[11]])
    }

    @Test("the change since the previous assessment is in percentage points, and only where both have a score")
    func changeSincePrevious() throws {
        let leadership = ids(.schoolLeadership), family = ids(.familyInvolvement)
        let before: [String: IndicatorRating] = [leadership[0]: .points(1), leadership[1]: .points(1), family[0]: .points(2)]
        let now: [String: IndicatorRating] = [leadership[0]: .points(3), leadership[1]: .points(2), family[0]: .notApplicable]
        let card = Scorecard(rubric: rubric, consensus: now, previous: before)
        let line = try #require(card.lines.first { $0.strategy == .schoolLeadership })
        let change = try #require(line.change)
        let expected: Double = 500.0 / 6.0 - 200.0 / 6.0
        #expect(abs(change - expected) < 1e-12)
        #expect(card.lines.first { $0.strategy == .familyInvolvement }?.change == nil, "now all N/A: no change to speak of")
        #expect(Scorecard(rubric: rubric, consensus: now).lines.allSatisfy { $0.change == nil })
    }

    @Test("the facilitator sees the widest disagreement first: the range, then a split over N/A, then the rubric's order")
    func spread() throws {
        let all = rubric.indicators.map(\.id)
        let (ana, ben, cy) = (UUID(), UUID(), UUID())
        let ratings: [UUID: [String: IndicatorRating]] = [
            ana: [all[0]: .points(2), all[1]: .points(0), all[2]: .points(1), all[5]: .notApplicable],
            ben: [all[0]: .points(2), all[1]: .points(3), all[2]: .points(2), all[5]: .points(2)],
            cy: [all[0]: .points(2), all[1]: .points(1), all[2]: .points(3)],
        ]
        let ordered = IndicatorSpread.ordered(rubric: rubric, ratings: ratings)
        #expect(ordered.count == rubric.indicators.count)
        #expect(ordered.prefix(3).map(\.indicator.id) == [all[1], all[2], all[5]])
        #expect(ordered[0].range == 3 && ordered[0].median == 1)
        #expect(ordered[1].range == 2 && ordered[1].median == 2)
        #expect(ordered[2].range == 0 && ordered[2].applicabilityDiffers && ordered[2].ratings.count == 2 && ordered[2].median == nil, "one scored: no middle")
        #expect(ordered[3].indicator.id == all[0] && ordered[3].range == 0 && !ordered[3].applicabilityDiffers)
        let unrated = try #require(ordered.first { $0.indicator.id == all[3] })
        #expect(unrated.ratings.isEmpty && unrated.median == nil && unrated.range == 0)
    }

    @Test("evidence: the past year's waves by audience and the audiences none asked; students naming trusted adults; old and future waves left out")
    func evidence() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        func wave(_ audience: String, daysAgo: Double, trusted: Bool = false) -> AssessmentEvidence.Wave {
            let opens = now.addingTimeInterval(-daysAgo * 86_400)
            return .init(id: UUID(), title: "\(audience) \(Int(daysAgo))", audience: audience, opensAt: opens, closesAt: opens.addingTimeInterval(14 * 86_400),
                         asksTrustedAdults: trusted)
        }
        let fall = wave("students", daysAgo: 60), spring = wave("students", daysAgo: 250, trusted: true)
        let waves = [fall, spring, wave("staff", daysAgo: 30), wave("families", daysAgo: 400), wave("families", daysAgo: -10), wave("students", daysAgo: 500, trusted: true)]
        let findings = AssessmentEvidence.findings(rubric: rubric, waves: waves, now: now)
        #expect(Set(findings.keys) == ["sl-data", "tr-student-reports"])
        guard case .audiences(let asked, let missing) = findings["sl-data"] else { Issue.record("no audiences"); return }
        #expect(asked["students"]?.map(\.id) == [fall.id, spring.id], "most recent first")
        #expect(asked["staff"]?.count == 1 && asked["families"] == nil)
        #expect(missing == ["families"], "a wave not yet open and one over a year old do not count")
        #expect(findings["tr-student-reports"] == .nominations([spring]))
        #expect(AssessmentEvidence.findings(rubric: rubric, waves: [], now: now)["tr-student-reports"] == .nominations([]))
    }
}
