import BelongCore
import Foundation
import Plot

// MARK: View models

struct GoalItem: Sendable {
    struct Row: Sendable {
        let wave: String
        /// "62% (57–67%)" or what the privacy filter said.
        let figure: String
        let respondents: String
        let change: String
        let isBaseline: Bool
    }

    /// A point of the chart, in shares 0–1; nil value for a withheld wave.
    struct Point: Sendable {
        let label: String
        let value: Double?
        let lower: Double?
        let upper: Double?
    }

    let id: String
    let heading: String
    let strategy: String
    let summary: String
    let verdict: String?
    let rows: [Row]
    let points: [Point]
    let target: Double
    let targetLabel: String
    let removeURL: String?
}

struct ActionItem: Sendable {
    let what: String
    let url: String
    let strategy: String
    let goal: String?
    let owner: String
    let starts: String?
    let due: String?
    let status: String
    let statusClass: String
    let overdue: Bool
    let reason: String?
}

struct PlanFormModel {
    struct Select {
        let name: String
        let label: String
        let options: [Forms.Option]
        let selected: String
        var hint: String? = nil
    }

    let action: String
    let heading: String
    let lead: String?
    let errors: [(field: String, message: String)]
    let fields: [Field]
    let submit: String

    enum Field {
        case input(Forms.Field)
        case select(Select)
        case textarea(name: String, label: String, value: String, hint: String?)
        case checkboxes(name: String, legend: String, options: [Forms.Option], chosen: Set<String>, hint: String?)
    }
}

struct PlanViewModel {
    let chrome: PageChrome
    let school: Organization
    let goals: [GoalItem]
    let actions: [ActionItem]
    let notice: String?
    let editable: Bool
    /// When the team looks again: the next self-assessment and survey wave, as due.
    let due: [String]
    let dueForm: PlanFormModel?
    let goalForm: PlanFormModel?
    let actionForm: PlanFormModel?
    let exportURL: String
}

struct ActionViewModel {
    let chrome: PageChrome
    let school: Organization
    let item: ActionItem
    let history: [String]
    let resources: [(title: String, url: String)]
    let notes: String
    let notice: String?
    let form: PlanFormModel?
    let backURL: String
}

// MARK: Words and numbers

enum PlanText {
    static func strategy(_ strategy: Strategy, _ t: Localizer) -> String { t("about.strategy.\(strategy.rawValue).name") }

    /// "Students: feeling heard".
    static func measure(_ measure: GoalMeasure, _ t: Localizer) -> String {
        t("plan.measure", ["audience": t("plan.audience.\(measure.audience.rawValue)"), "measure": t("plan.measureName.\(measure.measure)")])
    }

    static func figure(_ estimate: ProportionEstimate, _ t: Localizer) -> String {
        let value = ResultsText.percent(estimate.value ?? 0, t)
        return estimate.interval.map { "\(value) (\(ResultsText.percentRange($0, t)))" } ?? value
    }

    static func verdict(_ verdict: Change.Verdict, _ t: Localizer) -> String { t("plan.verdict.\(verdict.rawValue)") }

    /// "Nov 2025", "nov. 2025": short enough to name a wave under a chart.
    static func monthYear(_ date: Date, _ t: Localizer) -> String {
        date.formatted(Date.FormatStyle(timeZone: TimeZone(identifier: "UTC")!).month(.abbreviated).year()
            .locale(Locale(identifier: t.language == .french ? "fr_CA" : "en_CA")))
    }

