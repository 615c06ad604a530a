import Foundation

/// A figure as the privacy filter releases it: shown, or withheld because too few people are behind
/// it ("fewer than 10"). Pages, charts, exports and the API only ever receive these.
public enum Reported<Value: Sendable>: Sendable {
    case shown(Value)
    case suppressed(minimum: Int, reason: Withholding = .fewerThanMinimum)

    public var value: Value? {
        if case .shown(let value) = self { return value }
        return nil
    }

    public var isShown: Bool { value != nil }

    /// Why it is withheld, or nil when it is shown.
    public var reason: Withholding? {
        if case .suppressed(_, let reason) = self { return reason }
        return nil
    }
}

/// Why a figure is withheld (DOMAIN.md §4): too few people are behind it; it is withheld so that a
/// smaller group cannot be worked out from it and the figures beside it; or its wave is still open, and
/// figures that moved with each response would give that response away; or it is held between releases,
/// where shown beside the figures released before it would give away the few responses that came between.
public enum Withholding: String, Sendable, Hashable, Codable, CaseIterable {
    case fewerThanMinimum = "fewer-than-minimum"
    case protectsSmallerGroup = "protects-smaller-group"
    case waveOpen = "wave-open"
    case betweenReleases = "between-releases"
}

extension Reported: Equatable where Value: Equatable {}
extension Reported: Hashable where Value: Hashable {}
