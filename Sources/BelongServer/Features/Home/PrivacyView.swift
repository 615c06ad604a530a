import BelongCore
import Plot

/// Plain-language privacy commitments; the minimum group size shown is the one this server enforces.
struct PrivacyViewModel: Sendable {
    let chrome: PageChrome
    let minimumGroupSize: Int
}

enum PrivacyView {
    static let rules = ["minimum", "subtraction", "anonymous", "confidential", "access", "hosting"]

    static func render(_ model: PrivacyViewModel) -> HTML {
        let t = model.chrome.t
        let minimum = ["minimum": t.number(model.minimumGroupSize)]
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("privacy.heading"))),
            .p(.class("lead"), .text(t("privacy.lead"))),
            .forEach(rules) { rule in
                .section(
                    .class("rule"),
                    .h2(.text(t("privacy.\(rule)Heading"))),
                    .p(.text(t("privacy.\(rule)Text", minimum)))
                )
            }
        ))
    }
}
