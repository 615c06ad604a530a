import BelongCore
import Plot

/// `/admin/library`: a district's own resources (edit, retire, bring back) and the built-in ones it shows or hides.
struct LibraryAdminViewModel: Sendable {
    struct Row: Sendable {
        let id: String
        let title: String
        let kind: String
        let inactive: Bool
    }

    let chrome: PageChrome
    let own: [Row]
    let builtIn: [Row]
    let notice: String?
}

enum LibraryAdminView {
    static func render(_ model: LibraryAdminViewModel) -> HTML {
        let t = model.chrome.t
        func button(_ action: String, _ label: String, field: String, value: String, secondary: Bool) -> Node<HTML.BodyContext> {
            .form(.class("inline-form"), .method(.post), .action(action), Forms.csrf(model.chrome.formToken),
                  .input(.type(.hidden), .name(field), .value(value)), Forms.submit(label, secondary: secondary))
        }
        func table(_ caption: String, _ rows: [LibraryAdminViewModel.Row], own: Bool) -> Node<HTML.BodyContext> {
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(caption),
                .table(
                    .caption(.text(caption)),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("library.manage.column.title"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("library.manage.column.kind"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("library.manage.column.state"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("library.manage.column.action")))
                    )),
                    .tbody(.forEach(rows) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .a(.href(SiteURL.libraryResource(row.id).path), .text(row.title))),
                            .td(.text(row.kind)),
                            .td(.text(own ? t(row.inactive ? "library.manage.retired" : "library.manage.live") : t(row.inactive ? "library.manage.hidden" : "library.manage.shown"))),
                            .td(own ? .group(
                                .a(.href(SiteURL.editLibraryResource(row.id).path), .text(t("library.manage.edit"))), .text(" "),
                                button(SiteURL.retireLibraryResource(row.id).path, t(row.inactive ? "library.manage.restore" : "library.manage.retire"),
                                       field: "retired", value: row.inactive ? "no" : "yes", secondary: !row.inactive)
                            ) : button(SiteURL.hideLibraryResource(row.id).path, t(row.inactive ? "library.manage.show" : "library.manage.hide"),
                                       field: "hidden", value: row.inactive ? "no" : "yes", secondary: !row.inactive))
                        )
                    })
                )
            )
        }
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("library.manage.heading"))),
            .p(.class("lead"), .text(t("library.manage.lead"))),
            Notices.success(model.notice),
            .p(.a(.class("button"), .href(SiteURL.newLibraryResource.path), .text(t("library.manage.add")))),
            .h2(.text(t("library.manage.own"))),
            model.own.isEmpty ? .p(.text(t("library.manage.ownNone"))) : table(t("library.manage.own"), model.own, own: true),
            .h2(.text(t("library.manage.builtIn"))),
            .p(.text(t("library.manage.builtInLead"))),
            table(t("library.manage.builtIn"), model.builtIn, own: false)
        ))
    }
}