    static func goal(_ goal: PlanGoal, progress: GoalProgress, school: UUID, editable: Bool, _ t: Localizer) -> GoalItem {
        let target = ResultsText.percent(goal.target, t)
        let rows = progress.points.map { point in
            GoalItem.Row(
                wave: point.reading.title,
                figure: point.reading.figure.map { figure($0, t) } ?? t("plan.withheld"),
                respondents: point.reading.respondents.map { t.number($0) } ?? "—",
                change: point.reading.wave == progress.baseline?.wave ? t("plan.baseline")
                    : point.change.map { "\(ResultsText.pointsChange($0, t)) · \(verdict($0.verdict, t))" } ?? "—",
                isBaseline: point.reading.wave == progress.baseline?.wave
            )
        }
        var summary: String
        if let baseline = progress.baseline {
            summary = baseline.figure.map { t("plan.summary.baseline", ["wave": baseline.title, "figure": figure($0, t), "n": t.number(baseline.respondents ?? $0.n)]) }
                ?? t("plan.summary.baselineWithheld", ["wave": baseline.title])
        } else {
            summary = t("plan.summary.noWave")
        }
        if let latest = progress.latest, let value = latest.figure {
            summary += " " + t("plan.summary.latest", ["wave": latest.title, "figure": figure(value, t)])
        }
        if let reached = progress.reached { summary += " " + t(reached ? "plan.summary.reached" : "plan.summary.notReached", ["target": target]) }
        return GoalItem(
            id: goal.id.uuidString.lowercased(),
            heading: t("plan.goal.heading", ["measure": measure(goal.measure, t), "target": target, "day": SurveyText.day(goal.byWhen, t)]),
            strategy: strategy(goal.strategy, t), summary: summary,
            verdict: progress.verdict.map { verdict($0, t) },
            rows: rows,
            points: progress.points.map { point in
                GoalItem.Point(label: point.reading.closes.map { monthYear($0, t) } ?? point.reading.title, value: point.reading.figure?.value, lower: point.reading.figure?.interval?.lower,
                               upper: point.reading.figure?.interval?.upper)
            },
            target: goal.target, targetLabel: t("plan.goal.target", ["target": target]),
            removeURL: editable ? SiteURL.removeGoal(goal.id, school: school).path : nil
        )
    }

    static func action(_ action: PlanAction, owner: String?, goals: [PlanGoal], school: UUID, today: CalendarDate, _ t: Localizer) -> ActionItem {
        let overdue = action.isOverdue(today: today)
        return ActionItem(
            what: action.what, url: SiteURL.planAction(action.id, school: school).path, strategy: strategy(action.strategy, t),
            goal: action.goalId.flatMap { id in goals.first { $0.id == id } }.map { measure($0.measure, t) },
            owner: owner ?? t("plan.noOwner"), starts: action.starts.map { SurveyText.day($0, t) }, due: action.due.map { SurveyText.day($0, t) },
            status: t("plan.status.\(action.status.rawValue)") + (overdue ? " · " + t("plan.overdue") : ""),
            statusClass: overdue ? "status status--overdue" : "status status--\(action.status.rawValue)", overdue: overdue,
            reason: action.reason.isEmpty ? nil : action.reason
        )
    }

    static func change(_ change: ActionChange, by: String?, day: String, _ t: Localizer) -> String {
        var text = t("plan.history.entry", ["day": day, "status": t("plan.status.\(change.status.rawValue)"), "who": by ?? t("plan.history.someone")])
        if !change.reason.isEmpty { text += " — " + change.reason }
        return text
    }

    /// "Next self-assessment due March 1, 2027", overdue said when it is past.
    static func due(_ due: PlanStore.DueDates, today: CalendarDate, _ t: Localizer) -> [String] {
        [("assessment", due.assessment), ("wave", due.wave)].compactMap { name, day in
            day.map { t($0 < today ? "plan.due.\(name)Overdue" : "plan.due.\(name)", ["day": SurveyText.day($0, t)]) }
        }
    }

    static func dueForm(school: Organization, state: PlanController.FormState, _ t: Localizer) -> PlanFormModel {
        func error(_ name: String) -> String? { state.errors.first { $0.field == "due-\(name)" }?.message }
        return PlanFormModel(
            action: SiteURL.planDueDates(school: school.id).path, heading: t("plan.dueForm.heading"), lead: t("plan.dueForm.lead"),
            errors: state.errors, fields: [
                .input(.init(name: "due-assessment", label: t("plan.dueForm.assessment"), type: .date, value: state.values["assessment"] ?? "",
                             hint: t("plan.form.dayHint"), error: error("assessment"), required: false)),
                .input(.init(name: "due-wave", label: t("plan.dueForm.wave"), type: .date, value: state.values["wave"] ?? "",
                             hint: t("plan.form.dayHint"), error: error("wave"), required: false)),
            ], submit: t("plan.dueForm.submit"))
    }

