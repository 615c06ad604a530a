import BelongCore
import Plot

/// The library's recommendations for a school, as its results, its home and "you said, we did" show them: each
/// resource with its reasons in words and numbers, from figures the privacy filter shows.
struct RecommendationsViewModel: Sendable {
    struct Item: Sendable {
        let title: String
        let url: String
        let facts: String
        let reasons: [String]
    }

    let heading: String
    let lead: String
    let items: [Item]
    /// Said instead of a list: nothing stands out, or no figures yet.
    let empty: String?
    let libraryURL: String
    let shortlist: (label: String, url: String)?

    init(_ shown: SchoolRecommendations.Shown, shortlistURL: String?, _ t: Localizer) {
        let school = shown.school.name
        heading = t("library.recommend.heading", ["school": school])
        lead = t("library.recommend.lead")
        items = shown.recommendations.map { recommendation in
            let resource = recommendation.resource
            return Item(
                title: resource.title(in: t.language), url: SiteURL.libraryResource(resource.id).path,
                facts: [LibraryText.kind(resource.kind, t), LibraryText.evidence(resource.evidence, t), LibraryText.minutes(resource.minutes, t)]
                    .compactMap { $0 }.joined(separator: " · "),
                reasons: recommendation.because.map { LibraryText.reason($0, t) }
                    + recommendation.strategies.map { LibraryText.reason($0, assessment: shown.assessment?.title ?? "", t) }
            )
        }
        empty = items.isEmpty ? t(shown.hadEvidence ? "library.recommend.none" : "library.recommend.noResults") : nil
        libraryURL = SiteURL.library.path
        shortlist = shortlistURL.map { (t("library.shortlist.link", ["school": school]), $0) }
    }
}

enum RecommendationsSection {
    static func render(_ model: RecommendationsViewModel, headingLevel: Int = 2, _ t: Localizer) -> Node<HTML.BodyContext> {
        let heading = headingLevel == 2 ? "h2" : "h3"
        let item = headingLevel == 2 ? "h3" : "h4"
        return .section(
            .id("recommendations"), .class("results-section recommendations screen-only"), .attribute(named: "aria-labelledby", value: "recommendations-heading"),
            .element(named: heading, nodes: [.id("recommendations-heading"), .text(model.heading)]),
            .p(.class("muted"), .text(model.lead)),
            .unwrap(model.empty) { .p(.text($0)) },
            .ul(.class("resource-list"), .forEach(model.items) { entry in
                .li(.class("resource-card"),
                    .element(named: item, nodes: [.class("resource-card__title"), .a(.href(entry.url), .text(entry.title))]),
                    .p(.class("resource-card__facts"), .text(entry.facts)),
                    .ul(.class("reasons"), .forEach(entry.reasons) { .li(.text($0.prefix(1).uppercased() + $0.dropFirst())) }))
            }),
            .p(.a(.href(model.libraryURL), .text(t("library.title"))),
               .unwrap(model.shortlist) { link in .group(.text(" · "), .a(.href(link.url), .text(link.label))) })
        )
    }
}
