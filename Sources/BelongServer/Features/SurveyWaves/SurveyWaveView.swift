import BelongCore
import Foundation
import Plot

/// `/surveys/:wave`: the wave's settings, its state, live participation, and the code slips.
struct SurveyWaveViewModel: Sendable {
    struct School: Sendable {
        let id: UUID
        let name: String
        let count: ParticipationStore.School
    }

    let chrome: PageChrome
    let wave: SurveyWave
    let instrumentTitle: String
    let who: String
    let window: String
    let status: String
    let isStudents: Bool
    let schools: [School]
    let canOpen: Bool
    let canClose: Bool
    let canMoveClosing: Bool
    let canIssue: Bool
    let lastDay: String
    /// Participation is refreshed while the wave is open.
    let live: Bool
    let notice: String?
    let problem: String?
}

enum SurveyWaveView {
    static func render(_ model: SurveyWaveViewModel) -> HTML {
        let t = model.chrome.t
        let wave = model.wave
        var chrome = model.chrome
        if model.live { chrome.scripts = ["/js/participation.js"] }
        return Layout.page(chrome, main: .group(
            .p(.a(.href(SiteURL.surveys.path), .text(t("surveys.back")))),
            .h1(.text(wave.title)),
            Notices.success(model.notice),
            .unwrap(model.problem) { Notices.warning($0) },
            .dl(
                .class("facts"),
                .dt(.text(t("surveys.fact.status"))), .dd(.strong(.text(model.status))),
                .dt(.text(t("surveys.fact.instrument"))), .dd(.text(model.instrumentTitle)),
                .dt(.text(t("surveys.fact.who"))), .dd(.text(model.who)),
                .dt(.text(t("surveys.fact.window"))), .dd(.text(model.window)),
                .dt(.text(t("surveys.fact.mode"))), .dd(.text(t("surveys.mode.\(wave.mode.rawValue)"))),
                .dt(.text(t("surveys.fact.languages"))), .dd(.text(wave.languages.map(\.endonym).joined(separator: ", "))),
                .dt(.text(t("surveys.fact.minimumN"))), .dd(.text(t.number(wave.minimumGroupSize))),
                .if(!wave.customItems.isEmpty, .group(
                    .dt(.text(t("surveys.fact.custom"))),
                    .dd(.ul(.forEach(wave.customItems) { .li(.text($0.text(in: t.language))) }))
                ))
            ),
            actions(model, t),
            .section(
                .id("participation"), .attribute(named: "aria-labelledby", value: "participation-heading"),
                .if(model.live, .attribute(named: "data-poll", value: SiteURL.surveyParticipation(wave.id).path)),
                .h2(.id("participation-heading"), .text(t("surveys.participation.heading"))),
                .p(.class("muted"), .text(t(model.live ? "surveys.participation.live" : wave.state == .draft ? "surveys.participation.notOpen" : "surveys.participation.final"))),
                .forEach(model.schools) { school in schoolSection(school, model: model, t: t) }
            )
        ))
    }

    static func actions(_ model: SurveyWaveViewModel, _ t: Localizer) -> Node<HTML.BodyContext> {
        let wave = model.wave
        return .div(
            .class("actions"),
            .if(model.canOpen, .form(
                .method(.post), .action(SiteURL.openSurvey(wave.id).path), .class("inline"), Forms.csrf(model.chrome.formToken),
                Forms.submit(t("surveys.action.open"))
            )),
            .if(model.canClose, .form(
                .method(.post), .action(SiteURL.closeSurvey(wave.id).path), .class("inline"), Forms.csrf(model.chrome.formToken),
                Forms.submit(t("surveys.action.close"), secondary: true)
            )),
            .if(model.canMoveClosing, .form(
                .method(.post), .action(SiteURL.moveClosing(wave.id).path), .class("inline"), Forms.csrf(model.chrome.formToken),
                .label(.for("field-closes"), .text(t("surveys.action.lastDay"))),
                .input(.id("field-closes"), .name("closes"), .type(.date), .value(model.lastDay)),
                Forms.submit(t("surveys.action.move"), secondary: true)
            ))
        )
    }

