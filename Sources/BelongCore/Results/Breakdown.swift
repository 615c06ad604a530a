import Foundation

/// One breakdown of a scope — its grades, classes, schools or the values of an attribute — every
/// row already through the privacy filter, with the equity gap among the rows shown.
public struct Breakdown: Sendable {
    public struct Row: Sendable {
        public let key: GroupKey
        public let figures: Reported<GroupFigures>
    }

    public let dimension: WaveResults.Dimension
    public let rows: [Row]

    public init(dimension: WaveResults.Dimension, rows: [Row]) {
        self.dimension = dimension
        self.rows = rows
    }

    /// The same rows in another order (by name, for schools and classes).
    public func sorted(by name: (GroupKey) -> String) -> Breakdown {
        Breakdown(dimension: dimension, rows: rows.sorted { name($0.key).localizedStandardCompare(name($1.key)) == .orderedAscending })
    }

    /// The largest difference in the Connectedness index between shown rows, with its interval.
    public var indexGap: EquityGap<GroupKey>? {
        EquityGap.of(rows.compactMap { row in row.figures.value?.index.value.map { (group: row.key, estimate: $0) } })
    }
}

extension WaveResults {
    /// The rows of one breakdown of `scope`, each released or withheld by the privacy filter.
    public func breakdownRows(_ scope: GroupKey, by dimension: Dimension) -> Breakdown {
        Breakdown(dimension: dimension, rows: breakdown(scope, by: dimension).map { Breakdown.Row(key: $0, figures: figures($0)) })
    }
}

/// How a shown group's figures moved from an earlier wave to a later one: only where both waves show them.
public struct Movement: Sendable {
    public let earlier: GroupFigures?
    public let later: GroupFigures?

    public init(earlier: Reported<GroupFigures>?, later: Reported<GroupFigures>) {
        self.earlier = earlier?.value
        self.later = later.value
    }

    public var index: Change? { Self.change(earlier?.index, later?.index) }

    public func scale(_ id: String) -> Change? {
        Self.change(earlier?.scale(id)?.favourable, later?.scale(id)?.favourable)
    }

    public func scaleMean(_ id: String) -> Change? {
        guard let before = earlier?.scale(id)?.mean.value, let after = later?.scale(id)?.mean.value else { return nil }
        return Change.between(before, after)
    }

    public func item(_ id: String) -> Change? {
        Self.change(earlier?.item(id)?.favourable, later?.item(id)?.favourable)
    }

    static func change(_ before: Reported<ProportionEstimate>?, _ after: Reported<ProportionEstimate>?) -> Change? {
        guard let before = before?.value, let after = after?.value else { return nil }
        return Change.between(before, after)
    }
}
