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
            ))
        ))
    }
}
