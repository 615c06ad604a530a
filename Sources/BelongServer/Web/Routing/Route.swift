import BelongCore
import Foundation
import HTTPTypes

/// One route, defined once: how it is called, what it answers, and who may call it. The router registers it,
/// links are built from its path, and the page and authorization tests read it back from the route table.
public struct Route: Sendable, CustomStringConvertible {
    public enum Answer: Sendable, Hashable {
        /// A page a person reads: it must be whole in every interface language.
        case page
        /// A form's target: it changes something and answers with a page or a redirect.
        case form
        /// A file to download (CSV, a printable sheet as a file).
        case download
        /// The JSON API.
        case api
        /// Machines: health, metrics.
        case operations
    }

    public let method: HTTPRequest.Method
    public let path: RoutePath
    public let answer: Answer
    public let access: RouteAccess

    public init(_ method: HTTPRequest.Method, _ path: RoutePath, _ answer: Answer, access: RouteAccess) {
        self.method = method
        self.path = path
        self.answer = answer
        self.access = access
    }

    /// "GET /results/{wave}".
    public var description: String { "\(method) \(path)" }

    /// The path with its parameters filled in, for a link or a form's action.
    public func link(_ values: any PathValue...) -> SiteURL {
        SiteURL(path: path.filled(values))
    }
}

/// Who may call a route, in the words of the permission model (`AccessPolicy`).
public indirect enum RouteAccess: Sendable {
    /// Anyone, signed in or not: public pages, and survey pages (which want a code instead).
    case everyone
    /// Anyone signed in.
    case signedIn
    /// No role: this machine or the holder of the metrics token.
    case operators
    /// The permission at the school the request concerns (named in the path, or the school of the wave, student… it names).
    case school(Permission.Kind)
    /// The permission over the district the request concerns.
    case district(Permission.Kind)
    /// The permission at some school or district: pages that list what the visitor may reach.
    case somewhere(Permission.Kind)
    /// Any of these.
    case anyOf([RouteAccess])

    /// Whether the person may call a route with this rule at `school` (nil: the request concerns no one school) of `district`.
    public func allows(_ policy: AccessPolicy?, school: UUID?, district: UUID?) -> Bool {
        switch self {
        case .everyone: return true
        case .signedIn: return policy != nil
        case .operators: return false
        case .school(let kind): return school.map { policy?.allows(Permission(kind, $0)) ?? false } ?? false
        case .district(let kind): return district.map { policy?.allows(Permission(kind, $0)) ?? false } ?? false
        case .somewhere(let kind): return policy?.allowsSomewhere(kind) ?? false
        case .anyOf(let rules): return rules.contains { $0.allows(policy, school: school, district: district) }
        }
    }

    /// Whether the person may call a route with this rule for some school or district: whether to show it in the navigation.
    public func allowsSomewhere(_ policy: AccessPolicy?) -> Bool {
        switch self {
        case .everyone: return true
        case .signedIn: return policy != nil
        case .operators: return false
        case .school(let kind), .district(let kind), .somewhere(let kind): return policy?.allowsSomewhere(kind) ?? false
        case .anyOf(let rules): return rules.contains { $0.allowsSomewhere(policy) }
        }
    }
}
