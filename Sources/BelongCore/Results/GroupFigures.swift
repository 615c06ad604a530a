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

    /// `withheld` says why figure number k is withheld in this group, or nil when it is shown: k counts
    /// the items, then the scales' scores, then the total's (the privacy filter's order of figures).
    init(summary: GroupSummary, layout: ResultsLayout, minimumN: Int, withheld: (Int) -> Withholding?) {
        func guarded<T>(_ figure: Int, _ n: Int, _ value: T) -> Reported<T> {
            // The plan checks every figure; the n test stays as a second lock on the same door.
            if let reason = withheld(figure) { return .suppressed(minimum: minimumN, reason: reason) }
            return n >= minimumN ? .shown(value) : .suppressed(minimum: minimumN)
        }
        let itemReasons = layout.items.indices.map(withheld)
        func scale(_ scale: ResultsLayout.Scale, figure: Int, _ values: GroupSummary.ScaleSummary) -> ScaleFigures {
            // A scale's percent favourable adds up its items' answers: shown only where every item is, so
            // that it and the items beside it never give one item's withheld figure.
            let favourable: Reported<ProportionEstimate> = if scale.items.allSatisfy({ itemReasons[$0] == nil }) {
                guarded(figure, values.score.n, summary.favourable(scale: scale, in: layout))
            } else {
                .suppressed(minimum: minimumN, reason: values.score.n < minimumN ? .fewerThanMinimum : .protectsSmallerGroup)
            }
            return ScaleFigures(id: scale.id, favourable: favourable, mean: guarded(figure, values.score.n, values.score),
                                levels: guarded(figure, values.score.n, values.levels))
        }
        let items = layout.items.count
        respondents = summary.respondents
        index = guarded(items + layout.scales.count, summary.total.score.n, summary.connectednessIndex)
        total = scale(layout.total, figure: items + layout.scales.count, summary.total)
        scales = zip(layout.scales, summary.scales).enumerated().map { scale($1.0, figure: items + $0, $1.1) }
        self.items = layout.items.indices.map { item in
            let answered = summary.answered(item: item)
            let top = layout.top(ofItem: item)
            return ItemFigures(id: layout.items[item].id, favourable: guarded(item, answered, summary.favourable(item: item, in: layout)),
                               distribution: guarded(item, answered, summary.distribution(ofItem: item, top: top)), top: top)
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
