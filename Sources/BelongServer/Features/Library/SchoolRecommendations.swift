import BelongCore
import Foundation

/// What the library offers a school from its own results (DOMAIN.md §8): its standing on each feeling and on
/// having a trusted adult, from the latest student, staff and family waves it has, read only through the privacy
/// filter, beside the district's shown figure; then `Recommender` picks. Nothing withheld reaches a reason.
struct SchoolRecommendations: Sendable {
    let queries: ResultsQueries
    let surveys: SurveyStore
    let library: LibraryStore

    struct Shown: Sendable {
        let school: Organization
        let recommendations: [Recommendation]
        /// Whether any wave of the school had figures to read: without, there is nothing to weigh yet.
        let hadFigures: Bool
    }

    /// For `school`, reading `current` (a results page's own figures) for its audience and the latest closed wave
    /// of each other audience.
    func recommend(for school: Organization, scope: LibraryScope, current: SchoolResults? = nil, limit: Int = 4) async throws -> Shown {
        var readings: [SchoolResults] = current.map { [$0] } ?? []
        let waves = try await surveys.list(schools: [school.id]).filter { $0.schoolIds.contains(school.id) && $0.state == .closed }
        for audience in Measure.Audience.allCases where !readings.contains(where: { $0.wave.respondents.audience == audience }) {
            guard let latest = waves.filter({ $0.respondents.audience == audience }).max(by: { ($0.closesAt, $0.id.uuidString) < ($1.closesAt, $1.id.uuidString) })
            else { continue }
            readings.append(try await queries.school(latest, school: school, grade: nil, includeOpenAnswers: false))
        }
        var standings: [MeasureStanding] = []
        for results in readings {
            standings += try await self.standings(results)
        }
        let grades = readings.first { $0.wave.respondents.audience == .students }?.grades
        let span = grades.flatMap { list in list.min().flatMap { low in list.max().map { low...$0 } } }
        let resources = try await library.all(scope: scope).map(\.resource)
        let recommendations = Recommender.recommend(for: Recommender.weaknesses(standings), from: resources, grades: span, limit: limit)
        return Shown(school: school, recommendations: recommendations, hadFigures: !standings.isEmpty)
    }

    /// The shown feelings and trusted-adult item of a school's figures, each beside the district's shown figure.
    func standings(_ results: SchoolResults) async throws -> [MeasureStanding] {
        guard let group = results.figures.value else { return [] }
        let district = try await queries.engine.results(for: results.wave).results.figures(GroupKey()).value
        let audience = results.wave.respondents.audience
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