    static func schoolSection(_ school: SurveyWaveViewModel.School, model: SurveyWaveViewModel, t: Localizer) -> Node<HTML.BodyContext> {
        let key = school.id.uuidString.lowercased()
        let total = school.count.total
        let wave = model.wave
        return .group(
            .h3(.text(school.name)),
            .p(
                .class("participation-total"), .attribute(named: "role", value: "status"), .attribute(named: "data-school", value: key),
                .attribute(named: "data-template", value: t("surveys.participation.total", ["responded": "{responded}", "eligible": "{eligible}", "rate": "{rate}"])),
                .text(t("surveys.participation.total", ["responded": t.number(total.responded), "eligible": t.number(total.eligible), "rate": String(total.rate ?? 0)]))
            ),
            .if(model.isStudents, .group(
                .div(
                    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                    .ariaLabel(t("surveys.participation.byGrade", ["school": school.name])),
                    .table(
                        .caption(.text(t("surveys.participation.byGrade", ["school": school.name]))),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.grade"))),
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.eligible"))),
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.responded")))
                        )),
                        .tbody(.forEach(school.count.grades.keys.sorted()) { grade in
                            let count = school.count.grades[grade]!
                            return .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(t.grade(grade))),
                                .td(.class("number"), .text(t.number(count.eligible))),
                                .td(.class("number"), .attribute(named: "data-cell", value: "grade-\(key)-\(grade.rawValue)-responded"), .text(t.number(count.responded)))
                            )
                        })
                    )
                ),
                .h4(.id("codes"), .text(t("surveys.codes.heading"))),
                .p(.class("muted"), .text(t(wave.mode == .confidential ? "surveys.codes.introConfidential" : "surveys.codes.intro"))),
                .if(model.canIssue, .form(
                    .method(.post), .action(SiteURL.codeSlips(wave.id).path), .class("code-actions print-many"),
                    .attribute(named: "target", value: "_blank"),
                    Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("school"), .value(key)),
                    .label(.for("slips-grade-\(key)"), .text(t("slips.which"))),
                    .element(named: "select", nodes: [
                        .attribute(named: "id", value: "slips-grade-\(key)"), .attribute(named: "name", value: "grade"),
                        .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text(t("slips.allGrades"))]),
                    ] + school.count.grades.keys.sorted().map { grade in
                        .element(named: "option", nodes: [.attribute(named: "value", value: grade.oneRosterCode), .text(t.grade(grade))])
                    }),
                    paperChoice(t("slips.paper", ["class": school.name]), t),
                    .button(.type(.submit), .class("button"), .text(t("slips.printMany"))),
                    .span(.class("field__hint"), .text(t("slips.printManyHint")))
                )),
                .div(
                    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                    .ariaLabel(t("surveys.participation.byClass", ["school": school.name])),
                    .table(
                        .caption(.text(t("surveys.participation.byClass", ["school": school.name]))),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.class"))),
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.eligible"))),
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.issued"))),
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.responded"))),
                            .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.codes")))
                        )),
                        .tbody(.forEach(school.count.classes) { row in
                            let id = row.id.uuidString.lowercased()
                            return .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(row.title)),
                                .td(.class("number"), .text(t.number(row.count.eligible))),
                                .td(.class("number"), .attribute(named: "data-cell", value: "class-\(id)-issued"), .text(t.number(row.count.issued))),
                                .td(.class("number"), .attribute(named: "data-cell", value: "class-\(id)-responded"), .text(t.number(row.count.responded))),
                                .td(.if(model.canIssue, .div(.class("code-actions"),
                                    .form(
                                        .method(.post), .action(SiteURL.codeSlips(wave.id).path), .class("inline"),
                                        .attribute(named: "target", value: "_blank"),
                                        Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("class"), .value(id)),
                                        paperChoice(t("slips.paper", ["class": row.title]), t),
                                        .button(.type(.submit), .class("button"), .attribute(named: "aria-label", value: t("slips.printFor", ["class": row.title])),
                                                .text(t("slips.print")))
                                    ),
                                    .if(row.count.issued > 0, .form(
                                        .method(.post), .action(SiteURL.replaceCodes(wave.id).path), .class("inline"),
                                        Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("class"), .value(id)),
                                        .button(.type(.submit), .class("link-button"), .attribute(named: "aria-label", value: t("slips.replaceFor", ["class": row.title])),
                                                .text(t("slips.replace")))
                                    ))
                                )))
                            )
                        })
                    )
                )
            ), else: .group(
                .h4(.id("codes"), .text(t("surveys.codes.heading"))),
                .p(.text(t("surveys.codes.issued", ["issued": t.number(total.issued), "eligible": t.number(total.eligible)]))),
                .if(model.canIssue, .div(
                    .class("actions"),
                    .form(
                        .method(.post), .action(SiteURL.codesCSV(wave.id).path), .class("inline"),
                        Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("school"), .value(key)),
                        Forms.submit(t("surveys.codes.csv"))
                    ),
                    .if(total.issued > 0, .form(
                        .method(.post), .action(SiteURL.replaceCodes(wave.id).path), .class("inline"),
                        Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("school"), .value(key)),
                        Forms.submit(t("slips.replace"), secondary: true)
                    ))
                )),
                .p(.class("muted"), .text(t("surveys.codes.csvHint")))
            ))
        )
    }

    /// Letter or A4, for one class's slips or a whole school's.
    static func paperChoice(_ label: String, _ t: Localizer) -> Node<HTML.FormContext> {
        .element(named: "select", nodes: [
            .attribute(named: "name", value: "paper"), .attribute(named: "aria-label", value: label),
            .element(named: "option", nodes: [.attribute(named: "value", value: "letter"), .text(t("slips.paperLetter"))]),
            .element(named: "option", nodes: [.attribute(named: "value", value: "a4"), .text(t("slips.paperA4"))]),
        ])
    }
}