    static func strategyOptions(_ t: Localizer) -> [Forms.Option] {
        [Forms.Option(value: "", label: t("plan.form.choose"))] + Strategy.allCases.map { .init(value: $0.rawValue, label: strategy($0, t)) }
    }

    static func goalForm(school: Organization, state: PlanController.FormState, today: CalendarDate, _ t: Localizer) -> PlanFormModel {
        let v = state.values
        func error(_ name: String) -> String? { state.errors.first { $0.field == "goal-\(name)" }?.message }
        return PlanFormModel(
            action: SiteURL.planGoals(school: school.id).path, heading: t("plan.goalForm.heading"), lead: t("plan.goalForm.lead"),
            errors: state.errors, fields: [
                .select(.init(name: "goal-strategy", label: t("plan.form.strategy"), options: strategyOptions(t), selected: v["strategy"] ?? "")),
                .select(.init(name: "goal-measure", label: t("plan.goalForm.measure"),
                              options: [.init(value: "", label: t("plan.form.choose"))]
                                + GoalMeasure.all.map { .init(value: "\($0.audience.rawValue):\($0.measure)", label: measure($0, t)) },
                              selected: v["measure"] ?? "", hint: t("plan.goalForm.measureHint"))),
                .input(.init(name: "goal-target", label: t("plan.goalForm.target"), type: .number, value: v["target"] ?? "",
                             hint: t("plan.goalForm.targetHint"), error: error("target"))),
                .input(.init(name: "goal-byWhen", label: t("plan.goalForm.byWhen"), type: .date, value: v["byWhen"] ?? "",
                             hint: t("plan.form.dayHint"), error: error("byWhen"))),
            ], submit: t("plan.goalForm.submit"))
    }

    static func actionForm(school: Organization, goals: [PlanGoal], owners: [UserAccount], resources: [Forms.Option], action: PlanAction? = nil,
                           statusOnly: Bool = false, state: PlanController.FormState, _ t: Localizer) -> PlanFormModel {
        func value(_ name: String, _ current: String?) -> String { state.values[name] ?? current ?? "" }
        func error(_ name: String) -> String? { state.errors.first { $0.field == "action-\(name)" }?.message }
        let statuses = ActionStatus.allCases.map { Forms.Option(value: $0.rawValue, label: t("plan.status.\($0.rawValue)")) }
        var fields: [PlanFormModel.Field] = []
        if !statusOnly {
            fields += [
                .input(.init(name: "action-what", label: t("plan.actionForm.what"), value: value("what", action?.what), hint: t("plan.actionForm.whatHint"),
                             error: error("what"))),
                .select(.init(name: "action-strategy", label: t("plan.form.strategy"), options: strategyOptions(t),
                              selected: value("strategy", action?.strategy.rawValue))),
                .select(.init(name: "action-goal", label: t("plan.actionForm.goal"),
                              options: [.init(value: "", label: t("plan.actionForm.noGoal"))]
                                + goals.map { .init(value: $0.id.uuidString, label: measure($0.measure, t) + " → " + ResultsText.percent($0.target, t)) },
                              selected: value("goal", action?.goalId?.uuidString))),
                .select(.init(name: "action-owner", label: t("plan.actionForm.owner"),
                              options: [.init(value: "", label: t("plan.noOwner"))] + owners.map { .init(value: $0.id.uuidString, label: $0.displayName) },
                              selected: value("owner", action?.ownerId?.uuidString), hint: t("plan.actionForm.ownerHint"))),
                .input(.init(name: "action-starts", label: t("plan.actionForm.starts"), type: .date, value: value("starts", action?.starts?.description),
                             hint: t("plan.form.dayHint"), error: error("starts"), required: false)),
                .input(.init(name: "action-due", label: t("plan.actionForm.due"), type: .date, value: value("due", action?.due?.description),
                             hint: t("plan.form.dayHint"), error: error("due"), required: false)),
            ]
        }
        fields += [
            .select(.init(name: "action-status", label: t("plan.actionForm.status"), options: statuses, selected: value("status", action?.status.rawValue ?? "planned"))),
            .input(.init(name: "action-reason", label: t("plan.actionForm.reason"), value: value("reason", action?.reason), hint: t("plan.actionForm.reasonHint"),
                         error: error("reason"), required: false)),
        ]
        if !statusOnly, !resources.isEmpty {
            let chosen = Set((state.values["resources"].map { $0.split(separator: " ").map(String.init) }) ?? action?.resources ?? [])
            fields.append(.checkboxes(name: "action-resources", legend: t("plan.actionForm.resources"), options: resources, chosen: chosen,
                                      hint: t("plan.actionForm.resourcesHint")))
        }
        fields.append(.textarea(name: "action-notes", label: t("plan.actionForm.notes"), value: value("notes", action?.notes), hint: nil))
        return PlanFormModel(
            action: action.map { SiteURL.planAction($0.id, school: school.id).path } ?? SiteURL.planActions(school: school.id).path,
            heading: t(action == nil ? "plan.actionForm.heading" : statusOnly ? "plan.actionForm.statusHeading" : "plan.actionForm.editHeading"),
            lead: statusOnly ? t("plan.actionForm.ownerLead") : nil, errors: state.errors, fields: fields,
            submit: t(action == nil ? "plan.actionForm.submit" : "plan.actionForm.save"))
    }
}

