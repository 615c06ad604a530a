import BelongCore
import Foundation
import SQLKit

/// A school's action plan: its goals, its actions and each action's history of status.
struct PlanStore: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    static let whatLength = 300
    static let textLength = 2_000
    static let resourcesLimit = 10

    // MARK: Goals

    func addGoal(_ goal: PlanGoal, by account: UUID?) async throws {
        try await database.write { db in
            try await db.insert(into: "plan_goals")
                .columns("id", "school_id", "strategy", "audience", "measure", "baseline_wave_id", "target_percent", "by_when", "created_by", "created_at")
                .values(SQLBind(goal.id), SQLBind(goal.schoolId), SQLBind(goal.strategy.rawValue), SQLBind(goal.measure.audience.rawValue),
                        SQLBind(goal.measure.measure), bindOrNull(goal.baselineWave), SQLBind(Int((goal.target * 100).rounded())),
                        SQLBind(goal.byWhen.description), bindOrNull(account), SQLBind(goal.createdAt)).run()
        }
    }

    /// A school's goals, in the strategies' order, then as they were set.
    func goals(school: UUID) async throws -> [PlanGoal] {
        try await database.read { db in
            try await db.select().columns("*").from("plan_goals").where("school_id", .equal, SQLBind(school))
                .orderBy("created_at").orderBy("id").all().compactMap(Self.goal)
        }.sorted { ($0.strategy, $0.createdAt) < ($1.strategy, $1.createdAt) }
    }

    /// Removes a goal; its actions stay in the plan, no longer under it.
    func removeGoal(_ id: UUID, school: UUID) async throws -> Bool {
        try await database.write { db in
            guard try await db.select().column("id").from("plan_goals").where("id", .equal, SQLBind(id)).where("school_id", .equal, SQLBind(school))
                .first() != nil else { return false }
            try await db.update("plan_actions").set("goal_id", to: SQLLiteral.null).where("goal_id", .equal, SQLBind(id)).run()
            try await db.delete(from: "plan_goals").where("id", .equal, SQLBind(id)).run()
            return true
        }
    }

    private static func goal(_ row: any SQLRow) throws -> PlanGoal? {
        guard let strategy = Strategy(rawValue: try row.decode(column: "strategy", as: String.self)),
              let audience = Measure.Audience(rawValue: try row.decode(column: "audience", as: String.self)),
              let measure = GoalMeasure(audience: audience, measure: try row.decode(column: "measure", as: String.self)),
              let byWhen = CalendarDate(iso: try row.decode(column: "by_when", as: String.self)) else { return nil }
        return PlanGoal(id: try row.decode(column: "id", as: UUID.self), schoolId: try row.decode(column: "school_id", as: UUID.self), strategy: strategy,
                        measure: measure, baselineWave: try row.decode(column: "baseline_wave_id", as: UUID?.self),
                        target: Double(try row.decode(column: "target_percent", as: Int.self)) / 100, byWhen: byWhen,
                        createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    // MARK: Actions

    /// Adds an action, its first status the start of its history.
    func addAction(_ action: PlanAction, by account: UUID?) async throws {
        try await database.write { db in
            try await db.insert(into: "plan_actions")
                .columns("id", "school_id", "goal_id", "what", "strategy", "owner_id", "starts_on", "due_on", "status", "reason", "resources", "notes", "updated_at")
                .values(Self.values(action)).run()
            try await Self.record(action, position: 0, by: account, on: db)
        }
    }

    /// Saves an action's new state; a change of status (or of its reason) is added to the history.
    func update(_ action: PlanAction, by account: UUID?) async throws {
        try await database.write { db in
            guard let row = try await db.select().columns("status", "reason").from("plan_actions").where("id", .equal, SQLBind(action.id))
                .where("school_id", .equal, SQLBind(action.schoolId)).first() else { return }
            let (status, reason) = (try row.decode(column: "status", as: String.self), try row.decode(column: "reason", as: String.self))
            try await db.update("plan_actions")
                .set("goal_id", to: bindOrNull(action.goalId)).set("what", to: SQLBind(action.what)).set("strategy", to: SQLBind(action.strategy.rawValue))
                .set("owner_id", to: bindOrNull(action.ownerId)).set("starts_on", to: bindOrNull(action.starts?.description))
                .set("due_on", to: bindOrNull(action.due?.description)).set("status", to: SQLBind(action.status.rawValue))
                .set("reason", to: SQLBind(action.reason)).set("resources", to: SQLBind(Self.encode(action.resources)))
                .set("notes", to: SQLBind(action.notes)).set("updated_at", to: SQLBind(action.updatedAt))
                .where("id", .equal, SQLBind(action.id)).run()
            guard status != action.status.rawValue || reason != action.reason else { return }
            let last = try await db.select().column(SQLFunction("max", args: SQLIdentifier("position")), as: "last").from("plan_action_history")
                .where("action_id", .equal, SQLBind(action.id)).first()?.decode(column: "last", as: Int?.self) ?? -1
            try await Self.record(action, position: last + 1, by: account, on: db)
        }
    }

    private static func record(_ action: PlanAction, position: Int, by account: UUID?, on db: any SQLDatabase) async throws {
        try await db.insert(into: "plan_action_history").columns("action_id", "position", "status", "reason", "changed_by", "changed_at")
            .values(SQLBind(action.id), SQLBind(position), SQLBind(action.status.rawValue), SQLBind(action.reason), bindOrNull(account),
                    SQLBind(action.updatedAt)).run()
    }

    private static func values(_ action: PlanAction) -> [any SQLExpression] {
        [SQLBind(action.id), SQLBind(action.schoolId), bindOrNull(action.goalId), SQLBind(action.what), SQLBind(action.strategy.rawValue),
         bindOrNull(action.ownerId), bindOrNull(action.starts?.description), bindOrNull(action.due?.description), SQLBind(action.status.rawValue),
         SQLBind(action.reason), SQLBind(encode(action.resources)), SQLBind(action.notes), SQLBind(action.updatedAt)]
    }

    static func encode(_ resources: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(resources), as: UTF8.self)) ?? "[]"
    }

    func actions(school: UUID) async throws -> [PlanAction] {
        try await database.read { db in
            try await db.select().columns("*").from("plan_actions").where("school_id", .equal, SQLBind(school)).all().compactMap(Self.action)
        }
    }

    /// A school's actions done since `since`, by when they were marked done (the latest time), first done first.
    func done(school: UUID, since: Date) async throws -> [PlanAction] {
        let actions = try await self.actions(school: school).filter { $0.status == .done }
        var dated: [(PlanAction, Date)] = []
        for action in actions {
            guard let when = try await history(action.id).last(where: { $0.status == .done })?.at, when >= since else { continue }
            dated.append((action, when))
        }
        return dated.sorted { ($0.1, $0.0.what) < ($1.1, $1.0.what) }.map(\.0)
    }

    /// The actions a person owns, at every school.
    func actions(owner: UUID) async throws -> [PlanAction] {
        try await database.read { db in
            try await db.select().columns("*").from("plan_actions").where("owner_id", .equal, SQLBind(owner)).all().compactMap(Self.action)
        }
    }

    func action(_ id: UUID, school: UUID) async throws -> PlanAction? {
        try await database.read { db in
            try await db.select().columns("*").from("plan_actions").where("id", .equal, SQLBind(id)).where("school_id", .equal, SQLBind(school))
                .first().flatMap(Self.action)
        }
    }

    /// How the action's status went, oldest first.
    func history(_ action: UUID) async throws -> [ActionChange] {
        try await database.read { db in
            try await db.select().columns("*").from("plan_action_history").where("action_id", .equal, SQLBind(action)).orderBy("position").all()
                .compactMap { row in
                    guard let status = ActionStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
                    return ActionChange(status: status, reason: try row.decode(column: "reason", as: String.self),
                                        by: try row.decode(column: "changed_by", as: UUID?.self), at: try row.decode(column: "changed_at", as: Date.self))
                }
        }
    }

    private static func action(_ row: any SQLRow) throws -> PlanAction? {
        guard let strategy = Strategy(rawValue: try row.decode(column: "strategy", as: String.self)),
              let status = ActionStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
        let resources = (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "resources", as: String.self).utf8))) ?? []
        return PlanAction(
            id: try row.decode(column: "id", as: UUID.self), schoolId: try row.decode(column: "school_id", as: UUID.self),
            goalId: try row.decode(column: "goal_id", as: UUID?.self), what: try row.decode(column: "what", as: String.self), strategy: strategy,
            ownerId: try row.decode(column: "owner_id", as: UUID?.self),
            starts: try row.decode(column: "starts_on", as: String?.self).flatMap(CalendarDate.init(iso:)),
            due: try row.decode(column: "due_on", as: String?.self).flatMap(CalendarDate.init(iso:)), status: status,
            reason: try row.decode(column: "reason", as: String.self), resources: resources, notes: try row.decode(column: "notes", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self)
        )
    }

    // MARK: Reassessment

    /// When the school means to assess itself again and to run its next survey wave.
    struct DueDates: Sendable, Hashable {
        var assessment: CalendarDate?
        var wave: CalendarDate?
    }

    func dueDates(school: UUID) async throws -> DueDates {
        try await database.read { db in
            guard let row = try await db.select().columns("next_assessment_on", "next_wave_on").from("plan_due_dates")
                .where("school_id", .equal, SQLBind(school)).first() else { return DueDates() }
            return DueDates(assessment: try row.decode(column: "next_assessment_on", as: String?.self).flatMap(CalendarDate.init(iso:)),
                            wave: try row.decode(column: "next_wave_on", as: String?.self).flatMap(CalendarDate.init(iso:)))
        }
    }

    func setDueDates(_ due: DueDates, school: UUID, by account: UUID?) async throws {
        try await database.write { db in
            try await db.delete(from: "plan_due_dates").where("school_id", .equal, SQLBind(school)).run()
            try await db.insert(into: "plan_due_dates").columns("school_id", "next_assessment_on", "next_wave_on", "set_by", "set_at")
                .values(SQLBind(school), bindOrNull(due.assessment?.description), bindOrNull(due.wave?.description), bindOrNull(account), SQLBind(now())).run()
        }
    }
}
