import Foundation

/// The one lookup every person-facing string goes through.
///
/// A key missing from the catalog renders as `⟦key⟧`, which tests look for, rather than silently
/// falling back to another language.
public struct Localizer: Sendable {
    public let language: Language
    private let catalog: Catalog
    /// A register to prefer: `key@variant` wins over `key` where the catalog has it (French addresses
    /// students as « tu » and staff and families as « vous »).
    private var variant: String?

    public static let missingMarker: Character = "⟦"

    public init(catalog: Catalog) {
        self.language = catalog.language
        self.catalog = catalog
    }

    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let template = variant.flatMap({ catalog.entries["\(key)@\($0)"] }) ?? catalog.entries[key] else { return "⟦\(key)⟧" }
        guard !arguments.isEmpty else { return template }
        var result = template
        for (name, value) in arguments {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// Whole numbers with the language's grouping: 2,000 in English, 2 000 in French.
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let separator = language == .french ? "\u{202F}" : ","
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    public func has(_ key: String) -> Bool { catalog.entries[key] != nil }

    /// The same catalog, preferring the `variant` form of each string that has one.
    public func preferring(_ variant: String?) -> Localizer {
        var copy = self
        copy.variant = variant
        return copy
    }
}

/// All catalogs, keyed by language: Belong's own (English, French) and the survey pages of each
/// complete translation pack a district added.
public struct Translations: Sendable {
    private let catalogs: [Language: Catalog]
    /// The packs offered, each complete; survey pages speak these besides the interface languages.
    public let packs: [Language: TranslationPack]
    /// Packs refused, with why: logged at start-up, so whoever added one learns what it lacks.
    public let refusedPacks: [Language: [String]]

    public init(catalogs: [Catalog], packs: [TranslationPack] = [], instruments: [Instrument] = [], unreadable: [Language: [String]] = [:]) throws {
        var table: [Language: Catalog] = [:]
        for catalog in catalogs { table[catalog.language] = catalog }
        for language in Language.interface where table[language] == nil {
            throw CatalogError.missing(language: language)
        }
        var offered: [Language: TranslationPack] = [:]
        var refused = unreadable
        for pack in packs {
            let problems = pack.problems(english: table[.english]!, instruments: instruments)
            if problems.isEmpty, offered[pack.language] == nil {
                offered[pack.language] = pack
                table[pack.language] = pack.catalog
            } else {
                refused[pack.language, default: []] += problems.isEmpty ? ["a second pack for \(pack.language.code); the first is kept"] : problems
            }
        }
        self.catalogs = table
        self.packs = offered
        self.refusedPacks = refused
    }

    /// Every language a page can be read in: the interface's, then the packs', by code.
    public var languages: [Language] { Language.interface + packs.keys.sorted() }

    /// A language without a catalog reads as English (only survey pages are offered in a pack's language).
    public func localizer(for language: Language) -> Localizer {
        Localizer(catalog: catalogs[language] ?? catalogs[.english]!)
    }

    /// The instruments, each also speaking every pack's language that translates all of it.
    public func applied(to instruments: [Instrument]) -> [Instrument] {
        instruments.map { instrument in packs.keys.sorted().reduce(instrument) { packs[$1]!.applied(to: $0) } }
    }

    /// A link's title inviting a reader to read the page in `language`, in that language.
    public func switchTitle(to language: Language) -> String {
        switch language {
        case .english: catalogs[.french]?.entries["site.switchTo"] ?? ""
        case .french: catalogs[.english]?.entries["site.switchTo"] ?? ""
        default: catalogs[language]?.entries["site.switchTo"] ?? ""
        }
    }

    /// Keys present in one language but not in another, for tests and `belong` start-up checks.
    public func inconsistencies() -> [String] {
        var problems: [String] = []
        let reference = catalogs[.english]!
        for language in Language.interface where language != .english {
            let other = catalogs[language]!
            for key in reference.entries.keys.sorted() {
                guard let translated = other.entries[key] else {
                    problems.append("\(language.code): missing '\(key)'")
                    continue
                }
                let expected = Catalog.placeholders(in: reference.entries[key]!)
                if Catalog.placeholders(in: translated) != expected {
                    problems.append("\(language.code): '\(key)' has placeholders other than \(expected.sorted())")
                }
            }
            for key in other.entries.keys.sorted() where reference.entries[key] == nil {
                problems.append("\(language.code): extra '\(key)' not in English")
            }
        }
        return problems
    }
}
