import BelongCore
import Foundation
import Plot

/// The first page after signing in: the person's roles, and where each lets them go.
struct DashboardViewModel: Sendable {
    struct Place: Sendable {
        let name: String
        let role: String
        /// Links this role opens at this place.
        let links: [(label: String, url: String)]
    }

    let chrome: PageChrome
    let displayName: String
    let places: [Place]
    let administration: [(label: String, url: String)]
}

enum DashboardView {
    static func render(_ model: DashboardViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("dashboard.heading", ["name": model.displayName]))),
            .if(model.places.isEmpty, .p(.text(t("dashboard.noRoles")))),
            .if(!model.places.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "places-heading"),
                .h2(.id("places-heading"), .text(t("dashboard.places"))),
                .ul(.class("cards"), .forEach(model.places) { place in
                    .li(
                        .class("card"),
                        .h3(.text(place.name)),
                        .p(.class("muted"), .text(place.role)),
                        .if(!place.links.isEmpty, .ul(.class("link-list"), .forEach(place.links) { link in .li(.a(.href(link.url), .text(link.label))) }))
                    )
                })
            )),
            .if(!model.administration.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "admin-heading"),
                .h2(.id("admin-heading"), .text(t("dashboard.administration"))),
                .ul(.class("link-list"), .forEach(model.administration) { link in .li(.a(.href(link.url), .text(link.label))) })
            )),
            .p(.a(.href(SiteURL.changePassword.path), .text(t("dashboard.changePassword"))))
        ))
    }
}
