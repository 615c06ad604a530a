import BelongCore
import Foundation
import Testing

@Suite("Translations")
struct LocalizerTests {
    let translations = try! Translations(catalogs: [
        Catalog(language: .english, entries: ["home.title": "Welcome", "count": "{count} students"]),
        Catalog(language: .french, entries: ["home.title": "Bienvenue", "count": "{count} élèves"]),
    ])

    @Test("a key gives the string of the reader's language, with placeholders filled")
    func lookup() {
        let french = translations.localizer(for: .french)
        #expect(french("home.title") == "Bienvenue")
        #expect(french("count", ["count": "12"]) == "12 élèves")
        #expect(translations.localizer(for: .english)("count", ["count": "3"]) == "3 students")
    }

    @Test("a preferred register wins where the catalog has it: French addresses adults as « vous »")
    func register() throws {
        let translations = try Translations(catalogs: [
            Catalog(language: .english, entries: ["skip": "You can skip", "skip@adult": "You can skip"]),
            Catalog(language: .french, entries: ["skip": "Tu peux passer", "skip@adult": "Vous pouvez passer", "start": "Commencer"]),
        ])
        let french = translations.localizer(for: .french)
        #expect(french("skip") == "Tu peux passer")
        #expect(french.preferring("adult")("skip") == "Vous pouvez passer")
        #expect(french.preferring("adult")("start") == "Commencer", "a string with one form serves both")
    }

    @Test("a missing key is marked, never silently shown in another language")
    func missingKey() {
        #expect(translations.localizer(for: .english)("nope") == "⟦nope⟧")
    }

    @Test("nested JSON catalogs flatten to dotted keys")
    func nestedJSON() throws {
        let catalog = try Catalog(language: .english, json: Data(#"{"nav": {"home": "Home", "deep": {"x": "y"}}}"#.utf8))
        #expect(catalog.entries == ["nav.home": "Home", "nav.deep.x": "y"])
    }

    @Test("a catalog value that is not text is refused")
    func nonString() {
        #expect(throws: CatalogError.notAString(key: "n")) {
            try Catalog(language: .english, json: Data(#"{"n": 3}"#.utf8))
        }
    }

    @Test("inconsistencies between languages are reported: missing keys, extra keys, other placeholders")
    func inconsistencies() throws {
        let uneven = try Translations(catalogs: [
            Catalog(language: .english, entries: ["a": "A {n}", "b": "B"]),
            Catalog(language: .french, entries: ["a": "A {m}", "c": "C"]),
        ])
        let problems = uneven.inconsistencies()
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("missing 'b'") })
        #expect(problems.contains { $0.contains("extra 'c'") })
        #expect(problems.contains { $0.contains("'a' has placeholders") })
    }

    @Test("every language needs a catalog")
    func missingLanguage() {
        #expect(throws: CatalogError.missing(language: .french)) {
            try Translations(catalogs: [Catalog(language: .english, entries: [:])])
        }
    }

    @Test("numbers are grouped the way each language writes them")
    func numbers() {
        #expect(translations.localizer(for: .english).number(2000) == "2,000")
        #expect(translations.localizer(for: .french).number(2000) == "2\u{202F}000")
        #expect(translations.localizer(for: .english).number(999) == "999")
        #expect(translations.localizer(for: .english).number(1_234_567) == "1,234,567")
        #expect(translations.localizer(for: .english).number(-1500) == "-1,500")
    }
}
