import Foundation

/// Checks an instrument before it is used: every item's scale exists, ids are unique, every text is
/// in every language the instrument offers, and response scales are ones Belong knows.
public enum InstrumentValidator {
    public static func problems(in instrument: Instrument) -> [String] {
        var problems: [String] = []
        let name = instrument.reference
        if instrument.id.isEmpty || !instrument.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            problems.append("\(name): the id uses letters, digits and hyphens only")
        }
        if instrument.version < 1 { problems.append("\(name): the version is 1 or more") }
        let languages = Set(instrument.languages)
        // Belong is bilingual: every questionnaire can be answered in English and in French.
        for language in Language.interface where !languages.contains(language.code) {
            problems.append("\(name): '\(language.code)' is missing from languages: every questionnaire is in English and French")
        }
        for language in instrument.languages where Language(code: language) == nil {
            problems.append("\(name): '\(language)' is not a language Belong offers (\(Language.interface.map(\.code).joined(separator: ", ")))")
        }
        for language in languages where instrument.title[language]?.isEmpty != false {
            problems.append("\(name): the title has no '\(language)' text")
        }
        var scaleIds: Set<String> = []
        for scale in instrument.scales {
            if !scaleIds.insert(scale.id).inserted { problems.append("\(name): scale '\(scale.id)' is defined twice") }
            for language in languages where scale.name[language]?.isEmpty != false {
                problems.append("\(name): scale '\(scale.id)' has no '\(language)' name")
            }
        }
        var itemIds: Set<String> = []
        for item in instrument.items {
            if !itemIds.insert(item.id).inserted { problems.append("\(name): item id '\(item.id)' is used twice") }
            // A wave's own questions are custom-1 … custom-5, appended to the instrument's: ids stay unique.
            if item.id.hasPrefix("custom-") { problems.append("\(name): item id '\(item.id)' starts with 'custom-', which is kept for a wave's own questions") }
            if let scale = item.scale, !scaleIds.contains(scale) {
                problems.append("\(name): item '\(item.id)' names scale '\(scale)', which the instrument does not define")
            }
            for language in languages where item.text[language]?.trimmingCharacters(in: .whitespaces).isEmpty != false {
                problems.append("\(name): item '\(item.id)' has no '\(language)' text")
            }
            if item.reverse, item.response != .agree5 {
                problems.append("\(name): item '\(item.id)' is reverse-coded, which only an agree5 item can be")
            }
            if item.response.isChoice == false, item.scale != nil {
                problems.append("\(name): item '\(item.id)' is \(item.response.rawValue) and cannot belong to a scale")
            }
        }
        for scale in instrument.scales where !instrument.items.contains(where: { $0.scale == scale.id }) {
            problems.append("\(name): scale '\(scale.id)' has no items")
        }
        if instrument.items.isEmpty { problems.append("\(name): no items") }
        return problems
    }

    /// Decodes and validates; throws with every problem found.
    public static func load(json data: Data) throws -> Instrument {
        let instrument: Instrument
        do {
            instrument = try JSONDecoder().decode(Instrument.self, from: data)
        } catch let error as InstrumentError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw InstrumentError.invalid(["missing '\(key.stringValue)'\(context.codingPath.isEmpty ? "" : " in \(context.codingPath.map(\.stringValue).joined(separator: "."))")"])
        } catch let DecodingError.typeMismatch(_, context) {
            throw InstrumentError.invalid(["wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"])
        } catch {
            throw InstrumentError.invalid(["not a valid instrument file: \(error)"])
        }
        let problems = problems(in: instrument)
        guard problems.isEmpty else { throw InstrumentError.invalid(problems) }
        return instrument
    }
}

/// The instruments Belong ships (DOMAIN.md §1), read from `Resources/instruments`.
public enum BuiltInInstruments {
    public static let fileNames = ["belong-student", "belong-early-years", "belong-staff", "belong-family", "add-health-connectedness"]

    public static func load() throws -> [Instrument] {
        try fileNames.map { name in
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "instruments") else {
                throw InstrumentError.notFound(name)
            }
            return try InstrumentValidator.load(json: Data(contentsOf: url))
        }
    }
}
