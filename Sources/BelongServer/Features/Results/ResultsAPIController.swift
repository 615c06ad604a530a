import BelongCore
import Foundation
import Hummingbird

/// Results for integrations: the waves, a group's figures and a breakdown, through the same
/// results engine and privacy filter as the pages. A breakdown the pages do not offer (a breakdown
/// of a breakdown) is refused rather than answered with hidden rows.
struct ResultsAPIController {
    let queries: ResultsQueries
    let surveys: SurveyStore


    @Sendable func waves(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let waves = try await surveys.list().filter { wave in
            wave.state != .draft && (wave.schoolIds.contains { visitor.may(.viewSchoolAggregates(school: $0)) }
                || wave.districtId.map { visitor.may(.viewDistrictAggregates(district: $0)) } == true)
        }
        return try APIController.json(API.Waves(waves: waves.map { wave in
            var from: String?, to: String?
            if case .students(let low, let high) = wave.respondents { from = low.oneRosterCode; to = high.oneRosterCode }
            return API.Wave(id: wave.id, title: wave.title, instrument: "\(wave.instrumentId)@\(wave.instrumentVersion)", respondents: wave.respondents.kind,
                            gradeFrom: from, gradeTo: to, opensAt: wave.opensAt, closesAt: wave.closesAt, state: wave.state.rawValue,
                            mode: wave.mode.rawValue, minimumN: queries.engine.minimumN(for: wave), schoolIds: wave.schoolIds)
        }))
    }

    /// The wave and the scope the query asks for, once the visitor may read it.
    private func scope(_ request: Request, _ context: BelongRequestContext) async throws -> (SurveyWave, WaveResults, GroupKey) {
        let visitor = try context.requireVisitor(request)
        guard let id = context.parameters.get("wave").flatMap(UUID.init(uuidString:)), let wave = try await surveys.find(id: id) else {
            throw HTTPError(.notFound, message: "No such wave.")
        }
        let parameters = request.uri.queryParameters
        var key = GroupKey.all
        if let text = parameters.get("school") {
            guard let school = UUID(uuidString: text) else { throw HTTPError(.badRequest, message: "school must be a school's id.") }
            guard visitor.may(.viewSchoolAggregates(school: school)) else { throw HTTPError(.forbidden, message: "This role cannot see this school's results.") }
            guard wave.schoolIds.contains(school) else { throw HTTPError(.notFound, message: "This wave did not run at that school.") }
            key.school = school
        } else {
            guard let district = wave.districtId, visitor.may(.viewDistrictAggregates(district: district)) else {
                throw HTTPError(.forbidden, message: "District results need a district role; ask for one school with ?school=.")
            }
        }
        guard wave.state != .draft else { throw HTTPError(.notFound, message: "This wave has no results yet.") }
        let loaded = try await queries.engine.results(for: wave)
        let levels = try await queries.engine.schoolLevels()
        if let school = key.school { key.level = levels[school] ?? .combined }
        if let text = parameters.get("level") {
            guard key.school == nil else { throw HTTPError(.badRequest, message: "level filters district results; leave out school.") }
            guard let level = SchoolLevel(rawValue: text) else {
                throw HTTPError(.badRequest, message: "level must be one of \(SchoolLevel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            key.level = level
        }
        if let text = parameters.get("grade") {
            guard let grade = Grade(code: text) else { throw HTTPError(.badRequest, message: "grade '\(text)' is not a grade code such as KG or 04.") }
            key.grade = grade
        }
        return (wave, loaded.results, key)
    }

    @Sendable func results(request: Request, context: BelongRequestContext) async throws -> Response {
        let (wave, results, key) = try await scope(request, context)
        let figures = results.figures(key)
        var previousId: UUID?
        var movement: Movement?
        if let earlier = try await queries.previousWave(before: wave, schools: key.school.map { [$0] } ?? Set(wave.schoolIds)) {
            previousId = earlier.id
            movement = Movement(earlier: try await queries.engine.results(for: earlier).results.figures(key), later: figures)
        }
        let scaleChanges = movement.map { movement in
            results.layout.scales.compactMap { scale in movement.scale(scale.id).map { API.ScaleChange(id: scale.id, change: API.Change($0)) } }
        }
        return try APIController.json(API.Results(waveId: wave.id, group: API.Group(key), figures: API.Figures(figures, minimumN: results.minimumN),
                                                  previousWaveId: previousId, indexChange: movement?.index.map(API.Change.init),
                                                  scaleChanges: scaleChanges))
    }

    @Sendable func breakdown(request: Request, context: BelongRequestContext) async throws -> Response {
        let (wave, results, key) = try await scope(request, context)
        let name = context.parameters.get("dimension") ?? ""
        let dimension: WaveResults.Dimension
        switch name {
        case "grade": dimension = .grade
        case "class": dimension = .classroom
        case "school": dimension = .school
        case "level": dimension = .level
        default:
            guard name.hasPrefix("attribute."), name.count > 10 else {
                throw HTTPError(.badRequest, message: "dimension must be grade, class, school, level or attribute.KEY.")
            }
            dimension = .attribute(String(name.dropFirst(10)))
        }
        let breakdown = results.breakdownRows(key, by: dimension)
        // Groups the pages never show (a grade's girls, a class's grades) are refused, not listed as hidden.
        guard breakdown.rows.allSatisfy({ results.filter.plan.respondents(in: $0.key) != nil }) else {
            throw HTTPError(.badRequest, message: "A breakdown of a breakdown is not offered: it could be subtracted down to a few people.")
        }
        return try APIController.json(API.Breakdown(
            waveId: wave.id, scope: API.Group(key), dimension: name,
            rows: breakdown.rows.map { API.BreakdownRow(group: API.Group($0.key), figures: API.Figures($0.figures, minimumN: results.minimumN)) },
            indexGap: breakdown.indexGap.map { API.Gap(highest: API.Group($0.highest), lowest: API.Group($0.lowest), change: API.Change($0.change)) }))
    }
}
