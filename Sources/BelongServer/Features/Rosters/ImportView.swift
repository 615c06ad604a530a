import BelongCore
import Foundation
import Plot

/// The roster import page: upload, the templates for schools without an information system, recent imports.
struct ImportViewModel: Sendable {
    let chrome: PageChrome
    let maxUploadMB: Int
    let recent: [ImportRunStore.Run]
    let problem: String?
}

enum ImportView {
    static func render(_ model: ImportViewModel) -> HTML {
        let t = model.chrome.t
        let day = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day().time(includingFractionalSeconds: false)
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("import.heading"))),
            .p(.class("lead"), .text(t("import.lead"))),
            .unwrap(model.problem) { Notices.warning($0) },
            .form(
                .method(.post), .action("\(SiteURL.imports.path)?\(FormProtectionMiddleware.fieldName)=\(model.chrome.formToken)"),
                .enctype(.multipartData),
                .fieldset(
                    .element(named: "legend", text: t("import.format")),
                    .div(.class("field field--radio"),
                         .input(.type(.radio), .id("format-oneroster"), .name("format"), .value("oneRoster"), .checked(true)),
                         .label(.for("format-oneroster"), .text(t("import.oneRoster")))),
                    .div(.class("field field--radio"),
                         .input(.type(.radio), .id("format-csv"), .name("format"), .value("belongCSV")),
                         .label(.for("format-csv"), .text(t("import.belongCSV"))))
                ),
                .div(
                    .class("field"),
                    .label(.for("field-file"), .text(t("import.file"))),
                    .div(.id("field-file-hint"), .class("field__hint"), .text(t("import.fileHint", ["max": String(model.maxUploadMB)]))),
                    .input(.id("field-file"), .type(.file), .name("file"), .multiple(true), .attribute(named: "accept", value: ".zip,.csv"),
                           .required(true), .attribute(named: "aria-describedby", value: "field-file-hint"))
                ),
                Forms.submit(t("import.check"))
            ),
            .p(.class("muted"), .text(t("import.nothingYet"))),
            .section(
                .attribute(named: "aria-labelledby", value: "templates-heading"),
                .h2(.id("templates-heading"), .text(t("import.templates"))),
                .p(.text(t("import.templatesText"))),
                .ul(.forEach(PlainCSVReader.templates) { template in
                    .li(.a(.href(SiteURL.importTemplate(template).path), .attribute(named: "download", value: template.fileName),
                           .text(template.fileName)),
                        .text(" — "), .text(template.columns.joined(separator: ", ")))
                })
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "recent-heading"),
                .h2(.id("recent-heading"), .text(t("import.recent"))),
                .if(model.recent.isEmpty, .p(.text(t("import.noRecent")))),
                .if(!model.recent.isEmpty, .div(
                    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("import.recentCaption")),
                    .table(
                        .caption(.text(t("import.recentCaption"))),
                        .thead(.tr(
                            .th(.attribute(named: "scope", value: "col"), .text(t("import.column.when"))),
                            .th(.attribute(named: "scope", value: "col"), .text(t("import.column.file"))),
                            .th(.attribute(named: "scope", value: "col"), .text(t("import.column.by"))),
                            .th(.attribute(named: "scope", value: "col"), .text(t("import.column.status")))
                        )),
                        .tbody(.forEach(model.recent) { run in
                            .tr(
                                .td(.text(day.format(run.createdAt))),
                                .th(.attribute(named: "scope", value: "row"), .a(.href(SiteURL.importRun(run.id).path), .text(run.fileName))),
                                .td(.text(run.actorLabel)),
                                .td(.text(t("import.status.\(run.status.rawValue)")))
                            )
                        })
                    )
                ))
            )
        ))
    }
}
