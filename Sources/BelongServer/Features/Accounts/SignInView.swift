import BelongCore
import Foundation
import Plot

struct SignInViewModel: Sendable {
    let chrome: PageChrome
    let email: String
    let next: String?
    /// Shown above the form: wrong credentials, a lock, or "you have been signed out".
    let problem: String?
    let notice: String?
}

enum SignInView {
    static func render(_ model: SignInViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .div(
                .class("narrow"),
                .h1(.text(t("signIn.heading"))),
                Notices.success(model.notice),
                .unwrap(model.problem) { problem in
                    .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.text(problem)))
                },
                .form(
                    .method(.post), .action(SiteURL.signIn(next: model.next).path), .attribute(named: "novalidate"),
                    Forms.csrf(model.chrome.formToken),
                    Forms.input(.init(name: "email", label: t("signIn.email"), type: .email, value: model.email, autocomplete: "email")),
                    Forms.input(.init(name: "password", label: t("signIn.password"), type: .password, autocomplete: "current-password")),
                    Forms.submit(t("signIn.submit"))
                ),
                .p(.class("muted"), .text(t("signIn.help")))
            )
        ))
    }
}
