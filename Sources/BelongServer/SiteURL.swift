import BelongCore
import Hummingbird

/// Every route and link in one place, so a page never spells a path by hand.
public enum SiteURL: Sendable, Hashable {
    case home
    case privacy
    case healthz
    case metrics
    case stylesheet
    case favicon

    public var path: String {
        switch self {
        case .home: "/"
        case .privacy: "/privacy"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .stylesheet: "/css/belong.css"
        case .favicon: "/favicon.svg"
        }
    }

    /// The route pattern the router registers.
    public var route: RouterPath { RouterPath(path) }

    /// The same path with the language made explicit, for the language switch.
    public static func switching(_ pathAndQuery: String, to language: Language) -> String {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        query.removeAll { $0.hasPrefix("lang=") }
        query.append("lang=\(language.code)")
        return "\(path.isEmpty ? "/" : path)?\(query.joined(separator: "&"))"
    }
}
