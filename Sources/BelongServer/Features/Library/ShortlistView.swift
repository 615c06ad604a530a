import BelongCore
import Plot

/// `/schools/{school}/shortlist`: the resources a school is considering, each with a way to take it off.
struct ShortlistViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let cards: [ResourceCard]
}

enum ShortlistView {
    static func render(_ model: ShortlistViewModel) -> HTML {
        let t = model.chrome.t
        let name = model.school.name
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("library.shortlist.heading", ["school": name]))),
            .p(.class("lead"), .text(t("library.shortlist.lead"))),
            .if(model.cards.isEmpty, .p(.text(t("library.shortlist.empty")))),
            .ul(.class("resource-list"), .forEach(model.cards) { card in
                .li(.class("resource-card"),
                    .h2(.class("resource-card__title"), .a(.href(card.url), ResourceCards.marked(card.title))),
                    .p(.class("resource-card__facts"), .text(card.facts.joined(separator: " · "))),
                    .p(.class("resource-card__summary"), ResourceCards.marked(card.summary)),
                    .form(.method(.post), .action(SiteURL.changeShortlist(school: model.school.id).path),
                          Forms.csrf(model.chrome.formToken),
                          .input(.type(.hidden), .name("resource"), .value(card.id)),
                          .input(.type(.hidden), .name("action"), .value("remove")),
                          .input(.type(.hidden), .name("from"), .value("shortlist")),
                          Forms.submit(t("library.shortlist.remove", ["school": name]), secondary: true)))
            }),
            .p(.a(.href(SiteURL.library.path), .text(t("library.resource.back"))))
        ))
    }
}
