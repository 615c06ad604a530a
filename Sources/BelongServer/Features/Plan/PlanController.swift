import BelongCore
import Foundation
import Hummingbird

/// A school's action plan (DOMAIN.md §7): goals tied to a survey measure, with their progress across waves as the
/// privacy filter shows it; actions with an owner, dates and a status, and each action's history.
struct PlanController {
    let kit: PageKit
    let plans: PlanStore
    let organizations: OrganizationStore
    let accounts: AccountStore
    let surveys: SurveyStore
    let queries: ResultsQueries
    let library: LibraryStore
    let audit: AuditStore
    let now: @Sendable () -> Date
    var timeZone = "UTC"

    var today: CalendarDate { SurveyWindow.day(of: now(), timeZone: timeZone) }

    // MARK: Reading the plan

    /// The school's closed waves of an audience, oldest first.
    func waves(_ audience: Measure.Audience, school: Organization) async throws -> [SurveyWave] {
        try await surveys.list(schools: [school.id])
            .filter { $0.state == .closed && $0.schoolIds.contains(school.id) && $0.respondents.audience == audience }
            .sorted { ($0.closesAt, $0.id.uuidString) < ($1.closesAt, $1.id.uuidString) }
    }

    /// Waves read through the privacy filter: the measure's share favourable, or nil where it is withheld.
    func readings(_ measure: GoalMeasure, waves: [SurveyWave], school: Organization) async throws -> [GoalProgress.Reading] {
        let level = try await queries.engine.schoolLevels()[school.id] ?? .combined
        var readings: [GoalProgress.Reading] = []
        for wave in waves {
            let group = try await queries.engine.results(for: wave).results.figures(.school(school.id, level: level)).value
            if measure.measure == "trusted-adult" {
                let item = group?.item("trusted-adult")?.favourable.value
                readings.append(.init(wave: wave.id, title: wave.title, closes: wave.closesAt, figure: item.flatMap { $0.n > 0 ? $0 : nil }))
            } else {
                let scale = group?.scale(measure.measure)
                readings.append(.init(wave: wave.id, title: wave.title, closes: wave.closesAt, figure: scale?.favourable.value.flatMap { $0.n > 0 ? $0 : nil },
                                      respondents: scale?.mean.value?.n))
            }
        }
        return readings
    }

    /// A goal's waves: those of its baseline's instrument (a trend compares like with like: the early-years
    /// survey asks its questions differently), from the baseline on.
    func readings(_ goal: PlanGoal, school: Organization) async throws -> [GoalProgress.Reading] {
        var all = try await waves(goal.measure.audience, school: school)
        if let baseline = all.first(where: { $0.id == goal.baselineWave }) { all = all.filter { $0.instrumentId == baseline.instrumentId } }
        return try await readings(goal.measure, waves: all, school: school)
    }

    /// A new goal's baseline: the latest wave with the measure shown; of waves closing within a week of each other
    /// (a school's main and early-years surveys), the one more people answered.
    func baseline(_ measure: GoalMeasure, school: Organization) async throws -> UUID? {
        let all = try await waves(measure.audience, school: school)
        let shown = try await readings(measure, waves: all, school: school).filter { $0.figure != nil }
        guard let latest = shown.compactMap(\.closes).max() else { return shown.last?.wave }
        return shown.filter { ($0.closes ?? latest) >= latest.addingTimeInterval(-7 * 86_400) }
            .max { ($0.respondents ?? 0, $0.closes ?? latest) < ($1.respondents ?? 0, $1.closes ?? latest) }?.wave
    }

    /// The school's people who may own an action: active accounts holding a role at the school.
    func owners(school: UUID) async throws -> [UserAccount] {
        try await accounts.list().filter { account in
            account.isActive && account.grants.contains { $0.organizationId == school && !$0.role.isDistrictWide }
        }.sorted { ($0.displayName.lowercased(), $0.email) < ($1.displayName.lowercased(), $1.email) }
    }

