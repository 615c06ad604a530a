import BelongCore
import Foundation
import Hummingbird

extension API {
    /// A school's plan as the API gives it: the page's own goals, figures (through the same privacy filter) and actions.
    struct Plan: Codable, Sendable {
        struct Reading: Codable, Sendable {
            let waveId: UUID
            let title: String
            let closesAt: Date?
            /// Nil when the privacy filter withheld the wave's figure; `withheld` then says so.
            let favourable: Double?
            let lower: Double?
            let upper: Double?
            let n: Int?
            let withheld: Bool
            /// Since the baseline, in proportion; nil for the baseline itself or a withheld figure.
            let change: Double?
            let verdict: BelongCore.Change.Verdict?
        }

        struct Goal: Codable, Sendable {
            let id: UUID
            let strategy: Strategy
            let audience: Measure.Audience
            let measure: String
            let target: Double
            let byWhen: String
            let baselineWaveId: UUID?
            let readings: [Reading]
            let verdict: BelongCore.Change.Verdict?
            let reached: Bool?
        }

        struct Action: Codable, Sendable {
            let id: UUID
            let goalId: UUID?
            let what: String
            let strategy: Strategy
            let ownerId: UUID?
            let owner: String?
            let starts: String?
            let due: String?
            let status: ActionStatus
            let overdue: Bool
            let reason: String
            let resources: [String]
            let notes: String
            let updatedAt: Date
        }

        let schoolId: UUID
        let nextAssessmentDue: String?
        let nextWaveDue: String?
        let goals: [Goal]
        let actions: [Action]
    }
}

/// The plan for integrations, read-only: what the plan page shows.
struct PlanAPIController {
    let pages: PlanController

    @Sendable func plan(request: Request, context: BelongRequestContext) async throws -> Response {
        guard let id = context.parameters.get("school").flatMap(UUID.init(uuidString:)) else {
            _ = try context.requireVisitor(request)
            throw HTTPError(.notFound, message: "No such school.")
        }
        _ = try context.require(.viewSchoolAggregates(school: id), request)
        guard let school = try await pages.organizations.find(id: id), school.kind == .school else { throw HTTPError(.notFound, message: "No such school.") }
        let today = pages.today
        var goals: [API.Plan.Goal] = []
        for goal in try await pages.plans.goals(school: school.id) {
            let progress = GoalProgress(goal: goal, readings: try await pages.readings(goal, school: school))
            goals.append(.init(
                id: goal.id, strategy: goal.strategy, audience: goal.measure.audience, measure: goal.measure.measure, target: goal.target,
                byWhen: goal.byWhen.description, baselineWaveId: progress.baseline?.wave,
                readings: progress.points.map { point in
                    let figure = point.reading.figure
                    return .init(waveId: point.reading.wave, title: point.reading.title, closesAt: point.reading.closes, favourable: figure?.value,
                                 lower: figure?.interval?.lower, upper: figure?.interval?.upper, n: point.reading.respondents, withheld: figure == nil,
                                 change: point.change?.difference, verdict: point.change?.verdict)
                },
                verdict: progress.verdict, reached: progress.reached))
        }
        var names: [UUID: String] = [:]
        let actions = PlanAction.ordered(try await pages.plans.actions(school: school.id), today: today)
        for owner in Set(actions.compactMap(\.ownerId)) { names[owner] = try await pages.accounts.find(id: owner)?.displayName }
        let due = try await pages.plans.dueDates(school: school.id)
        return try APIController.json(API.Plan(
            schoolId: school.id, nextAssessmentDue: due.assessment?.description, nextWaveDue: due.wave?.description, goals: goals,
            actions: actions.map { action in
                .init(id: action.id, goalId: action.goalId, what: action.what, strategy: action.strategy, ownerId: action.ownerId,
                      owner: action.ownerId.flatMap { names[$0] }, starts: action.starts?.description, due: action.due?.description, status: action.status,
                      overdue: action.isOverdue(today: today), reason: action.reason, resources: action.resources, notes: action.notes, updatedAt: action.updatedAt)
            }))
    }
}
