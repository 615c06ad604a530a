import BelongCore
import Foundation

/// A link to one of Belong's pages, made from its route's definition: each feature's `<Feature>+Routes.swift`
/// adds the named links it offers (`SiteURL.schoolResults(wave:school:)`), so a page never spells a path.
public struct SiteURL: Sendable, Hashable {
    public let path: String

    init(path: String) {
        self.path = path
    }

    /// Paths where someone answers a survey: they carry an access code, so they set no cookie and are never logged as they are.
    public static func isRespondent(_ path: String) -> Bool {
        path == "/s" || path.hasPrefix("/s/") || path == "/api/v1/respond" || path.hasPrefix("/api/v1/respond/")
    }

    /// A path fit for a log: the access code in a survey address is replaced by `…`.
    public static func redacted(_ path: String) -> String {
        let bare = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        for prefix in ["/s/", "/api/v1/respond/"] where bare.hasPrefix(prefix) {
            var rest = bare.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard let first = rest.first, first != "thanks" else { return bare }
            rest[0] = "…"
            return prefix + rest.joined(separator: "/")
        }
        return isRespondent(bare) ? bare : path
    }

    /// Only same-site paths are followed after sign-in: one leading `/`, no control character (browsers drop a
    /// tab or newline, so `/<TAB>/evil.example` would become `//evil.example`), no backslash (read as `/`), no `//`.
    public static func isLocal(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.contains("//") && !target.contains("\\")
            && !target.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.isWhitespace && $0 != " " }
    }

    /// The same path with the language made explicit, for the language switch.
    public static func switching(_ pathAndQuery: String, to language: Language) -> String {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        query.removeAll { $0.hasPrefix("lang=") }
        query.append("lang=\(language.code)")
        return "\(path.isEmpty ? "/" : path)?\(query.joined(separator: "&"))"
    }
}
