import Foundation

/// The languages Belong speaks. Every string a person reads exists in each of them.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    case english = "en"
    case french = "fr"

    public static let `default`: Language = .english

    /// The code used in `lang` attributes, URLs and cookies.
    public var code: String { rawValue }

    /// The language's name in itself, as a language switch shows it.
    public var endonym: String {
        switch self {
        case .english: "English"
        case .french: "Français"
        }
    }

    /// Accepts "fr", "FR", "fr-CA", "fr_CA".
    public init?(code: String) {
        if let exact = Language(rawValue: code) {
            self = exact
            return
        }
        let primary = code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? code
        guard let language = Language(rawValue: primary.lowercased().trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        self = language
    }

    /// The best match for an HTTP `Accept-Language` header, honouring q-values; nil when nothing matches.
    public static func preferred(byAcceptLanguage header: String) -> Language? {
        var best: (language: Language, quality: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(code: tag) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.quality ?? 0) {
                best = (language, quality)
            }
        }
        return best?.language
    }
}

