import BelongCore
import Foundation
import Plot

/// API tokens: who each acts as, whether it may write, when it was last used; a form for a new one.
struct TokensViewModel: Sendable {
    let chrome: PageChrome
    let tokens: [TokenStore.Token]
    let users: [(id: UUID, label: String)]
    let created: (name: String, secret: String)?
    let notice: String?
    let problem: String?
}

enum TokensView {
    static func render(_ model: TokensViewModel) -> HTML {
        let t = model.chrome.t
        let day = Date.ISO8601FormatStyle().year().month().day()
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("tokens.heading"))),
            .p(.class("muted"), .text(t("tokens.intro"))),
            Notices.success(model.notice),
            .unwrap(model.problem) { Notices.warning($0) },
            .unwrap(model.created) { created in
                .div(
                    .class("notice notice--success one-time"), .attribute(named: "role", value: "status"),
                    .p(.text(t("tokens.created", ["name": created.name]))),
                    .p(.code(.class("secret"), .text(created.secret))),
                    .p(.text(t("tokens.createdHint")))
                )
            },
            .if(model.tokens.isEmpty, .p(.text(t("tokens.none")))),
            .if(!model.tokens.isEmpty, .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("tokens.caption")),
                .table(
                    .caption(.text(t("tokens.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("tokens.column.name"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("tokens.column.actsAs"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("tokens.column.access"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("tokens.column.lastUsed"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("tokens.column.status")))
                    )),
                    .tbody(.forEach(model.tokens) { token in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .text(token.name), .text(" "), .code(.text("\(token.prefix)…"))),
                            .td(.text(token.userEmail)),
                            .td(.text(t(token.canWrite ? "tokens.readWrite" : "tokens.readOnly"))),
                            .td(.text(token.lastUsedAt.map { day.format($0) } ?? t("tokens.never"))),
                            .td(token.isActive
                                ? .form(
                                    .class("inline"), .method(.post), .action(SiteURL.revokeToken(token.id).path),
                                    Forms.csrf(model.chrome.formToken),
                                    .text(t("tokens.active")), .text(" "),
                                    .button(.type(.submit), .class("link-button"), .text(t("tokens.revoke")),
                                            .attribute(named: "aria-label", value: t("tokens.revokeLabel", ["name": token.name])))
                                )
                                : .text(t("tokens.revoked", ["day": token.revokedAt.map { day.format($0) } ?? ""])))
                        )
                    })
                )
            )),
            .section(
                .attribute(named: "aria-labelledby", value: "new-token-heading"),
                .h2(.id("new-token-heading"), .text(t("tokens.new"))),
                .form(
                    .method(.post), .action(SiteURL.tokens.path),
                    Forms.csrf(model.chrome.formToken),
                    Forms.input(.init(name: "name", label: t("tokens.column.name"), hint: t("tokens.nameHint"))),
                    Forms.select(name: "user", label: t("tokens.column.actsAs"), options: model.users.map { .init(value: $0.id.uuidString.lowercased(), label: $0.label) },
                                 selected: nil, hint: t("tokens.actsAsHint")),
                    Forms.checkbox(name: "write", label: t("tokens.writable"), checked: false, hint: t("tokens.writableHint")),
                    Forms.submit(t("tokens.create"))
                )
            )
        ))
    }
}
