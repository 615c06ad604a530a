import BelongCore
import Foundation

/// What a person's dashboard answers at once, from figures the privacy filter already shows: for a school,
/// the latest results and the weakest feeling, whether the school clearly differs from the rest of the
/// district, the open waves' participation, and what needs doing; for a district, the schools that moved
/// and participation school by school; for a teacher, their own classes in the open waves.
struct DashboardSummaries: Sendable {
    let queries: ResultsQueries
    let surveys: SurveyStore
    let participation: ParticipationStore
    let people: PeopleStore

    struct Latest: Sendable {
        let wave: SurveyWave
        let results: SchoolResults
        /// School against the rest of the district (independent groups), when both are shown.
        let againstDistrict: Change?
    }

    struct OpenWave: Sendable {
        let wave: SurveyWave
        let count: ParticipationStore.Count
        /// Classes with students able to answer and no code printed yet.
        let classesWithoutCodes: [String]
        /// The teacher's own classes, when the reader is one.
        let ownClasses: [ParticipationStore.ClassRow]
    }

    struct School: Sendable {
        let school: Organization
        let latest: Latest?
        let open: [OpenWave]
        let drafts: [SurveyWave]
    }

    struct Moved: Sendable {
        let school: UUID
        let change: Change
    }

    struct District: Sendable {
        let wave: SurveyWave?
        let previous: SurveyWave?
        let moved: [Moved]
        let open: [(wave: SurveyWave, schools: [ParticipationStore.School])]
    }

    func school(_ school: Organization, teacher staffId: UUID?) async throws -> School {
        let waves = try await surveys.list(schools: [school.id]).filter { $0.schoolIds.contains(school.id) }
        var ownClasses: Set<UUID> = []
        if let staffId { ownClasses = try await people.classIds(taughtBy: staffId) }
        var open: [OpenWave] = []
        for wave in waves where wave.state == .open {
            guard let counts = try await participation.participation(wave, schools: [school.id]).first else { continue }
            open.append(OpenWave(
                wave: wave, count: counts.total,
                classesWithoutCodes: counts.classes.filter { $0.count.eligible > 0 && $0.count.issued == 0 }.map(\.title),
                ownClasses: counts.classes.filter { ownClasses.contains($0.id) }))
        }
        return School(school: school, latest: try await latest(school, waves: waves), open: open.sorted { $0.wave.closesAt < $1.wave.closesAt },
                      drafts: waves.filter { $0.state == .draft })
    }

    /// The latest closed student wave with figures; of two closing together (a K–3 form beside the main one), the one more answered.
    private func latest(_ school: Organization, waves: [SurveyWave]) async throws -> Latest? {
        let closed = waves.filter { $0.state == .closed && $0.respondents.kind == "students" }
        guard let last = closed.map(\.closesAt).max() else { return nil }
        var best: SchoolResults?
        for wave in closed where Calendar(identifier: .gregorian).isDate(wave.closesAt, inSameDayAs: last) {
            let results = try await queries.school(wave, school: school, grade: nil, includeOpenAnswers: false)
            if best == nil || (results.figures.value?.respondents ?? 0) > (best?.figures.value?.respondents ?? 0) { best = results }
        }
        guard let best else { return nil }
        return Latest(wave: best.wave, results: best, againstDistrict: try await againstDistrict(best))
    }

    /// The school's index beside the rest of the district's, from shown figures only: the district total less
    /// the school when the total is shown, else the sum of every other school when each of them is shown.
    /// Either way the rest is a group a district reader can already work out, which the privacy filter keeps
    /// at or above the minimum; the dashboard says only whether the difference is clear, never the rest's figure.
    private func againstDistrict(_ results: SchoolResults) async throws -> Change? {
        guard let school = results.figures.value?.index.value else { return nil }
        let wave = try await queries.engine.results(for: results.wave).results
        var rest: ProportionEstimate?
        if let district = wave.figures(GroupKey()).value?.index.value, district.n >= school.n, district.count >= school.count {
            rest = ProportionEstimate(count: district.count - school.count, n: district.n - school.n)
        } else {
            let levels = try await queries.engine.schoolLevels()
            var count = 0, n = 0
            for other in results.wave.schoolIds where other != results.school.id {
                guard let figure = wave.figures(GroupKey(level: levels[other] ?? .combined, school: other)).value?.index.value else { return nil }
                count += figure.count
                n += figure.n
            }
            rest = ProportionEstimate(count: count, n: n)
        }
        guard let rest, rest.n >= results.minimumN else { return nil }
        return Change.between(rest, school)
    }

    func district(_ district: UUID, schools: [UUID]) async throws -> District {
        let waves = try await surveys.list(schools: Set(schools)).filter { $0.districtId == district }
        var open: [(SurveyWave, [ParticipationStore.School])] = []
        for wave in waves where wave.state == .open {
            open.append((wave, try await participation.participation(wave, schools: wave.schoolIds)))
        }
        let closed = waves.filter { $0.state == .closed && $0.respondents.kind == "students" }.sorted { $0.closesAt > $1.closesAt }
        let levels = try await queries.engine.schoolLevels()
        for wave in closed {
            guard let earlier = try await queries.previousWave(before: wave, schools: Set(wave.schoolIds)) else { continue }
            let now = try await queries.engine.results(for: wave).results, before = try await queries.engine.results(for: earlier).results
            // Each school's figures under the key its own page reads, so the dashboard says only what those pages show.
            let moved = wave.schoolIds.compactMap { id -> Moved? in
                let key = GroupKey.school(id, level: levels[id] ?? .combined)
                guard let change = Movement(earlier: before.figures(key), later: now.figures(key)).index, change.verdict != .noClearChange else { return nil }
                return Moved(school: id, change: change)
            }
            return District(wave: wave, previous: earlier, moved: moved, open: open)
        }
        return District(wave: closed.first, previous: nil, moved: [], open: open)
    }
}
