import BelongCore
import Plot

/// A 404, a 500 or another refusal, in the same frame as every page.
struct ErrorViewModel: Sendable {
    let chrome: PageChrome
    let heading: String
    let text: String?
    /// Quoted to an administrator so they can find the log line; never the error itself.
    let reference: String?
}

enum ErrorView {
    static func render(_ model: ErrorViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(model.heading)),
            .unwrap(model.text) { .p(.class("lead"), .text($0)) },
            .unwrap(model.reference) { .p(.class("muted"), .text(t("error.reference", ["id": $0]))) },
            model.chrome.isRespondent
                ? .p(.a(.class("button"), .href(SiteURL.respond.path + "?lang=\(t.language.code)"), .text(t("survey.problem.tryAnother"))))
                : .p(.a(.class("button"), .href(SiteURL.home.path), .text(t("error.home"))))
        ))
    }
}