// MARK: Views

enum PlanParts {
    /// A form's fields are named "goal-x" / "action-x", so the two forms of the plan page have distinct ids.
    static func form(_ model: PlanFormModel, token: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        .group(
            Forms.errorSummary(title: t("plan.form.problems"), errors: model.errors),
            .form(
                .method(.post), .action(model.action), .class("narrow plan-form"),
                .h2(.text(model.heading)),
                .unwrap(model.lead) { .p(.text($0)) },
                Forms.csrf(token),
                .forEach(model.fields) { field in
                    switch field {
                    case .input(let input):
                        return Forms.input(input)
                    case .select(let select):
                        return Forms.select(name: select.name, label: select.label, options: select.options, selected: select.selected, hint: select.hint,
                                            error: model.errors.first { $0.field == select.name }?.message)
                    case .textarea(let name, let label, let value, let hint):
                        let id = "field-\(name)"
                        return .div(.class("field"), .label(.for(id), .text(label)),
                                    .unwrap(hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) },
                                    .textarea(.id(id), .name(name), .attribute(named: "rows", value: "3"),
                                              .attribute(named: "maxlength", value: String(PlanStore.textLength)), .text(value)))
                    case .checkboxes(let name, let legend, let options, let chosen, let hint):
                        return Forms.choices(name: name, legend: legend, options: options, chosen: chosen, multiple: true, hint: hint)
                    }
                },
                Forms.submit(model.submit)
            )
        )
    }

    /// The measure across waves: each shown figure with its interval, and the target as a dashed line.
    static func chart(_ goal: GoalItem, _ t: Localizer) -> Node<HTML.BodyContext> {
        let width = 560.0, height = 200.0, left = 44.0, right = 16.0, top = 12.0, bottom = 28.0
        let count = max(goal.points.count, 1)
        let inset = 36.0
        func x(_ index: Int) -> Double {
            count == 1 ? left + (width - left - right) / 2 : left + inset + Double(index) * (width - left - right - 2 * inset) / Double(count - 1)
        }
        func y(_ share: Double) -> Double { top + (1 - share) * (height - top - bottom) }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"), .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(height))"),
            .attribute(named: "class", value: "goal-chart__svg"), .attribute(named: "aria-hidden", value: "true"), .attribute(named: "focusable", value: "false"),
        ]
        for share in [0.0, 0.5, 1.0] {
            nodes.append(.element(named: "line", nodes: [.attribute(named: "x1", value: f(left)), .attribute(named: "x2", value: f(width - right)),
                                                         .attribute(named: "y1", value: f(y(share))), .attribute(named: "y2", value: f(y(share))),
                                                         .attribute(named: "class", value: "goal-chart__grid")]))
            nodes.append(.element(named: "text", nodes: [.attribute(named: "x", value: f(left - 6)), .attribute(named: "y", value: f(y(share) + 4)),
                                                         .attribute(named: "text-anchor", value: "end"), .text(ResultsText.percent(share, t))]))
        }
        nodes.append(.element(named: "line", nodes: [.attribute(named: "x1", value: f(left)), .attribute(named: "x2", value: f(width - right)),
                                                     .attribute(named: "y1", value: f(y(goal.target))), .attribute(named: "y2", value: f(y(goal.target))),
                                                     .attribute(named: "class", value: "goal-chart__target")]))
        let shown = goal.points.enumerated().filter { $0.element.value != nil }
        if shown.count > 1 {
            nodes.append(.element(named: "polyline", nodes: [
                .attribute(named: "points", value: shown.map { "\(f(x($0.offset))),\(f(y($0.element.value!)))" }.joined(separator: " ")),
                .attribute(named: "class", value: "goal-chart__line"),
            ]))
        }
        for (index, point) in goal.points.enumerated() {
            if let value = point.value {
                if let lower = point.lower, let upper = point.upper {
                    nodes.append(.element(named: "line", nodes: [.attribute(named: "x1", value: f(x(index))), .attribute(named: "x2", value: f(x(index))),
                                                                 .attribute(named: "y1", value: f(y(lower))), .attribute(named: "y2", value: f(y(upper))),
                                                                 .attribute(named: "class", value: "goal-chart__interval")]))
                }
                nodes.append(.element(named: "circle", nodes: [.attribute(named: "cx", value: f(x(index))), .attribute(named: "cy", value: f(y(value))),
                                                               .attribute(named: "r", value: "4"), .attribute(named: "class", value: "goal-chart__point")]))
            }
            nodes.append(.element(named: "text", nodes: [.attribute(named: "x", value: f(x(index))), .attribute(named: "y", value: f(height - 8)),
                                                         .attribute(named: "text-anchor", value: "middle"), .text(point.label)]))
        }
        return .element(named: "figure", nodes: [
            .class("goal-chart"),
            .element(named: "svg", nodes: nodes),
            .element(named: "figcaption", nodes: [.class("muted"), .text(t("plan.chart.caption", ["target": goal.targetLabel]))]),
        ])
    }

    /// `school`: the owner column names the action's school instead (a person's own actions, on their home page).
    static func actionsTable(_ actions: [ActionItem], caption: String, showGoal: Bool = true, school: Bool = false, _ t: Localizer) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(caption),
            .table(
                .class("plan-actions"),
                .caption(.text(caption)),
                .thead(.tr(
                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.what"))),
                    .th(.attribute(named: "scope", value: "col"), .text(t(school ? "plan.column.school" : "plan.column.owner"))),
                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.due"))),
                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.status"))),
                    .if(showGoal, .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.for"))))
                )),
                .tbody(.forEach(actions) { item in
                    .tr(
                        .if(item.overdue, .class("is-overdue")),
                        .th(.attribute(named: "scope", value: "row"), .a(.href(item.url), .text(item.what))),
                        .td(.text(item.owner)),
                        .td(.text(item.due ?? "—")),
                        .td(.span(.class(item.statusClass), .text(item.status)), .unwrap(item.reason) { .div(.class("muted"), .text($0)) }),
                        .if(showGoal, .td(.text(item.strategy), .unwrap(item.goal) { .div(.class("muted"), .text($0)) }))
                    )
                })
            )
        )
    }
}

