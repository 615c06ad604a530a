import BelongCore
import Foundation

/// Everything the school results page, its print report, its CSV files and its API answer show
/// for one school (or one grade of it) in one wave — every figure already through the privacy filter.
struct SchoolResults: Sendable {
    let wave: SurveyWave
    let school: Organization
    let instrument: Instrument
    let layout: ResultsLayout
    let minimumN: Int
    /// The school, or one grade of it.
    let scope: GroupKey
    let grade: Grade?
    let figures: Reported<GroupFigures>
    let previous: PreviousWave?
    /// This wave and every earlier one of the same questionnaire for the same people, oldest first, with the same group's figures.
    var trend: [PreviousWave] = []
    /// Grades, classes and each grouping attribute; a grade's page breaks down only by class (a
    /// breakdown of a breakdown could be subtracted down to a few people).
    let breakdowns: [Breakdown]
    let grades: [Grade]
    let participation: ParticipationStore.Count?
    let reliability: Reported<[Reliability?]>
    /// Open answers by item: only for the school team, only for the whole school, only at n or more.
    let openAnswers: [String: [OpenAnswer]]?
    let classTitles: [UUID: String]
    let attributeLabels: [String: ResultsStore.AttributeLabels]
    /// A wave released in steps: its latest release, and the responses waiting for the next.
    var release: WaveRelease? = nil
    var waiting = 0
    /// Responses the figures count: those released.
    var releasedResponses = 0

    var movement: Movement { Movement(earlier: previous?.figures, later: figures) }

    /// The feeling with the lowest percent favourable: where to start.
    var weakestScale: GroupFigures.ScaleFigures? { figures.value?.scalesByFavourable.first }

    /// The strongest, for "what is going well".
    var strongestScale: GroupFigures.ScaleFigures? {
        figures.value.flatMap { $0.scalesByFavourable.count > 1 ? $0.scalesByFavourable.last : nil }
    }
}

/// The wave before, of the same questionnaire for the same people, and its figures for the same group.
struct PreviousWave: Sendable {
    let wave: SurveyWave
    let figures: Reported<GroupFigures>
}

/// Gathers a school's results: the engine's figures, the wave before, participation, labels.
struct ResultsQueries: Sendable {
    let engine: ResultsEngine
    let store: ResultsStore
    let surveys: SurveyStore
    let participation: ParticipationStore
    let instruments: InstrumentStore
    let organizations: OrganizationStore
    let openAnswers: OpenAnswerStore

    func school(_ wave: SurveyWave, school: Organization, grade: Grade?, includeOpenAnswers: Bool) async throws -> SchoolResults {
        let loaded = try await engine.results(for: wave)
        let results = loaded.results
        let levels = try await engine.schoolLevels()
        let schoolKey = GroupKey.school(school.id, level: levels[school.id] ?? .combined)
        let scope = grade.map { schoolKey.grade($0) } ?? schoolKey
        guard let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion) else {
            throw InstrumentError.notFound(wave.instrumentId)
        }
        // This wave and the earlier ones of its series, read once: the trend, and the wave before for the change.
        var trend: [PreviousWave] = []
        for earlier in try await series(of: wave, schools: [school.id]) {
            let figures = earlier.id == wave.id ? results : try await engine.results(for: earlier).results
            trend.append(.init(wave: earlier, figures: figures.figures(scope)))
        }
        let previous = trend.last { $0.wave.id != wave.id && $0.wave.opensAt < wave.opensAt }
        var breakdowns: [Breakdown] = []
        if grade == nil {
            breakdowns.append(results.breakdownRows(scope, by: .grade))
        }
        let eligible = try await participation.eligible(wave, schools: [school.id])[school.id]
        let classTitles = try await store.classTitles(school: school.id)
        breakdowns.append(results.breakdownRows(scope, by: .classroom).sorted { $0.classId.flatMap { classTitles[$0] } ?? "" })
        if grade == nil {
            for attribute in results.attributes { breakdowns.append(results.breakdownRows(scope, by: .attribute(attribute))) }
        }
        breakdowns.removeAll { $0.rows.isEmpty }
        // An open wave's breakdowns would be rows of "released when the wave closes": the page says it once.
        if !results.released { breakdowns = [] }
        // Participation counts people, shown as the live participation page shows them: the engine knows who answered.
        let count = ParticipationStore.Count(eligible: grade.map { eligible?.grades[$0] ?? 0 } ?? eligible?.total ?? 0,
                                             responded: results.summary(scope)?.respondents ?? 0)
        var openAnswers: [String: [OpenAnswer]]?
        if includeOpenAnswers, grade == nil, results.figures(schoolKey).isShown {
            openAnswers = try await self.openAnswers.answers(wave: wave.id, school: school.id, releasedOnly: loaded.release != nil)
        }
        var made = SchoolResults(
            wave: wave, school: school, instrument: instrument, layout: results.layout, minimumN: results.minimumN, scope: scope, grade: grade,
            figures: results.figures(scope), previous: previous, breakdowns: breakdowns,
            grades: results.breakdown(schoolKey, by: .grade).compactMap(\.grade), participation: results.figures(scope).isShown ? count : nil,
            reliability: results.reliability(scope, answers: loaded.answers), openAnswers: openAnswers,
            classTitles: classTitles,
            attributeLabels: try await store.attributeLabels(), release: loaded.release, waiting: loaded.waiting, releasedResponses: loaded.answers.count)
        made.trend = trend
        return made
    }

    /// The latest earlier wave of the same questionnaire for the same people at any of `schools`.
    func previousWave(before wave: SurveyWave, schools: Set<UUID>) async throws -> SurveyWave? {
        try await surveys.list(schools: schools)
            .filter { $0.id != wave.id && $0.instrumentId == wave.instrumentId && $0.respondents.kind == wave.respondents.kind && $0.opensAt < wave.opensAt && $0.state != .draft }
            .max { $0.opensAt < $1.opensAt }
    }

    /// Every wave of the same questionnaire for the same people at any of `schools`, oldest first.
    func series(of wave: SurveyWave, schools: Set<UUID>) async throws -> [SurveyWave] {
        try await surveys.list(schools: schools)
            .filter { $0.instrumentId == wave.instrumentId && $0.respondents.kind == wave.respondents.kind && $0.state != .draft && $0.opensAt <= wave.opensAt }
            .sorted { $0.opensAt < $1.opensAt }
    }
}
