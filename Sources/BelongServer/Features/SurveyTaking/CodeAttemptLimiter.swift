import Foundation
import NIOConcurrencyHelpers

/// Limits code guessing: a whole class behind one school address can mistype plenty, but nobody can
/// try codes at speed. Counted per network address and for the whole server, over the last minute.
final class CodeAttemptLimiter: Sendable {
    struct Limits: Sendable {
        var perAddressPerMinute = 60
        var totalPerMinute = 3_000
    }

    private let limits: Limits
    private let state = NIOLockedValueBox<(window: Date, byAddress: [String: Int], total: Int)>((Date.distantPast, [:], 0))

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// When the address may try again, if it is over its limit now.
    func blockedUntil(address: String?, now: Date = Date()) -> Date? {
        state.withLockedValue { state in
            roll(&state, now)
            let key = address ?? "unknown"
            if (state.byAddress[key] ?? 0) >= limits.perAddressPerMinute || state.total >= limits.totalPerMinute {
                return state.window.addingTimeInterval(60)
            }
            return nil
        }
    }

    /// A wrong code counts against the address and the server.
    func recordWrong(address: String?, now: Date = Date()) {
        state.withLockedValue { state in
            roll(&state, now)
            state.byAddress[address ?? "unknown", default: 0] += 1
            state.total += 1
        }
    }

    private func roll(_ state: inout (window: Date, byAddress: [String: Int], total: Int), _ now: Date) {
        if now.timeIntervalSince(state.window) >= 60 {
            state = (now, [:], 0)
        }
    }
}