enum PlanView {
    static func render(_ model: PlanViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("plan.heading", ["school": model.school.name]))),
            .p(.class("lead"), .text(t("plan.lead"))),
            Notices.success(model.notice),
            .p(.a(.href(model.exportURL), .text(t("plan.export")))),
            .section(
                .id("goals"), .attribute(named: "aria-labelledby", value: "goals-heading"),
                .h2(.id("goals-heading"), .text(t("plan.goals"))),
                .if(model.goals.isEmpty, .p(.text(t("plan.noGoals")))),
                .forEach(model.goals) { goal in
                    .article(
                        .class("goal"), .id("goal-\(goal.id)"),
                        .h3(.text(goal.heading)),
                        .p(.class("muted"), .text(goal.strategy)),
                        .p(.text(goal.summary)),
                        .unwrap(goal.verdict) { .p(.strong(.text(t("plan.verdictSince", ["verdict": $0])))) },
                        .if(goal.points.contains { $0.value != nil }, PlanParts.chart(goal, t)),
                        .div(
                            .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                            .ariaLabel(t("plan.goal.caption", ["goal": goal.heading])),
                            .table(
                                .caption(.text(t("plan.goal.caption", ["goal": goal.heading]))),
                                .thead(.tr(
                                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.wave"))),
                                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.figure"))),
                                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.n"))),
                                    .th(.attribute(named: "scope", value: "col"), .text(t("plan.column.change")))
                                )),
                                .tbody(.forEach(goal.rows) { row in
                                    .tr(.th(.attribute(named: "scope", value: "row"), .text(row.wave)), .td(.text(row.figure)), .td(.text(row.respondents)),
                                        .td(.text(row.change)))
                                })
                            )
                        ),
                        .unwrap(goal.removeURL) { url in
                            .form(.method(.post), .action(url), .class("inline-form"), Forms.csrf(model.chrome.formToken),
                                  Forms.submit(t("plan.goal.remove", ["goal": goal.heading]), secondary: true))
                        }
                    )
                }
            ),
            .section(
                .id("actions"), .attribute(named: "aria-labelledby", value: "actions-heading"),
                .h2(.id("actions-heading"), .text(t("plan.actions"))),
                .if(model.actions.isEmpty, .p(.text(t("plan.noActions"))), else: PlanParts.actionsTable(model.actions, caption: t("plan.actionsCaption"), t))
            ),
            .section(
                .id("due"), .attribute(named: "aria-labelledby", value: "due-heading"),
                .h2(.id("due-heading"), .text(t("plan.due.heading"))),
                .if(model.due.isEmpty, .p(.text(t("plan.due.none"))), else: .ul(.forEach(model.due) { .li(.text($0)) }))
            ),
            .unwrap(model.dueForm) { PlanParts.form($0, token: model.chrome.formToken, t) },
            .unwrap(model.goalForm) { PlanParts.form($0, token: model.chrome.formToken, t) },
            .unwrap(model.actionForm) { PlanParts.form($0, token: model.chrome.formToken, t) }
        ))
    }
}

