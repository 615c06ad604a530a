import BelongCore
import Plot

struct ChangePasswordViewModel: Sendable {
    let chrome: PageChrome
    let mustChange: Bool
    let errors: [(field: String, message: String)]
    let done: Bool
}

enum ChangePasswordView {
    static func render(_ model: ChangePasswordViewModel) -> HTML {
        let t = model.chrome.t
        let error = { (field: String) in model.errors.first { $0.field == field }?.message }
        return Layout.page(model.chrome, main: .group(
            .div(
                .class("narrow"),
                .h1(.text(t("password.heading"))),
                .if(model.mustChange, Notices.warning(t("password.mustChange"))),
                Notices.success(model.done ? t("password.changed") : nil),
                Forms.errorSummary(title: t("form.errorsTitle"), errors: model.errors),
                .form(
                    .method(.post), .action(SiteURL.changePassword.path), .attribute(named: "novalidate"),
                    Forms.csrf(model.chrome.formToken),
                    Forms.input(.init(name: "current", label: t("password.current"), type: .password, error: error("current"), autocomplete: "current-password")),
                    Forms.input(.init(name: "new", label: t("password.new"), type: .password,
                                      hint: t("password.rules", ["minimum": String(PasswordRules.minimumLength)]), error: error("new"), autocomplete: "new-password")),
                    Forms.input(.init(name: "confirm", label: t("password.confirm"), type: .password, error: error("confirm"), autocomplete: "new-password")),
                    Forms.submit(t("password.submit"))
                )
            )
        ))
    }
}
