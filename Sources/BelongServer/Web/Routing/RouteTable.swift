import Hummingbird

/// Where features register their routes: each goes to the router and into the table the tests and tools read,
/// so what the router answers and what the definitions say cannot drift apart.
final class RouteTable {
    let router: Router<BelongRequestContext>
    private(set) var routes: [Route] = []

    init(router: Router<BelongRequestContext>) {
        self.router = router
    }

    func add(_ route: Route, use handler: @Sendable @escaping (Request, BelongRequestContext) async throws -> some ResponseGenerator) {
        precondition(!routes.contains { $0.method == route.method && $0.path == route.path }, "\(route) is registered twice")
        routes.append(route)
        router.on(route.path.routerPath, method: route.method, use: handler)
    }
}

/// A part of Belong with its own pages: built once from the shared stores, it registers its routes with their
/// handlers and names its entries in the site navigation. `belongFeatures` lists them; nothing else needs to
/// know a feature's routes.
protocol Feature {
    init(_ app: AppServices)
    func register(_ routes: RouteTable)
    /// Entries in the navigation every page shows; most features have none.
    static var navigation: [NavigationEntry] { get }
}

extension Feature {
    static var navigation: [NavigationEntry] { [] }
}

/// One entry in the site navigation, shown to whoever its route lets in somewhere: the navigation asks the
/// permission model, never a list of roles of its own.
struct NavigationEntry: Sendable {
    /// Where it stands, left to right: home 0, dashboard 10, surveys 20, results 30, administration 50–70, privacy 100.
    let position: Int
    let labelKey: String
    let route: Route
    /// Shown before signing in too (home, privacy); otherwise only to a signed-in visitor its route allows.
    var shownBeforeSignIn = false

    var link: String { route.link().path }

    func isShown(to visitor: Visitor?) -> Bool {
        guard let visitor else { return shownBeforeSignIn }
        return shownBeforeSignIn || route.access.allowsSomewhere(visitor.policy)
    }
}
