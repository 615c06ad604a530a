import Foundation

/// A language: one Belong's interface speaks (English, French), or one a district has added a
/// translation of the survey pages in (Arabic, Punjabi, …), known by its ISO 639 code.
public struct Language: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The lowercase ISO 639 code used in `lang` attributes, URLs and cookies ("en", "fr", "ar").
    public let code: String

    public static let english = Language(checked: "en")
    public static let french = Language(checked: "fr")

    /// The languages of Belong's own pages, each with a complete catalog.
    public static let interface: [Language] = [.english, .french]

    public static let `default`: Language = .english

    private init(checked code: String) { self.code = code }

    public var rawValue: String { code }
    public var description: String { code }
    public var isInterface: Bool { Self.interface.contains(self) }

    /// Written right to left (`dir="rtl"`).
    public var isRightToLeft: Bool { ["ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"].contains(code) }

    /// The language's name in itself, as a language switch shows it.
    public var endonym: String { Self.endonyms[code] ?? code }

    static let endonyms = [
        "en": "English", "fr": "Français", "ar": "العربية", "zh": "中文", "pa": "ਪੰਜਾਬੀ", "tl": "Tagalog", "es": "Español",
        "pt": "Português", "vi": "Tiếng Việt", "ko": "한국어", "fa": "فارسی", "ur": "اردو", "hi": "हिन्दी", "ta": "தமிழ்",
        "so": "Soomaali", "uk": "Українська", "ru": "Русский", "de": "Deutsch", "it": "Italiano", "ja": "日本語", "ti": "ትግርኛ",
    ]

    /// An interface language from "fr", "FR", "fr-CA", "fr_CA": where only Belong's own pages' languages will do.
    public init?(code: String) {
        guard let any = Language(anyCode: code), any.isInterface else { return nil }
        self = any
    }

    /// Any language from its ISO 639 code, with or without a region ("ar", "pa-IN", "zh_Hant"):
    /// for the languages a translation or a family's preference may name.
    public init?(anyCode code: String) {
        let primary = code.trimmingCharacters(in: .whitespaces)
            .split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        let three = ["eng": "en", "fra": "fr", "fre": "fr", "ara": "ar", "zho": "zh", "chi": "zh", "pan": "pa", "tgl": "tl", "spa": "es"]
        let normalized = three[primary] ?? primary
        guard (2...3).contains(normalized.count), normalized.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        self.code = normalized
    }

    public static func < (lhs: Language, rhs: Language) -> Bool {
        (lhs.isInterface ? 0 : 1, interface.firstIndex(of: lhs) ?? 0, lhs.code) < (rhs.isInterface ? 0 : 1, interface.firstIndex(of: rhs) ?? 0, rhs.code)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let language = Language(anyCode: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a language code"))
        }
        self = language
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// The best interface language for an HTTP `Accept-Language` header, honouring q-values; nil when nothing matches.
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
