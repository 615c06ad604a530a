import BelongCore
import Foundation

/// What the library offers a school from its own results (DOMAIN.md §8): its standing on each feeling and on
/// having a trusted adult, from the latest student, staff and family waves it has, read only through the privacy
/// filter, beside the district's shown figure, and the weakest strategies of its latest completed self-assessment;
/// then `Recommender` picks. Nothing withheld reaches a reason.
struct SchoolRecommendations: Sendable {
    let queries: ResultsQueries
    let surveys: SurveyStore
    let library: LibraryStore
    let assessments: AssessmentStore
    var rubric = Rubric.builtIn

    struct Shown: Sendable {
        let school: Organization
        let recommendations: [Recommendation]
        /// Whether any wave of the school had figures to read: without, there is nothing to weigh yet.
        let hadFigures: Bool
        /// The completed self-assessment whose weakest strategies were weighed.
        let assessment: SelfAssessment?

        /// Whether there was anything to weigh at all.
        var hadEvidence: Bool { hadFigures || assessment != nil }
    }

    /// For `school`, reading `current` (a results page's own figures) for its audience and the latest closed wave
    /// of each other audience — their figures only, from the engine's cache, so a page pays little for them.
    func recommend(for school: Organization, scope: LibraryScope, current: SchoolResults? = nil, limit: Int = 4) async throws -> Shown {
        var readings: [(wave: SurveyWave, figures: Reported<GroupFigures>)] = current.map { [($0.wave, $0.figures)] } ?? []
        let waves = try await surveys.list(schools: [school.id]).filter { $0.schoolIds.contains(school.id) && $0.state == .closed }
        let level = try await queries.engine.schoolLevels()[school.id] ?? .combined
        for audience in Measure.Audience.allCases where !readings.contains(where: { $0.wave.respondents.audience == audience }) {
            guard let latest = waves.filter({ $0.respondents.audience == audience }).max(by: { ($0.closesAt, $0.id.uuidString) < ($1.closesAt, $1.id.uuidString) })
            else { continue }
            readings.append((latest, try await queries.engine.results(for: latest).results.figures(.school(school.id, level: level))))
        }
        var standings: [MeasureStanding] = []
        for reading in readings {
            standings += try await self.standings(reading.figures, wave: reading.wave)
        }
        // The grades the school teaches, as its roster says, so every page and the API fit the same resources.
        var span: ClosedRange<Grade>?
        if let low = school.lowestGrade, let high = school.highestGrade, low <= high { span = low...high }
        let assessed = try await assessments.latestCompleted(schools: [school.id])[school.id]
        let strategies = assessed.map { StrategyWeakness.of(Scorecard(rubric: rubric, consensus: $0.1)) } ?? []
        let index = try await library.recommendationIndex(scope: scope)
        let recommendations = Recommender.recommend(for: Recommender.weaknesses(standings), strategies: strategies, from: index, grades: span, limit: limit)
        return Shown(school: school, recommendations: recommendations, hadFigures: !standings.isEmpty, assessment: assessed?.0)
    }

    /// The shown feelings and trusted-adult item of a school's figures, each beside the district's shown figure.
    func standings(_ figures: Reported<GroupFigures>, wave: SurveyWave) async throws -> [MeasureStanding] {
        guard let group = figures.value else { return [] }
        let district = try await queries.engine.results(for: wave).results.figures(GroupKey()).value
        let audience = wave.respondents.audience
        var standings: [MeasureStanding] = []
        for scale in group.scales where ResultsLayout.feelings.contains(scale.id) {
            guard let favourable = scale.favourable.value, favourable.n > 0 else { continue }
            standings.append(MeasureStanding(measure: scale.id, audience: audience, favourable: favourable,
                                             district: district?.scale(scale.id)?.favourable.value, respondents: scale.mean.value?.n))
        }
        if let item = group.item("trusted-adult"), let favourable = item.favourable.value, favourable.n > 0 {
            standings.append(MeasureStanding(measure: "trusted-adult", audience: audience, favourable: favourable,
                                             district: district?.item("trusted-adult")?.favourable.value))
        }
        return standings
    }
}
