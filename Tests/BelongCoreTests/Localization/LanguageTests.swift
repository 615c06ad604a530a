import BelongCore
import Testing

@Suite("Choosing a language")
struct LanguageTests {
    @Test("codes are read whatever their region or case", arguments: [
        ("fr", Language.french), ("FR", .french), ("fr-CA", .french), ("fr_CA", .french), ("en-GB", .english), ("en", .english),
    ])
    func readsCodes(code: String, expected: Language) {
        #expect(Language(code: code) == expected)
    }

    @Test("unknown codes are refused rather than guessed")
    func refusesUnknown() {
        #expect(Language(code: "de") == nil)
        #expect(Language(code: "") == nil)
    }

    @Test("Accept-Language honours quality values")
    func acceptLanguage() {
        #expect(Language.preferred(byAcceptLanguage: "fr-CA,fr;q=0.9,en;q=0.8") == .french)
        #expect(Language.preferred(byAcceptLanguage: "de-DE,en;q=0.5,fr;q=0.7") == .french)
        #expect(Language.preferred(byAcceptLanguage: "en-US,en;q=0.9") == .english)
        #expect(Language.preferred(byAcceptLanguage: "de, es") == nil)
        #expect(Language.preferred(byAcceptLanguage: "fr;q=0") == nil)
    }
}
