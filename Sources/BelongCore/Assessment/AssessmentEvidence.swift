import Foundation

/// What Belong already holds that speaks to an indicator, shown beside it so a team rates from facts rather
/// than memory. Only facts about waves (who was asked, when, whether students named trusted adults): no
/// figure, so nothing here needs the privacy filter.
public enum AssessmentEvidence {
    /// A wave at the school, as the evidence needs it.
    public struct Wave: Sendable, Hashable {
        public let id: UUID
        public let title: String
        /// "students", "staff" or "families".
        public let audience: String
        public let opensAt: Date
        public let closesAt: Date
        /// A confidential student wave with an item where students pick their trusted adults.
        public let asksTrustedAdults: Bool

        public init(id: UUID, title: String, audience: String, opensAt: Date, closesAt: Date, asksTrustedAdults: Bool) {
            self.id = id
            self.title = title
            self.audience = audience
            self.opensAt = opensAt
            self.closesAt = closesAt
            self.asksTrustedAdults = asksTrustedAdults
        }
    }

    public static let audiences = ["students", "staff", "families"]
    /// How far back "this year" reaches: a school year and a summer.
    public static let year: TimeInterval = 365 * 86_400

    public enum Finding: Sendable, Hashable {
        /// The waves of the past year by audience (most recent first), and the audiences none asked.
        case audiences(asked: [String: [Wave]], missing: [String])
        /// The past year's waves where students named their trusted adults (most recent first); empty if none.
        case nominations([Wave])
    }

    /// The finding for each indicator that has one, from the school's opened waves (drafts left out by the caller).
    public static func findings(rubric: Rubric, waves: [Wave], now: Date) -> [String: Finding] {
        let recent = waves.filter { $0.opensAt <= now && now.timeIntervalSince($0.opensAt) <= year }
            .sorted { $0.opensAt != $1.opensAt ? $0.opensAt > $1.opensAt : $0.id.uuidString < $1.id.uuidString }
        var findings: [String: Finding] = [:]
        for indicator in rubric.indicators {
            switch indicator.evidence {
            case .audiences:
                let asked = Dictionary(grouping: recent, by: \.audience)
                findings[indicator.id] = .audiences(asked: asked, missing: audiences.filter { asked[$0] == nil })
            case .nominations:
                findings[indicator.id] = .nominations(recent.filter(\.asksTrustedAdults))
            case nil:
                break
            }
        }
        return findings
    }
}
