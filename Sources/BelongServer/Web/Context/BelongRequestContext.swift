import Foundation
import BelongCore
import Hummingbird
import NIOCore

/// What every request carries through the middleware to its handler.
public struct BelongRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Chosen by `LanguageMiddleware` from `?lang=`, the language cookie or `Accept-Language`.
    public var language: Language = .default
    /// Who is asking: set by `SessionMiddleware` for pages, `APITokenMiddleware` for the API.
    public var visitor: Visitor?
    /// What form tokens are bound to: the session when signed in, else the visitor cookie.
    var formBinding: String?
    /// The client's address: the socket's peer, or the proxy's X-Forwarded-For when configured to trust it.
    public internal(set) var remoteAddress: String?
    /// The socket's peer, whatever a proxy says.
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.remoteAddress = peerAddress
    }

    /// Uploads are checked again by the routes that take them; everything else stays small.
    public var maxUploadSize: Int { 1024 * 1024 }
}

/// A signed-in person (or an API token acting for one) and what they may do.
public struct Visitor: Sendable {
    public enum Credential: Sendable {
        case session(tokenHash: String)
        case apiToken(id: UUID, canWrite: Bool)
    }

    public let account: UserAccount
    public let policy: AccessPolicy
    public let credential: Credential
    public let mustChangePassword: Bool

    public func may(_ permission: Permission) -> Bool { policy.allows(permission) }
}
