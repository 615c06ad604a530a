import Foundation

/// What may be reported about one shown group: the figures DOMAIN.md §2 defines, each already
/// checked against the minimum n. Built only by `PrivacyFilter`.
public struct GroupFigures: Sendable, Hashable {
    public struct ScaleFigures: Sendable, Hashable {
        public let id: String
        public let favourable: Reported<ProportionEstimate>
        public let mean: Reported<MeanEstimate>
        /// Respondents high, moderate, low.
        public let levels: Reported<[Int]>
    }

    public struct ItemFigures: Sendable, Hashable {
        public let id: String
        public let favourable: Reported<ProportionEstimate>
        /// How many chose each value, lowest value first.
        public let distribution: Reported<[Int]>
        public let top: Int
    }

    public let respondents: Int
    public let index: Reported<ProportionEstimate>
    public let total: ScaleFigures
    public let scales: [ScaleFigures]
    public let items: [ItemFigures]

    init(summary: GroupSummary, layout: ResultsLayout, minimumN: Int) {
        func guarded<T>(_ n: Int, _ value: T) -> Reported<T> { n >= minimumN ? .shown(value) : .suppressed(minimum: minimumN) }
        func scale(_ scale: ResultsLayout.Scale, _ values: GroupSummary.ScaleSummary) -> ScaleFigures {
            let favourable = summary.favourable(scale: scale, in: layout)
            return ScaleFigures(id: scale.id, favourable: guarded(values.score.n, favourable), mean: guarded(values.score.n, values.score),
                                levels: guarded(values.score.n, values.levels))
        }
        respondents = summary.respondents
        index = guarded(summary.total.score.n, summary.connectednessIndex)
        total = scale(layout.total, summary.total)
        scales = zip(layout.scales, summary.scales).map { scale($0, $1) }
        items = layout.items.indices.map { item in
            let answered = summary.answered(item: item)
            let top = layout.top(ofItem: item)
            return ItemFigures(id: layout.items[item].id, favourable: guarded(answered, summary.favourable(item: item, in: layout)),
                               distribution: guarded(answered, summary.distribution(ofItem: item, top: top)), top: top)
        }
    }

    public func scale(_ id: String) -> ScaleFigures? { scales.first { $0.id == id } }

    /// The shown feelings (or, for questionnaires without them, the shown scales) from the lowest
    /// percent favourable to the highest: the first is where a school starts.
    public var scalesByFavourable: [ScaleFigures] {
        let feelings = scales.filter { ResultsLayout.feelings.contains($0.id) }
        return (feelings.isEmpty ? scales : feelings).compactMap { scale in scale.favourable.value?.value.map { (scale, $0) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }
    public func item(_ id: String) -> ItemFigures? { items.first { $0.id == id } }
}
