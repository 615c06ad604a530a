/// The home page and the privacy notice: open to everyone.
enum HomeRoutes {
    static let home = Route(.get, "/", .page, access: .everyone)
    static let privacy = Route(.get, "/privacy", .page, access: .everyone)
}

extension SiteURL {
    static var home: SiteURL { HomeRoutes.home.link() }
    static var privacy: SiteURL { HomeRoutes.privacy.link() }
}

struct HomeFeature: Feature {
    let pages: PagesController

    init(_ app: AppServices) {
        pages = PagesController(kit: app.kit, roster: app.roster, minimumGroupSize: app.configuration.minimumGroupSize)
    }

    func register(_ routes: RouteTable) {
        routes.add(HomeRoutes.home, use: pages.home)
        routes.add(HomeRoutes.privacy, use: pages.privacy)
    }

    static let navigation = [
        NavigationEntry(position: 0, labelKey: "nav.home", route: HomeRoutes.home, shownBeforeSignIn: true),
        NavigationEntry(position: 100, labelKey: "nav.privacy", route: HomeRoutes.privacy, shownBeforeSignIn: true),
    ]
}
