import Foundation

/// The largest difference between reported subgroups on one measure (DOMAIN.md §3), with the
/// interval of that difference. Only groups the privacy filter let through may be passed in.
public struct EquityGap<Group: Sendable & Hashable>: Sendable, Hashable {
    public var highest: Group
    public var lowest: Group
    /// highest − lowest, with its interval.
    public var change: Change

    public static func of(_ groups: [(group: Group, estimate: ProportionEstimate)]) -> EquityGap? {
        let valued = groups.compactMap { entry in entry.estimate.value.map { (entry.group, entry.estimate, $0) } }
        guard valued.count >= 2, let high = valued.max(by: { $0.2 < $1.2 }), let low = valued.min(by: { $0.2 < $1.2 }),
              let change = Change.between(low.1, high.1) else { return nil }
        return EquityGap(highest: high.0, lowest: low.0, change: change)
    }

    public static func of(_ groups: [(group: Group, estimate: MeanEstimate)]) -> EquityGap? {
        let valued = groups.compactMap { entry in entry.estimate.mean.map { (entry.group, entry.estimate, $0) } }
        guard valued.count >= 2, let high = valued.max(by: { $0.2 < $1.2 }), let low = valued.min(by: { $0.2 < $1.2 }),
              let change = Change.between(low.1, high.1) else { return nil }
        return EquityGap(highest: high.0, lowest: low.0, change: change)
    }
}
