import Foundation

/// Slows down password guessing. Failures are counted per email address (whether or not an account
/// has it, so the lock itself never reveals which addresses exist) and per network address.
public struct SignInThrottle: Sendable {
    /// Failures and lock for one key ("email:…" or "ip:…").
    public struct Record: Sendable, Equatable {
        public var failures: Int
        public var windowStart: Date
        public var lockedUntil: Date?

        public init(failures: Int, windowStart: Date, lockedUntil: Date? = nil) {
            self.failures = failures
            self.windowStart = windowStart
            self.lockedUntil = lockedUntil
        }
    }

    public struct Rule: Sendable {
        public let maxFailures: Int
        public let window: TimeInterval
        public let lockFor: TimeInterval
    }

    /// Five wrong passwords for one address lock it for fifteen minutes.
    public static let perAccount = Rule(maxFailures: 5, window: 15 * 60, lockFor: 15 * 60)
    /// A shared network (a school's NAT) gets more room, but not unlimited guesses.
    public static let perNetwork = Rule(maxFailures: 30, window: 15 * 60, lockFor: 15 * 60)

    public static func key(email: String) -> String { "email:\(UserAccount.normalize(email: email))" }
    public static func key(ip: String) -> String { "ip:\(ip)" }

    /// Until when the key is locked, if it is now.
    public static func lockedUntil(_ record: Record?, now: Date) -> Date? {
        guard let until = record?.lockedUntil, until > now else { return nil }
        return until
    }

    /// The record after one more failure; it carries a lock once the rule's limit is reached.
    public static func recordingFailure(_ record: Record?, rule: Rule, now: Date) -> Record {
        var next = record ?? Record(failures: 0, windowStart: now)
        if now.timeIntervalSince(next.windowStart) > rule.window || (next.lockedUntil.map { $0 <= now } ?? false) {
            next = Record(failures: 0, windowStart: now)
        }
        next.failures += 1
        if next.failures >= rule.maxFailures {
            next.lockedUntil = now.addingTimeInterval(rule.lockFor)
        }
        return next
    }
}
