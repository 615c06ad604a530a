import Foundation

/// A figure as the privacy filter releases it: shown, or withheld because too few people are behind
/// it ("fewer than 10"). Pages, charts, exports and the API only ever receive these.
public enum Reported<Value: Sendable>: Sendable {
    case shown(Value)
    case suppressed(minimum: Int)

    public var value: Value? {
        if case .shown(let value) = self { return value }
        return nil
    }

    public var isShown: Bool { value != nil }
}

extension Reported: Equatable where Value: Equatable {}
extension Reported: Hashable where Value: Hashable {}