    /// The resources an action may name: the school's shortlist and those it already uses, by title.
    func resourceOptions(school: UUID, using: [String], scope: LibraryScope, _ t: Localizer) async throws -> [Forms.Option] {
        let wanted = Set(try await library.shortlist(school: school)).union(using)
        return try await library.all(scope: scope).filter { wanted.contains($0.resource.id) }.map(\.resource)
            .map { Forms.Option(value: $0.id, label: $0.title(in: t.language)) }.sorted { $0.label.localizedCompare($1.label) == .orderedAscending }
    }

    @Sendable func plan(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school) = try await context.requireSchool(Permission.viewSchoolAggregates, in: organizations, request)
        let notice = request.uri.queryParameters.get("done").flatMap { ["goal", "action", "removed", "due"].contains($0) ? "plan.done.\($0)" : nil }
        return try await page(request, context, visitor: visitor, school: school, notice: notice.map { kit.t(context)($0) }, form: .init())
    }

    /// What a form sent back with its mistakes, to show again as typed.
    struct FormState: Sendable {
        var which: String?
        var values: [String: String] = [:]
        var errors: [(field: String, message: String)] = []
    }

    func page(_ request: Request, _ context: BelongRequestContext, visitor: Visitor, school: Organization, notice: String?, form: FormState,
              status: HTTPResponse.Status = .ok) async throws -> HTMLPage {
        let t = kit.t(context)
        let goals = try await plans.goals(school: school.id)
        let actions = PlanAction.ordered(try await plans.actions(school: school.id), today: today)
        let people = try await owners(school: school.id)
        var names = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.displayName) })
        for id in Set(actions.compactMap(\.ownerId)) where names[id] == nil { names[id] = try await accounts.find(id: id)?.displayName }
        var progress: [UUID: GoalProgress] = [:]
        for goal in goals { progress[goal.id] = GoalProgress(goal: goal, readings: try await readings(goal, school: school)) }
        var signedInPerson = false
        if case .session = visitor.credential { signedInPerson = true }
        let editable = visitor.may(.editPlan(school: school.id)) && signedInPerson
        let due = try await plans.dueDates(school: school.id)
        let dueState = form.which == "due" ? form : FormState(values: ["assessment": due.assessment?.description ?? "", "wave": due.wave?.description ?? ""])
        let model = PlanViewModel(
            chrome: kit.chrome(request, context, titleKey: "plan.title", titleArguments: ["school": school.name]), school: school,
            goals: goals.map { goal in PlanText.goal(goal, progress: progress[goal.id]!, school: school.id, editable: editable, t) },
            actions: actions.map { PlanText.action($0, owner: $0.ownerId.flatMap { names[$0] }, goals: goals, school: school.id, today: today, t) },
            notice: notice, editable: editable,
            due: PlanText.due(due, today: today, t),
            dueForm: editable ? PlanText.dueForm(school: school, state: dueState, t) : nil,
            goalForm: editable ? PlanText.goalForm(school: school, state: form.which == "goal" ? form : .init(), today: today, t) : nil,
            actionForm: editable ? PlanText.actionForm(school: school, goals: goals, owners: people,
                                                       resources: try await resourceOptions(school: school.id, using: [], scope: LibraryScope(visitor), t),
                                                       state: form.which == "action" ? form : .init(), t) : nil,
            exportURL: SiteURL.planExport(school: school.id).path
        )
        return HTMLPage(html: PlanView.render(model), status: status)
    }

    /// The plan as a spreadsheet: one row per goal, with its baseline and latest shown figures and verdict, then one
    /// row per action. Figures are the page's own, through the same privacy filter; a withheld one is left empty.
    @Sendable func export(request: Request, context: BelongRequestContext) async throws -> Response {
        let (_, school) = try await context.requireSchool(Permission.viewSchoolAggregates, in: organizations, request)
        let t = kit.t(context)
        let goals = try await plans.goals(school: school.id)
        let actions = PlanAction.ordered(try await plans.actions(school: school.id), today: today)
        func percent(_ figure: ProportionEstimate?) -> String { figure?.value.map { String(format: "%.1f", $0 * 100) } ?? "" }
        var text = CSVText.line(["kind", "strategy", "goal", "target", "byWhen", "baselineWave", "baseline", "baselineN", "latestWave", "latest",
                                 "verdict", "action", "owner", "starts", "due", "status", "why", "resources"].map { t("plan.csv.\($0)") })
        var labels: [UUID: String] = [:]
        for goal in goals {
            let progress = GoalProgress(goal: goal, readings: try await readings(goal, school: school))
            let label = PlanText.measure(goal.measure, t)
            labels[goal.id] = label
            text += CSVText.line([
                t("plan.csv.goalRow"), PlanText.strategy(goal.strategy, t), label, String(Int((goal.target * 100).rounded())), goal.byWhen.description,
                progress.baseline?.title ?? "", percent(progress.baseline?.figure), progress.baseline?.respondents.map(String.init) ?? "",
                progress.latest?.title ?? "", percent(progress.latest?.figure), progress.verdict.map { PlanText.verdict($0, t) } ?? "",
                "", "", "", "", "", "", "",
            ])
        }
        var names: [UUID: String] = [:]
        for id in Set(actions.compactMap(\.ownerId)) { names[id] = try await accounts.find(id: id)?.displayName ?? "" }
        for action in actions {
            text += CSVText.line([
                t("plan.csv.actionRow"), PlanText.strategy(action.strategy, t), action.goalId.flatMap { labels[$0] } ?? "", "", "", "", "", "", "", "", "",
                action.what, action.ownerId.flatMap { names[$0] } ?? "", action.starts?.description ?? "", action.due?.description ?? "",
                t("plan.status.\(action.status.rawValue)") + (action.isOverdue(today: today) ? " (\(t("plan.overdue")))" : ""), action.reason,
                action.resources.joined(separator: " "),
            ])
        }
        return Download.csv(text, named: "plan-\(school.name).csv")
    }

    // MARK: Goals

    @Sendable func addGoal(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await context.requireSchool(Permission.editPlan, in: organizations, request)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        var state = FormState(which: "goal", values: ["strategy": fields.plain("goal-strategy"), "measure": fields.plain("goal-measure"),
                                                      "target": fields.plain("goal-target"), "byWhen": fields.plain("goal-byWhen")])
        let strategy = Strategy(rawValue: state.values["strategy"]!)
        if strategy == nil { state.errors.append(("goal-strategy", t("plan.error.strategy"))) }
        let parts = state.values["measure"]!.split(separator: ":", maxSplits: 1).map(String.init)
        let measure = parts.count == 2 ? Measure.Audience(rawValue: parts[0]).flatMap { GoalMeasure(audience: $0, measure: parts[1]) } : nil
        if measure == nil { state.errors.append(("goal-measure", t("plan.error.measure"))) }
        let target = Int(state.values["target"]!.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
        if target.map({ !(1...100).contains($0) }) ?? true { state.errors.append(("goal-target", t("plan.error.target"))) }
        let byWhen = CalendarDate(iso: state.values["byWhen"]!)
        if byWhen.map({ $0 <= today }) ?? true { state.errors.append(("goal-byWhen", t("plan.error.byWhen"))) }
        guard state.errors.isEmpty, let strategy, let measure, let target, let byWhen else {
            return try await page(request, context, visitor: visitor, school: school, notice: nil, form: state, status: .badRequest).response(from: request, context: context)
        }
        // A double submit of the same goal adds it once.
        let baseline = try await self.baseline(measure, school: school)
        let goals = try await plans.goals(school: school.id)
        if !goals.contains(where: { $0.strategy == strategy && $0.measure == measure && Int(($0.target * 100).rounded()) == target && $0.byWhen == byWhen }) {
            let goal = PlanGoal(id: UUID(), schoolId: school.id, strategy: strategy, measure: measure, baselineWave: baseline, target: Double(target) / 100,
                                byWhen: byWhen, createdAt: now())
            try await plans.addGoal(goal, by: visitor.account.id)
            try await audit.record(.goalAdded, by: context.actor(visitor), about: .goal(goal.id), in: school.id,
                                   detail: "\(strategy.rawValue) · \(measure.audience.rawValue) \(measure.measure) → \(target)% by \(byWhen)")
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.plan(school: school.id).path + "?done=goal#goals"])
    }

    @Sendable func removeGoal(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await context.requireSchool(Permission.editPlan, in: organizations, request)
        try context.requireWritable(visitor)
        guard let id = context.parameters.get("goal").flatMap(UUID.init(uuidString:)) else { throw PageError(.notFound, "plan.error.unknownGoal") }
        if try await plans.removeGoal(id, school: school.id) {
            try await audit.record(.goalRemoved, by: context.actor(visitor), about: .goal(id), in: school.id)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.plan(school: school.id).path + "?done=removed#goals"])
    }

    // MARK: Reassessment

    @Sendable func setDueDates(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await context.requireSchool(Permission.editPlan, in: organizations, request)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        var state = FormState(which: "due", values: ["assessment": fields.plain("due-assessment"), "wave": fields.plain("due-wave")])
        var due = PlanStore.DueDates()
        for (name, path) in [("assessment", \PlanStore.DueDates.assessment), ("wave", \PlanStore.DueDates.wave)] {
            let text = state.values[name]!
            guard !text.isEmpty else { continue }
            guard let day = CalendarDate(iso: text), day > today else { state.errors.append(("due-\(name)", t("plan.error.byWhen"))); continue }
            due[keyPath: path] = day
        }
        guard state.errors.isEmpty else {
            return try await page(request, context, visitor: visitor, school: school, notice: nil, form: state, status: .badRequest).response(from: request, context: context)
        }
        try await plans.setDueDates(due, school: school.id, by: visitor.account.id)
        try await audit.record(.planDueSet, by: context.actor(visitor), about: .school(school.id), in: school.id,
                               detail: "self-assessment \(due.assessment?.description ?? "—") · survey \(due.wave?.description ?? "—")")
        return Response(status: .seeOther, headers: [.location: SiteURL.plan(school: school.id).path + "?done=due#due"])
    }

    // MARK: Actions

    /// An action's fields from a form, checked; the mistakes by field. `owner` may keep to status, reason and notes.
    private func read(_ fields: FormFields, into action: PlanAction?, school: Organization, goals: [PlanGoal], owners: [UserAccount],
                      statusOnly: Bool, scope: LibraryScope, _ t: Localizer) async throws -> (PlanAction?, FormState) {
        var state = FormState(which: "action")
        for name in ["what", "strategy", "goal", "owner", "starts", "due", "status", "reason"] { state.values[name] = fields.plain("action-\(name)") }
        state.values["notes"] = fields["action-notes"].map { String($0.prefix(PlanStore.textLength + 1)) } ?? ""
        let status = ActionStatus(rawValue: state.values["status"]!.isEmpty ? "planned" : state.values["status"]!)
        if status == nil { state.errors.append(("action-status", t("plan.error.status"))) }
        let reason = state.values["reason"]!
        if status == .dropped && reason.isEmpty { state.errors.append(("action-reason", t("plan.error.why"))) }
        if reason.count > PlanStore.textLength { state.errors.append(("action-reason", t("plan.error.tooLong", ["max": String(PlanStore.textLength)]))) }
        let notes = state.values["notes"]!.trimmingCharacters(in: .whitespacesAndNewlines)
        if notes.count > PlanStore.textLength { state.errors.append(("action-notes", t("plan.error.tooLong", ["max": String(PlanStore.textLength)]))) }
        if statusOnly, var action {
            guard state.errors.isEmpty, let status else { return (nil, state) }
            action.status = status
            action.reason = reason
            action.notes = notes
            action.updatedAt = now()
            return (action, state)
        }
        let what = state.values["what"]!
        if what.isEmpty { state.errors.append(("action-what", t("plan.error.what"))) }
        if what.count > PlanStore.whatLength { state.errors.append(("action-what", t("plan.error.tooLong", ["max": String(PlanStore.whatLength)]))) }
        let strategy = Strategy(rawValue: state.values["strategy"]!)
        if strategy == nil { state.errors.append(("action-strategy", t("plan.error.strategy"))) }
        var goal: UUID?
        if !state.values["goal"]!.isEmpty {
            goal = UUID(uuidString: state.values["goal"]!).flatMap { id in goals.first { $0.id == id }?.id }
            if goal == nil { state.errors.append(("action-goal", t("plan.error.goal"))) }
        }
        var owner: UUID?
        if !state.values["owner"]!.isEmpty {
            owner = UUID(uuidString: state.values["owner"]!).flatMap { id in owners.first { $0.id == id }?.id }
            if owner == nil { state.errors.append(("action-owner", t("plan.error.owner"))) }
        }
        func day(_ name: String) -> CalendarDate?? {
            let text = state.values[name]!
            guard !text.isEmpty else { return .some(nil) }
            guard let date = CalendarDate(iso: text) else { state.errors.append(("action-\(name)", t("plan.error.day"))); return nil }
            return .some(date)
        }
        let starts = day("starts"), due = day("due")
        if let starts = starts ?? nil, let due = due ?? nil, due < starts { state.errors.append(("action-due", t("plan.error.dueBeforeStart"))) }
        let known = Set(try await library.all(scope: scope).map(\.resource.id))
        let chosen = Array(Set(fields.values("action-resources").map { FormFields.plain($0) }.filter { !$0.isEmpty })).sorted()
        state.values["resources"] = chosen.joined(separator: " ")
        if chosen.count > PlanStore.resourcesLimit { state.errors.append(("action-resources", t("plan.error.tooMany", ["max": String(PlanStore.resourcesLimit)]))) }
        if chosen.contains(where: { !known.contains($0) }) { state.errors.append(("action-resources", t("plan.error.resources"))) }
        guard state.errors.isEmpty, let status, let strategy, let starts, let due else { return (nil, state) }
        return (PlanAction(id: action?.id ?? UUID(), schoolId: school.id, goalId: goal, what: what, strategy: strategy, ownerId: owner, starts: starts,
                           due: due, status: status, reason: reason, resources: chosen, notes: notes, updatedAt: now()), state)
    }

    @Sendable func addAction(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await context.requireSchool(Permission.editPlan, in: organizations, request)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let goals = try await plans.goals(school: school.id)
        let (made, state) = try await read(fields, into: nil, school: school, goals: goals, owners: try await owners(school: school.id), statusOnly: false,
                                       scope: LibraryScope(visitor), kit.t(context))
        guard let action = made else {
            return try await page(request, context, visitor: visitor, school: school, notice: nil, form: state, status: .badRequest).response(from: request, context: context)
        }
        // A double submit adds the action once.
        let existing = try await plans.actions(school: school.id)
        if let same = existing.first(where: { $0.what == action.what && $0.ownerId == action.ownerId && $0.due == action.due && abs($0.updatedAt.timeIntervalSince(now())) < 120 }) {
            return Response(status: .seeOther, headers: [.location: SiteURL.planAction(same.id, school: school.id).path + "?done=added"])
        }
        try await plans.addAction(action, by: visitor.account.id)
        try await audit.record(.actionAdded, by: context.actor(visitor), about: .action(action.id), in: school.id, detail: String(action.what.prefix(120)))
        return Response(status: .seeOther, headers: [.location: SiteURL.plan(school: school.id).path + "?done=action#actions"])
    }

    private func action(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, Organization, PlanAction) {
        let (visitor, school) = try await context.requireSchool(Permission.viewSchoolAggregates, in: organizations, request)
        guard let id = context.parameters.get("action").flatMap(UUID.init(uuidString:)),
              let action = try await plans.action(id, school: school.id) else { throw PageError(.notFound, "plan.error.unknownAction") }
        return (visitor, school, action)
    }

    @Sendable func actionPage(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school, action) = try await action(request, context)
        let notice = request.uri.queryParameters.get("done").flatMap { ["saved", "added"].contains($0) ? kit.t(context)("plan.done.\($0)") : nil }
        return try await actionPage(request, context, visitor: visitor, school: school, action: action, notice: notice, form: .init())
    }

    private func actionPage(_ request: Request, _ context: BelongRequestContext, visitor: Visitor, school: Organization, action: PlanAction, notice: String?,
                            form: FormState, status: HTTPResponse.Status = .ok) async throws -> HTMLPage {
        let t = kit.t(context)
        let goals = try await plans.goals(school: school.id)
        let people = try await owners(school: school.id)
        var signedInPerson = false
        if case .session = visitor.credential { signedInPerson = true }
        let mayEdit = visitor.may(.editPlan(school: school.id)) && signedInPerson
        let isOwner = action.ownerId == visitor.account.id && signedInPerson
        var names: [UUID: String] = [:]
        for change in try await plans.history(action.id) {
            if let id = change.by, names[id] == nil { names[id] = try await accounts.find(id: id)?.displayName ?? "" }
        }
        let owner = try await action.ownerId.asyncMap { try await accounts.find(id: $0)?.displayName }
        let entries = Dictionary(try await library.all(scope: LibraryScope(visitor)).map { ($0.resource.id, $0.resource) }) { first, _ in first }
        let model = ActionViewModel(
            chrome: kit.chrome(request, context, titleKey: "plan.action.title", titleArguments: ["what": action.what]), school: school,
            item: PlanText.action(action, owner: owner ?? nil, goals: goals, school: school.id, today: today, t),
            history: try await plans.history(action.id).map { change in
                PlanText.change(change, by: change.by.flatMap { names[$0] }, day: SurveyText.day(SurveyWindow.day(of: change.at, timeZone: timeZone), t), t)
            },
            resources: action.resources.compactMap { id in entries[id].map { (title: $0.title(in: t.language), url: SiteURL.libraryResource(id).path) } },
            notes: action.notes, notice: notice,
            form: mayEdit || isOwner ? PlanText.actionForm(
                school: school, goals: goals, owners: people,
                resources: try await resourceOptions(school: school.id, using: action.resources, scope: LibraryScope(visitor), t),
                action: action, statusOnly: !mayEdit, state: form, t) : nil,
            backURL: SiteURL.plan(school: school.id).path + "#actions"
        )
        return HTMLPage(html: ActionView.render(model), status: status)
    }

    @Sendable func updateAction(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school, current) = try await action(request, context)
        let mayEdit = visitor.may(.editPlan(school: school.id))
        guard mayEdit || current.ownerId == visitor.account.id else { throw PageError(.forbidden, "plan.error.notYours") }
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let (made, state) = try await read(fields, into: current, school: school, goals: try await plans.goals(school: school.id),
                                           owners: try await owners(school: school.id), statusOnly: !mayEdit,
                                           scope: LibraryScope(visitor), kit.t(context))
        guard let action = made else {
            return try await actionPage(request, context, visitor: visitor, school: school, action: current, notice: nil, form: state, status: .badRequest)
                .response(from: request, context: context)
        }
        try await plans.update(action, by: visitor.account.id)
        try await audit.record(.actionUpdated, by: context.actor(visitor), about: .action(action.id), in: school.id,
                               detail: current.status == action.status ? nil : "\(current.status.rawValue) → \(action.status.rawValue)")
        return Response(status: .seeOther, headers: [.location: SiteURL.planAction(action.id, school: school.id).path + "?done=saved"])
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
