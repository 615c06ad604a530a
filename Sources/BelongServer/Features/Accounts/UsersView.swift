import BelongCore
import Foundation
import Plot

/// The district's accounts, and a form to add one.
struct UsersViewModel: Sendable {
    struct Row: Sendable {
        let account: UserAccount
        let roles: [String]
    }

    let chrome: PageChrome
    let rows: [Row]
    let places: [(id: UUID, name: String, isDistrict: Bool)]
    let form: NewUserForm
    let notice: String?
    /// Shown once, right after an account is created.
    let created: (email: String, password: String)?
}

/// What was typed into the new-account form, and what was wrong with it.
struct NewUserForm: Sendable {
    var email = ""
    var name = ""
    var role = Role.staff.rawValue
    var place = ""
    var errors: [(field: String, message: String)] = []
}

enum UsersView {
    static func render(_ model: UsersViewModel) -> HTML {
        let t = model.chrome.t
        let error = { (field: String) in model.form.errors.first { $0.field == field }?.message }
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("users.heading"))),
            Notices.success(model.notice),
            .unwrap(model.created) { created in
                .div(
                    .class("notice notice--success one-time"), .attribute(named: "role", value: "status"),
                    .p(.text(t("users.created", ["email": created.email]))),
                    .p(.text(t("users.oneTimePassword")), .text(" "), .code(.class("secret"), .text(created.password))),
                    .p(.text(t("users.oneTimeHint")))
                )
            },
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("users.caption")),
                .table(
                    .caption(.text(t("users.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("users.column.name"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("users.column.email"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("users.column.roles"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("users.column.status")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .a(.href(SiteURL.user(row.account.id).path), .text(row.account.displayName))),
                            .td(.text(row.account.email)),
                            .td(.text(row.roles.isEmpty ? t("users.noRole") : row.roles.joined(separator: "; "))),
                            .td(.text(t(row.account.isActive ? "users.active" : "users.deactivated")))
                        )
                    })
                )
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "new-user-heading"),
                .h2(.id("new-user-heading"), .text(t("users.new"))),
                Forms.errorSummary(title: t("form.errorsTitle"), errors: model.form.errors),
                .form(
                    .method(.post), .action(SiteURL.users.path), .attribute(named: "novalidate"),
                    Forms.csrf(model.chrome.formToken),
                    Forms.input(.init(name: "email", label: t("users.column.email"), type: .email, value: model.form.email, error: error("email"), autocomplete: "off")),
                    Forms.input(.init(name: "name", label: t("users.column.name"), value: model.form.name, hint: t("users.nameHint"), error: error("name"), required: false)),
                    roleSelect(t: t, selected: model.form.role, error: error("role")),
                    Forms.select(name: "place", label: t("users.place"), options: model.places.map {
                        .init(value: $0.id.uuidString.lowercased(), label: $0.isDistrict ? t("users.wholeDistrict", ["district": $0.name]) : $0.name)
                    }, selected: model.form.place, hint: t("users.placeHint"), error: error("place")),
                    Forms.submit(t("users.create"))
                )
            )
        ))
    }

    static func roleSelect(t: Localizer, selected: String, error: String?) -> Node<HTML.FormContext> {
        Forms.select(name: "role", label: t("users.role"), options: Role.allCases.map {
            .init(value: $0.rawValue, label: t("role.\($0.rawValue)"))
        }, selected: selected, hint: t("users.roleHint"), error: error)
    }
}
