import BelongCore
import Foundation
import Logging

/// Checks a password against the account and the throttle, and keeps the audit log of each attempt.
public struct SignInService: Sendable {
    public enum Outcome: Sendable, Equatable {
        case signedIn(userId: UUID, sessionToken: String, mustChangePassword: Bool)
        /// Wrong email or password: the same answer for both, so it never reveals who has an account.
        case refused
        case locked(until: Date)
    }

    let accounts: AccountStore
    let sessions: SessionStore
    let throttle: ThrottleStore
    let audit: AuditStore
    let hasher: PasswordHasher
    let decoy: String
    let now: @Sendable () -> Date

    public func signIn(email rawEmail: String, password: String, ip: String?, userAgent: String?) async throws -> Outcome {
        let email = UserAccount.normalize(email: rawEmail)
        let keys = [SignInThrottle.key(email: email)] + (ip.map { [SignInThrottle.key(ip: $0)] } ?? [])
        let timestamp = now()
        let records = try await throttle.records(keys)
        if let until = keys.compactMap({ SignInThrottle.lockedUntil(records[$0], now: timestamp) }).max() {
            try await audit.record(.signInLocked, by: AuditEvent.Actor(id: nil, label: email, ip: ip), about: .user(nil), at: timestamp)
            return .locked(until: until)
        }

        let credentials = try await accounts.credentials(email: email)
        let hash = credentials?.passwordHash ?? decoy
        let matches = try await hasher.verify(password, hash: hash)
        guard matches, let credentials, credentials.account.isActive, credentials.passwordHash != nil else {
            var updated: [String: SignInThrottle.Record] = [:]
            for key in keys {
                let rule = key.hasPrefix("ip:") ? SignInThrottle.perNetwork : SignInThrottle.perAccount
                updated[key] = SignInThrottle.recordingFailure(records[key], rule: rule, now: timestamp)
            }
            try await throttle.save(updated)
            try await audit.record(.signInFailed, by: AuditEvent.Actor(id: credentials?.account.id, label: email, ip: ip),
                                     about: .user(credentials?.account.id), at: timestamp)
            if let until = updated.values.compactMap({ $0.lockedUntil }).max() {
                try await audit.record(.signInLocked, by: AuditEvent.Actor(id: credentials?.account.id, label: email, ip: ip),
                                         about: .user(credentials?.account.id), detail: "locked until \(ISO8601DateFormatter().string(from: until))",
                                         at: timestamp)
                return .locked(until: until)
            }
            return .refused
        }

        try await throttle.reset(keys)
        // Housekeeping rides on sign-ins: expired sessions and old failure counts are dropped.
        try await sessions.purgeExpired()
        try await throttle.purge(olderThan: timestamp.addingTimeInterval(-86_400))
        let token = try await sessions.start(userId: credentials.account.id, ip: ip, userAgent: userAgent)
        try await accounts.recordSignIn(userId: credentials.account.id)
        try await audit.record(.signIn, by: AuditEvent.Actor(id: credentials.account.id, label: email, ip: ip), about: .user(credentials.account.id),
                                 at: timestamp)
        return .signedIn(userId: credentials.account.id, sessionToken: token, mustChangePassword: credentials.mustChangePassword)
    }
}
