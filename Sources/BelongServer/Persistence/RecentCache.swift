import Foundation
import NIOConcurrencyHelpers

/// A few hot, rarely changed rows (an open wave) kept in memory for a moment, so that thousands of
/// submissions a second do not each read them again. Changes made through this server forget the entry
/// at once; the short lifetime bounds how stale another server process sharing PostgreSQL can be.
final class RecentCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (value: Value, until: Date)]>([:])
    let lifetime: TimeInterval
    let limit: Int

    init(lifetime: TimeInterval, limit: Int = 256) {
        self.lifetime = lifetime
        self.limit = limit
    }

    func value(for key: Key, now: Date = Date(), load: () async throws -> Value?) async rethrows -> Value? {
        if let hit = entries.withLockedValue({ $0[key] }), hit.until > now { return hit.value }
        guard let value = try await load() else { return nil }
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, now.addingTimeInterval(lifetime))
        }
        return value
    }

    func forget(_ key: Key) {
        _ = entries.withLockedValue { $0.removeValue(forKey: key) }
    }

    func forgetAll() {
        entries.withLockedValue { $0.removeAll() }
    }
}
