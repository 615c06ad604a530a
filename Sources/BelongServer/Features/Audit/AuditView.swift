import BelongCore
import Foundation
import Plot

/// The audit log, newest first, with filters and a CSV download of the same selection.
struct AuditViewModel: Sendable {
    let chrome: PageChrome
    let events: [AuditEvent]
    /// What each event's record names, in words, by event id.
    let records: [UUID: String]
    let page: Page
    let action: String
    let actor: String
    let from: String
    let to: String
    let problem: String?
    let exportURL: String
    let link: @Sendable (Int) -> String
}

enum AuditView {
    static func render(_ model: AuditViewModel) -> HTML {
        let t = model.chrome.t
        let format = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("audit.heading"))),
            .p(.class("muted"), .text(t("audit.intro"))),
            .unwrap(model.problem) { Notices.warning($0) },
            .form(
                .class("filters"), .method(.get), .action(SiteURL.audit.path), .attribute(named: "role", value: "search"), .ariaLabel(t("audit.filter")),
                Forms.select(name: "action", label: t("audit.action"), options: [.init(value: "", label: t("audit.anyAction"))] + AuditEvent.Action.allCases.map {
                    .init(value: $0.rawValue, label: t("audit.actions.\($0.rawValue)"))
                }, selected: model.action),
                Forms.input(.init(name: "actor", label: t("audit.actor"), type: .search, value: model.actor, hint: t("audit.actorHint"), required: false)),
                Forms.input(.init(name: "from", label: t("audit.from"), type: .date, value: model.from, required: false)),
                Forms.input(.init(name: "to", label: t("audit.to"), type: .date, value: model.to, required: false)),
                Forms.submit(t("audit.apply"))
            ),
            .p(
                .attribute(named: "role", value: "status"),
                .text(model.page.total == 0 ? t("audit.none") : (model.page.total == 1 ? t("audit.countOne") : t("audit.count", ["total": t.number(model.page.total)]))),
                .text(" "),
                .a(.href(model.exportURL), .text(t("audit.download")))
            ),
            .if(!model.events.isEmpty, .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("audit.caption")),
                .table(
                    .caption(.text(t("audit.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.at"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.action"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.actor"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.target"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.ip"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("audit.column.detail")))
                    )),
                    .tbody(.forEach(model.events) { event in
                        .tr(
                            .td(.element(named: "time", nodes: [.attribute(named: "datetime", value: format.format(event.at)), .text(format.format(event.at))])),
                            .td(.text(t("audit.actions.\(event.action.rawValue)"))),
                            .td(.text(event.actorLabel)),
                            .td(.text(model.records[event.id] ?? [event.targetKind, event.targetId].compactMap { $0 }.joined(separator: " "))),
                            .td(.text(event.ip ?? "")),
                            .td(.text(event.detail ?? ""))
                        )
                    })
                )
            )),
            Pagination.nav(model.page, t: t, link: model.link)
        ))
    }
}
