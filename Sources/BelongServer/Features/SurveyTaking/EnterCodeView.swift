import BelongCore
import Plot

/// `/s`: where a student, a staff member or a family types their code.
struct EnterCodeViewModel: Sendable {
    let chrome: PageChrome
    let typed: String
    let problem: String?
}

enum EnterCodeView {
    static func render(_ model: EnterCodeViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("narrow survey"),
            .h1(.text(t("survey.enter.heading"))),
            .p(.class("lead"), .text(t("survey.enter.lead"))),
            .form(
                .method(.post), .action(SiteURL.respond.path + "?lang=\(t.language.code)"), .attribute(named: "novalidate"),
                Forms.input(.init(name: "code", label: t("survey.enter.label"), value: model.typed, hint: t("survey.enter.hint"), error: model.problem,
                                  autocomplete: "off", leftToRight: true)),
                Forms.submit(t("survey.enter.submit"))
            ),
            .p(.class("muted"), .text(t("survey.enter.privacy")))
        ))
    }
}

/// A code that does not open a survey: used, unknown, not yet open, closed, or too many tries.
struct CodeProblemViewModel: Sendable {
    let chrome: PageChrome
    let heading: String
    let text: String
}

enum CodeProblemView {
    static func render(_ model: CodeProblemViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("narrow survey"),
            .h1(.text(model.heading)),
            .p(.class("lead"), .text(model.text)),
            .p(.a(.class("button"), .href(SiteURL.respond.path + "?lang=\(t.language.code)"), .text(t("survey.problem.tryAnother"))))
        ))
    }
}
