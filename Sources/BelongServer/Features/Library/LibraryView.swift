import BelongCore
import Plot

/// A resource as a list shows it: its title (matching words marked), what it is, and its summary.
struct ResourceCard: Sendable {
    let id: String
    let url: String
    let title: [SearchHighlight.Part]
    let summary: [SearchHighlight.Part]
    let facts: [String]
    let isDistrictOwn: Bool

    init(_ entry: LibraryEntry, terms: [String], _ t: Localizer) {
        let resource = entry.resource
        id = resource.id
        url = SiteURL.libraryResource(resource.id).path
        title = SearchHighlight.parts(of: resource.title(in: t.language), terms: terms)
        summary = SearchHighlight.parts(of: resource.summary(in: t.language), terms: terms)
        facts = [LibraryText.kind(resource.kind, t), LibraryText.evidence(resource.evidence, t), LibraryText.grades(resource.grades, t),
                 LibraryText.minutes(resource.minutes, t)].compactMap { $0 }
        isDistrictOwn = !entry.isBuiltIn
    }
}

enum ResourceCards {
    static func marked<Context>(_ parts: [SearchHighlight.Part]) -> Node<Context> {
        .forEach(parts) { part in part.matches ? .element(named: "mark", text: part.text) : .text(part.text) }
    }

    static func list(_ cards: [ResourceCard], heading: String = "h2", _ t: Localizer) -> Node<HTML.BodyContext> {
        .ul(.class("resource-list"), .forEach(cards) { card in
            .li(.class("resource-card"),
                .element(named: heading == "h2" ? "h2" : "h3", nodes: [.class("resource-card__title"), .a(.href(card.url), marked(card.title))]),
                .p(.class("resource-card__facts"), .text(card.facts.joined(separator: " · ")),
                   .if(card.isDistrictOwn, .span(.class("tag"), .text(t("library.districtOwn"))))),
                .p(.class("resource-card__summary"), marked(card.summary)))
        })
    }
}

/// `/library`: the search, its filters, and the resources found.
struct LibraryViewModel: Sendable {
    let chrome: PageChrome
    let query: LibraryQuery
    let filtered: Bool
    let cards: [ResourceCard]
    let summary: String
    let empty: Bool
    let page: Page
    let manageURL: String?
    let link: @Sendable (Int) -> String
}

enum LibraryView {
    static func render(_ model: LibraryViewModel) -> HTML {
        let t = model.chrome.t
        let query = model.query
        func options<T>(_ values: [T], value: (T) -> String, label: (T) -> String) -> [Forms.Option] {
            [Forms.Option(value: "", label: t("library.search.any"))] + values.map { Forms.Option(value: value($0), label: label($0)) }
        }
        let minutes = [10, 15, 30, 60]
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("library.heading"))),
            .p(.class("lead"), .text(t("library.lead"))),
            .unwrap(model.manageURL) { url in .p(.a(.href(url), .text(t("library.manage.heading")))) },
            .form(
                .class("library-search"), .method(.get), .action(SiteURL.library.path), .attribute(named: "role", value: "search"),
                .div(
                    .class("field"),
                    .label(.for("field-q"), .text(t("library.search.label"))),
                    .div(.id("field-q-hint"), .class("field__hint"), .text(t("library.search.hint"))),
                    .div(.class("search-row"),
                         .input(.id("field-q"), .name("q"), .type(.search), .value(String(query.text.prefix(500))), .attribute(named: "maxlength", value: "500"),
                                .attribute(named: "aria-describedby", value: "field-q-hint")),
                         Forms.submit(t("library.search.submit")))
                ),
                .element(named: "details", nodes: [
                    .if(model.filtered, .attribute(named: "open")),
                    .element(named: "summary", text: t("library.search.filters")),
                    .div(.class("filters"),
                         Forms.select(name: "strategy", label: t("library.filter.strategy"),
                                      options: options(Strategy.allCases, value: \.rawValue, label: { t("about.strategy.\($0.rawValue).name") }), selected: query.strategy?.rawValue ?? ""),
                         Forms.select(name: "measure", label: t("library.filter.measure"),
                                      options: options(Resource.measureIds, value: { $0 }, label: { LibraryText.measureTitle($0, t) }), selected: query.measure ?? ""),
                         Forms.select(name: "audience", label: t("library.filter.audience"),
                                      options: options(Resource.Audience.allCases, value: \.rawValue, label: { t("library.audience.\($0.rawValue)") }), selected: query.audience?.rawValue ?? ""),
                         Forms.select(name: "grade", label: t("library.filter.grade"),
                                      options: options(Grade.allCases, value: \.oneRosterCode, label: { t.grade($0) }), selected: query.grade?.oneRosterCode ?? ""),
                         Forms.select(name: "kind", label: t("library.filter.kind"),
                                      options: options(Resource.Kind.allCases, value: \.rawValue, label: { LibraryText.kind($0, t) }), selected: query.kind?.rawValue ?? ""),
                         Forms.select(name: "evidence", label: t("library.filter.evidence"),
                                      options: options(Resource.Evidence.Level.allCases, value: \.rawValue, label: { t("library.evidence.\($0.rawValue)") }), selected: query.evidence?.rawValue ?? ""),
                         Forms.select(name: "language", label: t("library.filter.language"),
                                      options: options(["en", "fr"], value: { $0 }, label: { LibraryText.language($0, t) }), selected: query.language ?? ""),
                         Forms.select(name: "minutes", label: t("library.filter.minutes"),
                                      options: options(minutes, value: String.init, label: { t("library.minutesUpTo", ["minutes": t.number($0)]) }),
                                      selected: query.maximumMinutes.map(String.init) ?? ""))
                ]),
                .if(!query.text.isEmpty || model.filtered, .p(.a(.href(SiteURL.library.path), .text(t("library.search.clear")))))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "results-heading"),
                .h2(.id("results-heading"), .class("visually-hidden"), .text(t("library.search.results"))),
                .p(.class("search-summary"), .attribute(named: "role", value: "status"), .text(model.summary)),
                .if(model.empty && !query.text.isEmpty, .p(.class("muted"), .text(t("library.search.noneHint")))),
                ResourceCards.list(model.cards, heading: "h3", t),
                Pagination.nav(model.page, t: t, link: model.link)
            )
        ))
    }
}
