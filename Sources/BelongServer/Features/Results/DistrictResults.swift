import BelongCore
import Foundation

/// The district's view of one wave: schools side by side, the district total, grades, attribute
/// groups, and the trend over the waves of the same questionnaire — through the privacy filter.
struct DistrictResults: Sendable {
    struct TrendPoint: Sendable {
        let wave: SurveyWave
        let total: Reported<GroupFigures>
        let schools: [UUID: Reported<GroupFigures>]
    }

    let wave: SurveyWave
    let instrument: Instrument
    let layout: ResultsLayout
    let minimumN: Int
    let level: SchoolLevel?
    let grade: Grade?
    let scope: GroupKey
    let figures: Reported<GroupFigures>
    let previous: PreviousWave?
    let schools: Breakdown
    let breakdowns: [Breakdown]
    let levels: [SchoolLevel]
    let grades: [Grade]
    let schoolNames: [UUID: String]
    /// Participation of each school whose figures are shown (a withheld group's participation would give its size away).
    let participation: [UUID: ParticipationStore.Count]
    /// The scope's participation, when its figures are shown.
    let totalParticipation: ParticipationStore.Count?
    let trend: [TrendPoint]
    let attributeLabels: [String: ResultsStore.AttributeLabels]
    /// A wave released in steps: its latest release, and the responses waiting for the next.
    var release: WaveRelease? = nil
    var waiting = 0
    /// Responses the figures count: those released.
    var releasedResponses = 0

    var movement: Movement { Movement(earlier: previous?.figures, later: figures) }
}

extension ResultsQueries {
    func district(_ wave: SurveyWave, level: SchoolLevel?, grade: Grade?) async throws -> DistrictResults {
        let loaded = try await engine.results(for: wave)
        let results = loaded.results
        let levels = try await engine.schoolLevels()
        let scope = GroupKey(level: level, grade: grade)
        guard let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion) else {
            throw InstrumentError.notFound(wave.instrumentId)
        }
        let schoolIds = Set(wave.schoolIds)
        var previous: PreviousWave?
        if let earlier = try await previousWave(before: wave, schools: schoolIds) {
            previous = PreviousWave(wave: earlier, figures: try await engine.results(for: earlier).results.figures(scope))
        }
        var breakdowns: [Breakdown] = []
        if grade == nil { breakdowns.append(results.breakdownRows(scope, by: .grade)) }
        if level == nil { breakdowns.append(results.breakdownRows(scope, by: .level)) }
        if grade == nil {
            for attribute in results.attributes { breakdowns.append(results.breakdownRows(scope, by: .attribute(attribute))) }
        }
        breakdowns.removeAll { $0.rows.count < 2 }
        if !results.released { breakdowns = [] }
        var trend: [DistrictResults.TrendPoint] = []
        for earlier in try await series(of: wave, schools: schoolIds) {
            let figures = earlier.id == wave.id ? results : try await engine.results(for: earlier).results
            let schools = figures.breakdown(scope, by: .school)
            trend.append(.init(wave: earlier, total: figures.figures(scope),
                               schools: Dictionary(uniqueKeysWithValues: schools.map { ($0.school!, figures.figures($0)) })))
        }
        let organizations = try await self.organizations.all()
        let names = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.name) })
        let eligible = try await participation.eligible(wave, schools: wave.schoolIds)
        let participation = Dictionary(uniqueKeysWithValues: wave.schoolIds.filter { level == nil || levels[$0] == level }.map { school in
            let key = GroupKey(level: levels[school] ?? .combined, school: school, grade: grade)
            return (school, ParticipationStore.Count(eligible: grade.map { eligible[school]?.grades[$0] ?? 0 } ?? eligible[school]?.total ?? 0,
                                                     responded: results.summary(key)?.respondents ?? 0))
        })
        return DistrictResults(
            wave: wave, instrument: instrument, layout: results.layout, minimumN: results.minimumN, level: level, grade: grade, scope: scope, figures: results.figures(scope),
            previous: previous, schools: results.breakdownRows(scope, by: .school).sorted { $0.school.flatMap { names[$0] } ?? "" }, breakdowns: breakdowns,
            levels: Array(Set(wave.schoolIds.compactMap { levels[$0] })).sorted(),
            grades: results.breakdown(.all, by: .grade).compactMap(\.grade),
            schoolNames: Dictionary(uniqueKeysWithValues: organizations.filter { schoolIds.contains($0.id) }.map { ($0.id, $0.name) }),
            participation: participation.filter { results.figures(GroupKey(level: levels[$0.key] ?? .combined, school: $0.key, grade: grade)).isShown },
            totalParticipation: results.figures(scope).isShown
                ? participation.values.reduce(into: ParticipationStore.Count()) { $0.eligible += $1.eligible; $0.responded += $1.responded } : nil,
            trend: trend, attributeLabels: try await store.attributeLabels(), release: loaded.release, waiting: loaded.waiting, releasedResponses: loaded.answers.count)
    }
}
