import Foundation

/// The one door every figure of a wave passes through before anyone sees it (DOMAIN.md §4): a group
/// is released only when the wave's suppression plan shows it, and within a shown group each item,
/// scale and index only where the plan's check of that figure's own respondents shows it.
public struct PrivacyFilter: Sendable {
    public let plan: SuppressionPlan
    /// What the wave's latest release holds back beyond its plan (DOMAIN.md §4, time).
    public let holds: ReleaseHolds
    public var minimumN: Int { plan.minimumN }

    public init(plan: SuppressionPlan, holds: ReleaseHolds = ReleaseHolds()) {
        self.plan = plan
        self.holds = holds
    }

    /// Why a group is withheld, or nil when it is shown.
    public func reason(_ key: GroupKey) -> Withholding? {
        guard plan.isShown(key) else { return plan.reason(key) ?? .fewerThanMinimum }
        return holds.holds(key) ? .betweenReleases : nil
    }

    /// A group's figures, or why they are withheld.
    public func release(_ key: GroupKey, summary: GroupSummary?, layout: ResultsLayout) -> Reported<GroupFigures> {
        guard let summary else { return .suppressed(minimum: minimumN, reason: plan.reason(key) ?? .fewerThanMinimum) }
        if let reason = reason(key) { return .suppressed(minimum: minimumN, reason: reason) }
        return .shown(GroupFigures(summary: summary, layout: layout, minimumN: minimumN) { figure in
            plan.reason(key, figure: figure) ?? (holds.holds(key, figure: figure) ? .betweenReleases : nil)
        })
    }

}
