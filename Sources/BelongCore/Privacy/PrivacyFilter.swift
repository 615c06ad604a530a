import Foundation

/// The one door every figure of a wave passes through before anyone sees it (DOMAIN.md §4): a group
/// is released only when the wave's suppression plan shows it, and within a shown group each item,
/// scale and index only where the plan's check of that figure's own respondents shows it.
public struct PrivacyFilter: Sendable {
    public let plan: SuppressionPlan
    public var minimumN: Int { plan.minimumN }

    public init(plan: SuppressionPlan) {
        self.plan = plan
    }

    /// A group's figures, or why they are withheld.
    public func release(_ key: GroupKey, summary: GroupSummary?, layout: ResultsLayout) -> Reported<GroupFigures> {
        guard let summary, plan.isShown(key) else { return .suppressed(minimum: minimumN, reason: plan.reason(key) ?? .fewerThanMinimum) }
        return .shown(GroupFigures(summary: summary, layout: layout, minimumN: minimumN) { plan.reason(key, figure: $0) })
    }

}
