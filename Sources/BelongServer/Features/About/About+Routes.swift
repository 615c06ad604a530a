import BelongCore

/// What school connectedness is and how to foster it: public pages, no sign-in, in every interface language.
enum AboutRoutes {
    static let what = Route(.get, "/about", .page, access: .everyone)
    static let why = Route(.get, "/about/why", .page, access: .everyone)
    static let strategies = Route(.get, "/about/strategies", .page, access: .everyone)
    static let gettingStarted = Route(.get, "/about/getting-started", .page, access: .everyone)
    static let topics = Route(.get, "/about/topics", .page, access: .everyone)
    /// One page per strategy, spelled from the domain's own list: an unknown strategy is simply not a route.
    static let strategy: [Strategy: Route] = Dictionary(uniqueKeysWithValues: Strategy.allCases.map { strategy in
        (strategy, Route(.get, RoutePath(stringLiteral: "/about/strategies/\(strategy.rawValue)"), .page, access: .everyone))
    })
}

extension SiteURL {
    static var about: SiteURL { AboutRoutes.what.link() }
    static var aboutWhy: SiteURL { AboutRoutes.why.link() }
    static var aboutStrategies: SiteURL { AboutRoutes.strategies.link() }
    static var aboutGettingStarted: SiteURL { AboutRoutes.gettingStarted.link() }
    static var aboutTopics: SiteURL { AboutRoutes.topics.link() }
    static func aboutStrategy(_ strategy: Strategy) -> SiteURL { AboutRoutes.strategy[strategy]!.link() }
}

struct AboutFeature: Feature {
    let pages: AboutController

    init(_ app: AppServices) {
        pages = AboutController(kit: app.kit, library: app.library)
    }

    func register(_ routes: RouteTable) {
        routes.add(AboutRoutes.what, use: pages.what)
        routes.add(AboutRoutes.why, use: pages.why)
        routes.add(AboutRoutes.strategies, use: pages.strategies)
        routes.add(AboutRoutes.gettingStarted, use: pages.gettingStarted)
        routes.add(AboutRoutes.topics, use: pages.topics)
        for strategy in Strategy.allCases {
            routes.add(AboutRoutes.strategy[strategy]!, use: { request, context in try await pages.strategy(strategy, request: request, context: context) })
        }
    }

    static let navigation = [
        NavigationEntry(position: 90, labelKey: "about.nav", route: AboutRoutes.what, shownBeforeSignIn: true),
    ]
}
