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
        guard let (high, low) = extremes(valued), let change = Change.between(low.1, high.1) else { return nil }
        return EquityGap(highest: high.0, lowest: low.0, change: change)
    }

    public static func of(_ groups: [(group: Group, estimate: MeanEstimate)]) -> EquityGap? {
        let valued = groups.compactMap { entry in entry.estimate.mean.map { (entry.group, entry.estimate, $0) } }
        guard let (high, low) = extremes(valued), let change = Change.between(low.1, high.1) else { return nil }
        return EquityGap(highest: high.0, lowest: low.0, change: change)
    }

    /// The highest and the lowest of two or more groups, always two different groups: when all are level, the
    /// first is "highest" and the next "lowest", a gap of zero rather than a group compared with itself.
    private static func extremes<E>(_ valued: [(Group, E, Double)]) -> ((Group, E, Double), (Group, E, Double))? {
        guard valued.count >= 2, let highIndex = valued.indices.max(by: { valued[$0].2 < valued[$1].2 }) else { return nil }
        let others = valued.indices.filter { $0 != highIndex }
        guard let lowIndex = others.min(by: { valued[$0].2 < valued[$1].2 }) else { return nil }
        return (valued[highIndex], valued[lowIndex])
    }
}
