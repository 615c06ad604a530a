import Foundation

/// What a connection may cost the server, set for a school's network: a classroom of phones on slow
/// Wi-Fi is well inside these; a client that opens connections and says nothing, or sends a byte a
/// second, is not. README "Operations" lists them with their settings.
public struct ConnectionLimits: Sendable, Equatable {
    /// A kept-alive connection with no request for this long is closed (browsers open a new one).
    public var idleTimeout: Duration = .seconds(15)
    /// From a request's first byte to the end of its headers.
    public var headerTimeout: Duration = .seconds(10)
    /// The longest silence inside a request body; after the same span, the body must also average
    /// `minimumBodyRate` (a roster upload on a slow school line is far above it). Also how long a client
    /// may leave what it was sent unread (its socket full) before it is disconnected.
    public var bodyTimeout: Duration = .seconds(10)
    public var minimumBodyRate = 1024
    /// Connections open at once, in all. Lowered at start to fit the open-file limit, keeping a reserve
    /// for the database and files. At the limit, the connection idle longest makes room for a new one.
    public var maximumConnections = 4096
    /// Connections open at once from one address; nil for half of `maximumConnections`. A school behind
    /// one public address is one address: raise it there. Not applied behind a proxy (BELONG_TRUST_PROXY).
    public var maximumPerAddress: Int?

    public init() {}

    /// Files kept back from connections: database files and connections, logs, uploads being read.
    static let reservedFiles = 256

    /// `maximumConnections`, no more than the open-file limit allows once the reserve is kept.
    func connections(openFileLimit: Int) -> Int {
        max(16, min(maximumConnections, openFileLimit - Self.reservedFiles))
    }

    /// Raises the soft open-file limit to the hard one (as most servers do at start) and returns it.
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }
}
