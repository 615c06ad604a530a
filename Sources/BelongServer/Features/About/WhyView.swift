import BelongCore
import Plot

/// Why connectedness matters: for students' learning and health, and — through graduation — for the community,
/// drawn as a figure whose words are all in the page, so a screen reader and a print-out lose nothing.
enum WhyView {
    static let gains = ["wages", "tax", "life"]
    static let costs = ["assistance", "healthcare", "substances", "crime"]

    static func render(_ model: AboutViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "why", t),
            .h1(.text(t("about.why.heading"))),
            .p(.class("lead"), .text(t("about.why.lead"))),
            .section(
                .attribute(named: "aria-labelledby", value: "students-heading"),
                .h2(.id("students-heading"), .text(t("about.why.studentsHeading"))),
                .ul(.class("cards"),
                    .li(.class("card"), .h3(.text(t("about.why.learning"))), .p(.text(t("about.why.learningText")))),
                    .li(.class("card"), .h3(.text(t("about.why.health"))), .p(.text(t("about.why.healthText"))))),
                .p(.class("muted"), .text(t("about.why.studentsCredit")))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "society-heading"),
                .h2(.id("society-heading"), .text(t("about.why.societyHeading"))),
                .p(.text(t("about.why.societyText"))),
                .element(named: "figure", nodes: [
                    .class("benefits"), .attribute(named: "aria-labelledby", value: "benefits-caption"),
                    .div(.class("benefits__side benefits__side--up"), .h3(arrow(up: true), .text(t("about.why.up"))),
                         .ul(.forEach(gains) { .li(.text(t("about.why.gains.\($0)"))) })),
                    .div(.class("benefits__side benefits__side--down"), .h3(arrow(up: false), .text(t("about.why.down"))),
                         .ul(.forEach(costs) { .li(.text(t("about.why.costs.\($0)"))) })),
                    .element(named: "figcaption", nodes: [.id("benefits-caption"), .text(t("about.why.figureCaption"))]),
                ]),
                .p(.text(t("about.why.evidence")))
            ),
            .p(.text(t("about.why.measure"))),
            AboutGuide.staffLink(signedIn: model.signedIn, t)
        ))
    }

    /// A large arrow, up or down, that only repeats the heading beside it: hidden from assistive technology.
    static func arrow(up: Bool) -> Node<HTML.BodyContext> {
        .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"), .attribute(named: "class", value: "benefits__arrow"),
            .attribute(named: "width", value: "28"), .attribute(named: "height", value: "28"), .attribute(named: "viewBox", value: "0 0 24 24"),
            .attribute(named: "aria-hidden", value: "true"), .attribute(named: "focusable", value: "false"),
            .element(named: "path", nodes: [
                .attribute(named: "d", value: up ? "M12 3 L21 13 H15 V21 H9 V13 H3 Z" : "M12 21 L3 11 H9 V3 H15 V11 H21 Z"),
                .attribute(named: "fill", value: "currentColor"),
            ]),
        ])
    }
}