enum ActionView {
    static func render(_ model: ActionViewModel) -> HTML {
        let t = model.chrome.t
        let item = model.item
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(model.backURL), .text(t("plan.back", ["school": model.school.name])))),
            .h1(.text(item.what)),
            Notices.success(model.notice),
            .element(named: "dl", nodes: [
                .class("facts"),
                .element(named: "dt", nodes: [.text(t("plan.column.status"))]), .element(named: "dd", nodes: [.span(.class(item.statusClass), .text(item.status))]),
                .element(named: "dt", nodes: [.text(t("plan.column.owner"))]), .element(named: "dd", nodes: [.text(item.owner)]),
                .element(named: "dt", nodes: [.text(t("plan.form.strategy"))]), .element(named: "dd", nodes: [.text(item.strategy)]),
                .element(named: "dt", nodes: [.text(t("plan.actionForm.goal"))]), .element(named: "dd", nodes: [.text(item.goal ?? t("plan.actionForm.noGoal"))]),
                .element(named: "dt", nodes: [.text(t("plan.actionForm.starts"))]), .element(named: "dd", nodes: [.text(item.starts ?? "—")]),
                .element(named: "dt", nodes: [.text(t("plan.actionForm.due"))]), .element(named: "dd", nodes: [.text(item.due ?? "—")]),
            ]),
            .unwrap(item.reason) { .p(.text(t("plan.why", ["why": $0]))) },
            .if(!model.notes.isEmpty, .group(.h2(.text(t("plan.actionForm.notes"))), .p(.class("prewrap"), .text(model.notes)))),
            .if(!model.resources.isEmpty, .group(
                .h2(.text(t("plan.actionForm.resources"))),
                .ul(.forEach(model.resources) { .li(.a(.href($0.url), .text($0.title))) })
            )),
            .h2(.text(t("plan.history.heading"))),
            .ol(.class("history"), .forEach(model.history) { .li(.text($0)) }),
            .unwrap(model.form) { PlanParts.form($0, token: model.chrome.formToken, t) }
        ))
    }
}
