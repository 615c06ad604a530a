import BelongCore
import Foundation
import Plot

/// One account: its roles, and what an administrator can do to it.
struct UserViewModel: Sendable {
    let chrome: PageChrome
    let account: UserAccount
    let grants: [(grant: UserAccount.Grant, place: String)]
    let places: [(id: UUID, name: String, isDistrict: Bool)]
    let notice: String?
    let problem: String?
    /// A new one-time password, shown once after a reset.
    let resetPassword: String?
    let isSelf: Bool
}

enum UserView {
    static func render(_ model: UserViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.users.path), .text(t("users.back")))),
            .h1(.text(model.account.displayName)),
            .p(.class("muted"), .text(model.account.email)),
            Notices.success(model.notice),
            .unwrap(model.problem) { Notices.warning($0) },
            .unwrap(model.resetPassword) { password in
                .div(
                    .class("notice notice--success one-time"), .attribute(named: "role", value: "status"),
                    .p(.text(t("users.oneTimePassword")), .text(" "), .code(.class("secret"), .text(password))),
                    .p(.text(t("users.resetHint")))
                )
            },
            .if(!model.account.isActive, Notices.warning(t("users.isDeactivated"))),
            .h2(.text(t("users.column.roles"))),
            .if(model.grants.isEmpty, .p(.text(t("users.noRole")))),
            .ul(
                .class("grant-list"),
                .forEach(model.grants) { item in
                    .li(
                        .text("\(t("role.\(item.grant.role.rawValue)")) — \(item.place)"),
                        .form(
                            .class("inline"), .method(.post), .action(SiteURL.revokeRole(model.account.id).path),
                            Forms.csrf(model.chrome.formToken),
                            .input(.type(.hidden), .name("role"), .value(item.grant.role.rawValue)),
                            .input(.type(.hidden), .name("place"), .value(item.grant.organizationId.uuidString.lowercased())),
                            .button(.type(.submit), .class("link-button"), .text(t("users.removeRole")),
                                    .attribute(named: "aria-label", value: t("users.removeRoleLabel", ["role": t("role.\(item.grant.role.rawValue)"), "place": item.place])))
                        )
                    )
                }
            ),
            .h2(.id("add-role-heading"), .text(t("users.addRole"))),
            .form(
                .method(.post), .action(SiteURL.grantRole(model.account.id).path), .attribute(named: "aria-labelledby", value: "add-role-heading"),
                Forms.csrf(model.chrome.formToken),
                UsersView.roleSelect(t: t, selected: Role.staff.rawValue, error: nil),
                Forms.select(name: "place", label: t("users.place"), options: model.places.map {
                    .init(value: $0.id.uuidString.lowercased(), label: $0.isDistrict ? t("users.wholeDistrict", ["district": $0.name]) : $0.name)
                }, selected: nil, hint: t("users.placeHint")),
                Forms.submit(t("users.addRoleButton"))
            ),
            .h2(.text(t("users.access"))),
            .div(
                .class("actions"),
                .form(
                    .class("inline"), .method(.post), .action(SiteURL.resetPassword(model.account.id).path),
                    Forms.csrf(model.chrome.formToken),
                    Forms.submit(t("users.resetPassword"), secondary: true)
                ),
                .if(!model.isSelf, .form(
                    .class("inline"), .method(.post), .action((model.account.isActive ? SiteURL.deactivate(model.account.id) : SiteURL.reactivate(model.account.id)).path),
                    Forms.csrf(model.chrome.formToken),
                    Forms.submit(t(model.account.isActive ? "users.deactivate" : "users.reactivate"), secondary: true)
                ))
            )
        ))
    }
}
