import Foundation
import Hummingbird
import Synchronization

/// The pages a sign-in may return to: the router's own GET routes, learnt once it is built, so a `next`
/// that names no Belong page is dropped rather than followed.
final class ReturnPaths: Sendable {
    private let patterns = Mutex<[RouterPath]>([])

    func learn(_ routes: [Router<BelongRequestContext>.RouteDescription]) {
        let gets = routes.filter { $0.method == .get }.map(\.path)
        patterns.withLock { $0 = gets }
    }

    /// `target` when it is a same-site path (see `SiteURL.isLocal`) whose path names a GET route; otherwise nil.
    func accept(_ target: String?) -> String? {
        guard let target, SiteURL.isLocal(target) else { return nil }
        let path = target.prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/")
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        let known = patterns.withLock { $0 }
        guard known.contains(where: { Self.matches($0, segments) }) else { return nil }
        // A header carries ASCII only: a space or a letter like ë from a decoded query goes back to %-form.
        return target.addingPercentEncoding(withAllowedCharacters: Self.headerSafe)
    }

    private static let headerSafe = CharacterSet(charactersIn: Unicode.Scalar(0x21)!...Unicode.Scalar(0x7E)!)

    private static func matches(_ pattern: RouterPath, _ segments: [Substring]) -> Bool {
        if pattern.components.last == .recursiveWildcard {
            return segments.count >= pattern.components.count - 1 && zip(pattern.components.dropLast(), segments).allSatisfy { $0 ~= $1 }
        }
        return pattern.components.count == segments.count && zip(pattern.components, segments).allSatisfy { $0 ~= $1 }
    }
}
