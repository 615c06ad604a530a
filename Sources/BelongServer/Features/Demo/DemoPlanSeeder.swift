import BelongCore
import Foundation

/// The demo's action plan (issue #18) at Maple Grove: goals on students' measures, their baseline the first closed
/// student wave — one on a measure that moved clearly since and one on a measure that did not, as the demo's own
/// figures say — and actions in every status owned by the principal, the counsellor and the teacher, one of the
/// principal's and one of the teacher's overdue; the spring self-assessment and survey wave set as due. Safe to run again: a school with a plan gets no other.
struct DemoPlanSeeder {
    let database: Database
    let snapshot: RosterSnapshot
    let today: CalendarDate
    let timeZone: String

    func run() async throws {
        guard let school = snapshot.organizations.first(where: { $0.sourcedId == "demo-school-maple-grove" }) else { return }
        let start = SurveyWindow.opening(today, timeZone: timeZone)
        func day(_ offset: Int) -> CalendarDate { SurveyWindow.day(of: start.addingTimeInterval(Double(offset) * 86_400 + 12 * 3_600), timeZone: timeZone) }
        let plans = PlanStore(database: database, now: { start })
        guard try await plans.goals(school: school.id).isEmpty, try await plans.actions(school: school.id).isEmpty else { return }

        // The school's closed waves of the student survey (grades 4–12), oldest first, read as the plan page reads them.
        let waves = try await SurveyStore(database: database).list(schools: [school.id])
            .filter { $0.state == .closed && $0.instrumentId == "belong-student" && $0.schoolIds.contains(school.id) }
            .sorted { $0.closesAt < $1.closesAt }
        guard let first = waves.first, let last = waves.last, first.id != last.id else { return }
        let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                   minimumGroupSize: 10)
        let level = try await engine.schoolLevels()[school.id] ?? .combined
        func figure(_ wave: SurveyWave, _ measure: String) async throws -> ProportionEstimate? {
            let group = try await engine.results(for: wave).results.figures(.school(school.id, level: level)).value
            return measure == "trusted-adult" ? group?.item(measure)?.favourable.value : group?.scale(measure)?.favourable.value
        }
        var moved: String?, still: String?
        for measure in Resource.measureIds {
            guard let before = try await figure(first, measure), let after = try await figure(last, measure),
                  let change = Change.between(before, after) else { continue }
            if change.verdict == .improved, moved == nil { moved = measure }
            if change.verdict == .noClearChange, still == nil { still = measure }
        }
        var goals: [PlanGoal] = []
        for (measure, strategy) in [(moved, Strategy.relationships), (still, Strategy.familyInvolvement)] {
            guard let measure, let goalMeasure = GoalMeasure(audience: .students, measure: measure) else { continue }
            let baseline = try await figure(first, measure)?.value ?? 0.6
            let goal = PlanGoal(id: UUID(), schoolId: school.id, strategy: strategy, measure: goalMeasure, baselineWave: first.id,
                                target: min(0.95, ((baseline + 0.1) * 20).rounded() / 20), byWhen: day(180), createdAt: start)
            try await plans.addGoal(goal, by: nil)
            goals.append(goal)
        }

        // The owners: the demo principal, counsellor and teacher where they have accounts.
        let accounts = AccountStore(database: database)
        var owners: [StaffMember.JobRole: UUID] = [:]
        for person in snapshot.staff {
            guard let assignment = person.assignments.first(where: { $0.schoolId == school.id }), owners[assignment.jobRole] == nil,
                  let email = person.email, let account = try await accounts.credentials(email: email)?.account else { continue }
            owners[assignment.jobRole] = account.id
        }
        let library = try Library.builtIn()
        func resources(_ ids: [String]) -> [String] { ids.filter { library[$0] != nil } }
        let actions: [(String, Strategy, Int?, StaffMember.JobRole, Int?, Int?, ActionStatus, String, [String])] = [
            ("Two-by-ten conversations with the students the map shows as unconnected", .relationships, 0, .teacher, -60, -5, .underWay, "", resources(["two-by-ten"])),
            ("Relationship mapping with the whole staff at the January meeting", .relationships, 0, .principal, -30, -2, .planned, "", resources(["relationship-mapping"])),
            ("Morning greetings at the door in every class", .relationships, 0, .teacher, -90, -30, .done, "", resources(["greeting-at-the-door"])),
            ("Family learning nights each term", .familyInvolvement, 1, .principal, -20, 60, .underWay, "", resources(["family-learning-nights"])),
            ("Welcome calls to every new family in their language", .familyInvolvement, 1, .counsellor, 10, 90, .planned, "", []),
            ("Monthly family newsletter on paper", .familyInvolvement, 1, .counsellor, -80, -40, .dropped,
             "Families told us they read the messages on their phones; the newsletter now goes out by text.", []),
        ]
        // The spring reassessment and the spring wave, due.
        try await plans.setDueDates(.init(assessment: day(120), wave: day(135)), school: school.id, by: owners[.principal])
        for (what, strategy, goal, job, starts, due, status, reason, used) in actions {
            let action = PlanAction(id: UUID(), schoolId: school.id, goalId: goal.flatMap { $0 < goals.count ? goals[$0].id : nil }, what: what, strategy: strategy,
                                    ownerId: owners[job], starts: starts.map(day), due: due.map(day), status: status, reason: reason, resources: used,
                                    notes: "", updatedAt: start)
            try await plans.addAction(action, by: owners[.principal])
        }
    }
}
