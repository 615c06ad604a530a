import BelongCore
import Plot

/// `/admin/instruments`: the questionnaires waves can use, and the form to add the district's own.
struct InstrumentsViewModel: Sendable {
    struct Row: Sendable {
        let title: String
        let reference: String
        let audience: String
        let items: Int
        let builtIn: Bool
        let source: String?
        let url: String
    }

    let chrome: PageChrome
    let rows: [Row]
    let notice: String?
    let problems: [String]
}

enum InstrumentsView {
    static func render(_ model: InstrumentsViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("instruments.heading"))),
            .p(.class("lead"), .text(t("instruments.lead"))),
            Notices.success(model.notice),
            .if(!model.problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2(.text(t("instruments.error.heading"))),
                .ul(.forEach(model.problems) { .li(.text($0)) })
            )),
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("instruments.caption")),
                .table(
                    .caption(.text(t("instruments.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("instruments.column.title"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("instruments.column.audience"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("instruments.column.items"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("instruments.column.origin"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("instruments.column.file")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .text(row.title)),
                            .td(.text(row.audience)),
                            .td(.class("number"), .text(t.number(row.items))),
                            .td(.text(row.builtIn ? (row.source ?? t("instruments.builtIn")) : t("instruments.district"))),
                            .td(.a(.href(row.url), .text(row.reference)))
                        )
                    })
                )
            ),
            .h2(.text(t("instruments.add.heading"))),
            .p(.text(t("instruments.add.lead"))),
            .form(
                .method(.post), .action("\(SiteURL.instruments.path)?\(FormProtectionMiddleware.fieldName)=\(model.chrome.formToken)"),
                .enctype(.multipartData),
                .div(
                    .class("field"),
                    .label(.for("field-file"), .text(t("instruments.add.file"))),
                    .div(.id("field-file-hint"), .class("field__hint"), .text(t("instruments.add.hint"))),
                    .input(.id("field-file"), .name("file"), .type(.file), .attribute(named: "accept", value: ".json,application/json"),
                           .attribute(named: "aria-describedby", value: "field-file-hint"), .required(true))
                ),
                Forms.submit(t("instruments.add.submit"))
            )
        ))
    }
}
