import Foundation
import Hummingbird

/// A path with named parameters, spelled once: "/results/{wave}/schools/{school}". The router matches it and
/// links fill it, so a page can never print a path the router does not answer.
public struct RoutePath: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    public init(stringLiteral value: String) {
        precondition(value.hasPrefix("/"), "a route path starts with /: \(value)")
        segments = value.dropFirst().split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// "/results/{wave}", as the OpenAPI document and the tests name routes.
    public var description: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    /// The parameters' names, in order.
    public var parameters: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The pattern as Hummingbird's router reads it: "/results/:wave".
    var routerPath: RouterPath {
        RouterPath("/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): ":\(name)"
            }
        }.joined(separator: "/"))
    }

    /// The path with each parameter filled in order.
    public func filled(_ values: [any PathValue]) -> String {
        precondition(values.count == parameters.count, "\(self) takes \(parameters.count) values, given \(values.count)")
        var remaining = values[...]
        let parts = segments.map { segment -> String in
            switch segment {
            case .literal(let text): return text
            case .parameter: return remaining.popFirst()!.pathSegment
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// A value that fills a path parameter.
public protocol PathValue: Sendable {
    /// The value as one path segment: never a `/`, percent-encoded where it must be.
    var pathSegment: String { get }
}

extension UUID: PathValue {
    public var pathSegment: String { uuidString.lowercased() }
}

extension Int: PathValue {
    public var pathSegment: String { String(self) }
}

extension String: PathValue {
    public var pathSegment: String {
        addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? ""
    }
}
