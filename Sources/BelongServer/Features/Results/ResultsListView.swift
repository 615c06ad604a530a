import BelongCore
import Plot

/// `/results`: every wave whose results the visitor may read, with a link per school (and the district).
struct ResultsListViewModel: Sendable {
    struct Row: Sendable {
        let title: String
        let who: String
        let window: String
        let status: String
        let district: String?
        let schools: [(name: String, url: String)]
    }

    let chrome: PageChrome
    let rows: [Row]
}

enum ResultsListView {
    static func render(_ model: ResultsListViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("results.list.heading"))),
            .p(.class("lead"), .text(t("results.list.intro"))),
            .if(model.rows.isEmpty, .p(.text(t("results.list.none"))), else: .ul(
                .class("cards"),
                .forEach(model.rows) { row in
                    .li(.class("card"),
                        .h2(.class("card__title"), .text(row.title)),
                        .p(.class("muted"), .text("\(row.who) · \(row.window) · \(row.status)")),
                        .ul(.class("link-list"),
                            .unwrap(row.district) { .li(.a(.href($0), .text(t("results.list.district")))) },
                            .forEach(row.schools) { school in .li(.a(.href(school.url), .text(school.name))) }))
                }
            ))
        ))
    }
}
