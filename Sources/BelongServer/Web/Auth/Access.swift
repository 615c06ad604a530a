import BelongCore
import Foundation
import Hummingbird

/// Route-side checks: every handler that shows or changes anything asks here first.
extension BelongRequestContext {
    /// The signed-in visitor, or a redirect to the sign-in page (401 for the API).
    func requireVisitor(_ request: Request) throws -> Visitor {
        guard let visitor else {
            if request.uri.path.hasPrefix("/api/") { throw HTTPError(.unauthorized, message: "A bearer token is required.") }
            throw RedirectError(to: SiteURL.signIn(next: request.uri.description).path)
        }
        if visitor.mustChangePassword, case .session = visitor.credential, request.uri.path != SiteURL.changePassword.path {
            throw RedirectError(to: SiteURL.changePassword.path)
        }
        return visitor
    }

    /// The visitor, if they may do what `permission` names; 403 otherwise.
    @discardableResult
    func require(_ permission: Permission, _ request: Request) throws -> Visitor {
        let visitor = try requireVisitor(request)
        guard visitor.may(permission) else {
            throw HTTPError(.forbidden)
        }
        return visitor
    }

    /// The school the path's `{school}` names, once the visitor may do `permission` there: 404 for no such
    /// school (a visitor signed in either way), 403 for a school not theirs.
    func requireSchool(_ permission: (UUID) -> Permission, in organizations: OrganizationStore,
                       _ request: Request) async throws -> (Visitor, Organization) {
        guard let id = parameters.get("school").flatMap(UUID.init(uuidString:)),
              let school = try await organizations.find(id: id), school.kind == .school else {
            _ = try requireVisitor(request)
            throw HTTPError(.notFound)
        }
        return (try require(permission(school.id), request), school)
    }

    /// The first of the visitor's districts (in a fixed order) where they may do `permission`; 403 if none.
    func requireDistrict(_ permission: (UUID) -> Permission, _ request: Request) throws -> (Visitor, UUID) {
        let visitor = try requireVisitor(request)
        guard let district = visitor.policy.districts.sorted(by: { $0.uuidString < $1.uuidString })
            .first(where: { visitor.may(permission($0)) }) else { throw HTTPError(.forbidden) }
        return (visitor, district)
    }

    /// An API token may change things only if it was made writable.
    func requireWritable(_ visitor: Visitor) throws {
        if case .apiToken(_, let canWrite) = visitor.credential, !canWrite {
            throw HTTPError(.forbidden, message: "This token is read-only.")
        }
    }

    /// Who the audit log should name, and from where.
    func actor(_ visitor: Visitor?) -> AuditEvent.Actor {
        guard let visitor else { return AuditEvent.Actor(id: nil, label: "anonymous", ip: remoteAddress) }
        switch visitor.credential {
        case .session: return AuditEvent.Actor(id: visitor.account.id, label: visitor.account.email, ip: remoteAddress)
        case .apiToken(let id, _):
            return AuditEvent.Actor(id: visitor.account.id, label: "\(visitor.account.email) (token \(id.uuidString.prefix(8)))", ip: remoteAddress)
        }
    }
}

/// Sends the browser elsewhere (sign-in, change password) instead of showing an error page.
struct RedirectError: Error, HTTPResponseError {
    let location: String
    init(to location: String) { self.location = location }

    var status: HTTPResponse.Status { .seeOther }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
