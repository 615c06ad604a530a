import Foundation

/// A district's translation of the survey pages and of instruments into a language Belong's own
/// interface does not speak: one JSON file per language, checked for completeness against English
/// as English and French are checked against each other. A pack with any problem is not offered.
public struct TranslationPack: Sendable, Decodable {
    public struct InstrumentText: Sendable, Decodable, Equatable {
        public var title: String
        public var scales: [String: String]
        public var items: [String: String]
    }

    public var language: Language
    /// Whether a fluent speaker has reviewed it; a draft is offered, and said to be one in the logs.
    public var reviewed: Bool
    public var note: String?
    /// Keys of the English catalog the survey pages read.
    public var pages: [String: String]
    /// Instrument id → its title, scale names and item texts.
    public var instruments: [String: InstrumentText]

    enum CodingKeys: String, CodingKey { case language, reviewed, note, pages, instruments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        language = try container.decode(Language.self, forKey: .language)
        reviewed = try container.decodeIfPresent(Bool.self, forKey: .reviewed) ?? false
        note = try container.decodeIfPresent(String.self, forKey: .note)
        pages = try container.decode([String: String].self, forKey: .pages)
        instruments = try container.decodeIfPresent([String: InstrumentText].self, forKey: .instruments) ?? [:]
    }

    public static func load(json: Data) throws -> TranslationPack {
        try JSONDecoder().decode(TranslationPack.self, from: json)
    }

    /// The parts of Belong's catalogs a survey page reads: everything a respondent can see.
    public static let pagePrefixes = ["survey.", "response.", "site.", "footer."]

    /// The keys a pack must give: the survey pages' keys, without the register variants
    /// (`key@adult`), which fall back to the plain key.
    public static func requiredKeys(in english: Catalog) -> [String] {
        english.entries.keys.filter { key in !key.contains("@") && pagePrefixes.contains { key.hasPrefix($0) } }.sorted()
    }

    public var catalog: Catalog { Catalog(language: language, entries: pages) }

    /// Everything that keeps this pack from being offered, in the order to fix it; empty when it is complete.
    public func problems(english: Catalog, instruments known: [Instrument]) -> [String] {
        var problems: [String] = []
        if language.isInterface { problems.append("\(language.code) is one of Belong's own languages; its catalog is in Resources/locales") }
        let required = Self.requiredKeys(in: english)
        for key in required {
            guard let text = pages[key] else { problems.append("missing page text '\(key)'"); continue }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("page text '\(key)' is empty") }
            let expected = Catalog.placeholders(in: english.entries[key] ?? "")
            if Catalog.placeholders(in: text) != expected {
                problems.append("page text '\(key)' must use the placeholders \(expected.sorted()), as English does")
            }
        }
        let allowed = Set(english.entries.keys)
        for key in pages.keys.sorted() where !allowed.contains(key) || !Self.pagePrefixes.contains(where: { key.hasPrefix($0) }) {
            problems.append("'\(key)' is not a survey page text")
        }
        for id in instruments.keys.sorted() {
            guard let instrument = known.first(where: { $0.id == id }) else { problems.append("no instrument '\(id)'"); continue }
            problems += missing(in: instrument)
        }
        return problems
    }

    /// What this pack lacks to translate `instrument` whole; empty when it does.
    public func missing(in instrument: Instrument) -> [String] {
        guard let text = instruments[instrument.id] else { return ["\(instrument.id): not translated"] }
        var problems: [String] = []
        if text.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(instrument.id): title is empty") }
        for scale in instrument.scales where (text.scales[scale.id] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("\(instrument.id): missing scale '\(scale.id)'")
        }
        for item in instrument.items where (text.items[item.id] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("\(instrument.id): missing item '\(item.id)'")
        }
        for id in text.items.keys.sorted() where !instrument.items.contains(where: { $0.id == id }) {
            problems.append("\(instrument.id): no item '\(id)'")
        }
        return problems
    }

    /// The instrument speaking this language too, when the pack translates all of it; unchanged otherwise.
    public func applied(to instrument: Instrument) -> Instrument {
        guard let text = instruments[instrument.id], missing(in: instrument).isEmpty else { return instrument }
        var result = instrument
        let code = language.code
        result.title[code] = text.title
        result.scales = instrument.scales.map { scale in
            var scale = scale
            scale.name[code] = text.scales[scale.id]
            return scale
        }
        result.items = instrument.items.map { item in
            var item = item
            item.text[code] = text.items[item.id]
            return item
        }
        if !result.languages.contains(code) { result.languages.append(code) }
        return result
    }
}
