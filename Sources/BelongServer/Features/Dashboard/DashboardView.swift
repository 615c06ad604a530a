import BelongCore
import Foundation
import Plot

/// The first page after signing in. For each place a person works it answers at once: how the school is
/// doing (the latest index, its change, the weakest feeling, a clear difference from the rest of the
/// district), the surveys open now, and what needs doing; for a district, the schools that moved and
/// participation by school.
struct DashboardViewModel: Sendable {
    struct Latest: Sendable {
        let heading: String
        let index: String
        let range: String
        let change: String?
        let lowest: String?
        let againstDistrict: String?
        let url: String
    }

    struct OpenWave: Sendable {
        let title: String
        let participation: String
        let early: Bool
        let ownClasses: [String]
        let ownClassesNote: String?
    }

    struct Place: Sendable {
        let name: String
        let role: String
        let latest: Latest?
        /// When the place has survey results to speak of but none shown: why.
        let latestNote: String?
        let open: [OpenWave]
        var attention: [(text: String, url: String?)]
        /// For a district: the schools whose index moved, and participation by school in each open wave.
        let moved: (heading: String, rows: [String], none: String?)?
        let participation: [(caption: String, rows: [[String]])]
        let links: [(label: String, url: String)]
        /// A school's: what the library offers for its weakest areas (issue #17).
        var recommendations: RecommendationsViewModel? = nil
    }

    let chrome: PageChrome
    let displayName: String
    let places: [Place]
    let administration: [(label: String, url: String)]
    /// The plan actions this person owns that are still open, overdue first; the owner column names the school.
    var myActions: [ActionItem] = []
}

enum DashboardView {
    static func render(_ model: DashboardViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("dashboard.heading", ["name": model.displayName]))),
            .if(model.places.isEmpty, .p(.text(t("dashboard.noRoles")))),
            .if(!model.myActions.isEmpty, .section(
                .id("my-actions"), .attribute(named: "aria-labelledby", value: "my-actions-heading"),
                .h2(.id("my-actions-heading"), .text(t("dashboard.myActions"))),
                .unwrap(Optional(model.myActions.filter(\.overdue).count).flatMap { $0 > 0 ? $0 : nil }) { count in
                    Notices.warning(t(count == 1 ? "dashboard.overdueOne" : "dashboard.overdueMany", ["count": t.number(count)]))
                },
                PlanParts.actionsTable(model.myActions, caption: t("dashboard.myActionsCaption"), school: true, t)
            )),
            .forEach(Array(model.places.enumerated())) { number, place in Self.place(place, number: number, t) },
            .if(!model.administration.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "admin-heading"),
                .h2(.id("admin-heading"), .text(t("dashboard.administration"))),
                .ul(.class("link-list"), .forEach(model.administration) { link in .li(.a(.href(link.url), .text(link.label))) })
            )),
            .p(.a(.href(SiteURL.changePassword.path), .text(t("dashboard.changePassword"))))
        ))
    }

    static func place(_ place: DashboardViewModel.Place, number: Int, _ t: Localizer) -> Node<HTML.BodyContext> {
        let id = "place-\(number)"
        return .section(
            .class("place"), .attribute(named: "aria-labelledby", value: id),
            .h2(.id(id), .text(place.name), .text(" "), .span(.class("place__role"), .text(place.role))),
            .div(
                .class("place__grid"),
                .unwrap(place.latest) { latest in
                    .div(.class("headline place__latest"),
                         .h3(.text(latest.heading)),
                         .p(.class("muted"), .text(t("dashboard.latest.index"))),
                         .p(.class("big-figure"), .text(latest.index), .text(" "), .span(.class("muted"), .text(latest.range))),
                         .unwrap(latest.change) { .p(.text($0)) },
                         .unwrap(latest.lowest) { .p(.text($0)) },
                         .unwrap(latest.againstDistrict) { .p(.strong(.text($0))) },
                         .p(.a(.href(latest.url), .text(t("dashboard.latest.open")))))
                },
                .unwrap(place.latestNote) { .p(.class("place__latest muted"), .text($0)) },
                .if(!place.open.isEmpty || !place.attention.isEmpty, .div(
                    .class("place__now"),
                    .if(!place.open.isEmpty, .group(
                        .h3(.text(t("dashboard.open.heading"))),
                        .ul(.class("plain-list"), .forEach(place.open) { wave in
                            .li(.strong(.text(wave.title)), .br(), .text(wave.participation),
                                .if(wave.early, .p(.class("notice notice--warning"), .text(t("dashboard.open.early")))),
                                .if(!wave.ownClasses.isEmpty, .group(
                                    .p(.class("muted"), .text(t("dashboard.open.ownClasses"))),
                                    .ul(.forEach(wave.ownClasses) { .li(.text($0)) }),
                                    .unwrap(wave.ownClassesNote) { .p(.class("muted"), .text($0)) })))
                        })
                    )),
                    .h3(.text(t("dashboard.attention.heading"))),
                    .if(place.attention.isEmpty, .p(.text(t("dashboard.attention.none"))), else: .ul(.forEach(place.attention) { item in
                        .li(.unwrap(item.url, { .a(.href($0), .text(item.text)) }, else: .text(item.text)))
                    }))
                ))
            ),
            .unwrap(place.moved) { moved in
                .group(.h3(.text(moved.heading)),
                       .unwrap(moved.none) { .p(.text($0)) },
                       .if(!moved.rows.isEmpty, .ul(.forEach(moved.rows) { .li(.text($0)) })))
            },
            .forEach(place.participation) { table in
                .div(.class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(table.caption),
                     .table(.caption(.text(table.caption)),
                            .thead(.tr(
                                .th(.attribute(named: "scope", value: "col"), .text(t("dashboard.district.school"))),
                                .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("dashboard.district.answered"))),
                                .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("dashboard.district.eligible"))),
                                .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("dashboard.district.rate"))))),
                            .tbody(.forEach(table.rows) { row in
                                .tr(.th(.attribute(named: "scope", value: "row"), .text(row[0])),
                                    .forEach(row.dropFirst()) { .td(.class("number"), .text($0)) })
                            })))
            },
            .unwrap(place.recommendations) { RecommendationsSection.render($0, headingLevel: 3, t) },
            .if(!place.links.isEmpty, .nav(
                .ariaLabel(t("dashboard.linksFor", ["place": place.name])),
                .ul(.class("link-list"), .forEach(place.links) { link in .li(.a(.href(link.url), .text(link.label))) })))
        )
    }
}
