import BelongCore
import Plot

/// `/surveys`: every wave at the schools the visitor runs surveys for.
struct SurveyListViewModel: Sendable {
    struct Row: Sendable {
        let url: String
        let title: String
        let who: String
        let schools: String
        let window: String
        let status: String
        let responses: String
    }

    let chrome: PageChrome
    let rows: [Row]
    let canPlan: Bool
    let notice: String?
    struct Help: Sendable {
        let schoolId: String
        let school: String
        let english: String
        let french: String
    }
    /// Each school whose surveys the visitor plans, with its help message.
    var help: [Help] = []
    var helpline: String? = nil
    var helpProblem: String? = nil
}

enum SurveyListView {
    static func render(_ model: SurveyListViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("surveys.heading"))),
            .p(.class("lead"), .text(t("surveys.intro"))),
            Notices.success(model.notice),
            .if(model.canPlan, .p(.a(.class("button"), .href(SiteURL.newSurvey.path), .text(t("surveys.new.link"))))),
            .if(model.rows.isEmpty, .p(.text(t("surveys.none"))), else: .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("surveys.caption")),
                .table(
                    .caption(.text(t("surveys.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.title"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.who"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.schools"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.window"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("surveys.column.status"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("surveys.column.responses")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .a(.href(row.url), .text(row.title))),
                            .td(.text(row.who)), .td(.text(row.schools)), .td(.text(row.window)), .td(.text(row.status)),
                            .td(.class("number"), .text(row.responses))
                        )
                    })
                )
            )),
            .if(!model.help.isEmpty, .section(
                .id("help"), .attribute(named: "aria-labelledby", value: "help-heading"),
                .h2(.id("help-heading"), .text(t("surveys.help.heading"))),
                .p(.text(t("surveys.help.intro"))),
                .p(.class("muted"), .text(model.helpline.map { t("surveys.help.helpline", ["helpline": $0]) } ?? t("surveys.help.noHelpline"))),
                .unwrap(model.helpProblem) { Notices.warning($0) },
                .forEach(model.help) { help in
                    .form(
                        .method(.post), .action(SiteURL.surveyHelp.path), .class("help-form"),
                        Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("school"), .value(help.schoolId)),
                        .h3(.text(help.school)),
                        textarea(name: "text_en", id: "help-en-\(help.schoolId)", label: t("surveys.help.english"), value: help.english, lang: "en"),
                        textarea(name: "text_fr", id: "help-fr-\(help.schoolId)", label: t("surveys.help.french"), value: help.french, lang: "fr"),
                        Forms.submit(t("surveys.help.save", ["school": help.school]), secondary: true)
                    )
                }
            ))
        ))
    }

    static func textarea(name: String, id: String, label: String, value: String, lang: String) -> Node<HTML.FormContext> {
        .div(.class("field"),
             .label(.for(id), .text(label)),
             .element(named: "textarea", nodes: [
                 .attribute(named: "id", value: id), .attribute(named: "name", value: name), .attribute(named: "lang", value: lang),
                 .attribute(named: "rows", value: "3"), .attribute(named: "maxlength", value: String(HelpMessageStore.maxLength)), .text(value),
             ]))
    }
}
