import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool: a hash takes a quarter of a second on purpose, and must not hold
/// up the threads that answer other requests.
public struct PasswordHasher: Sendable {
    /// 12 in production; tests lower it, since bcrypt's cost is the point and not what they test.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of nothing anyone knows: checked against when an email has no account, so an unknown
    /// address takes as long to refuse as a wrong password.
    public func decoyHash() async throws -> String {
        try await hash(Tokens.random())
    }
}
