import BelongCore
import Foundation
import SQLKit
import Testing
@testable import BelongServer

/// Survey pages in a language a district adds as data: checked for completeness against English,
/// right to left where the language is, and offered to the families who prefer it.
@Suite("Translations a district adds")
struct TranslationPackTests {
    static let arabic = Language(anyCode: "ar")!

    @Test("the Arabic pack Belong ships is complete: every survey page text, the family form whole, the same placeholders as English")
    func shippedPackIsComplete() throws {
        let translations = try Translations.bundled()
        #expect(translations.refusedPacks.isEmpty, "\(translations.refusedPacks)")
        #expect(translations.languages == [.english, .french, Self.arabic])
        let family = try #require(translations.applied(to: try BuiltInInstruments.load()).first { $0.id == "belong-family" })
        #expect(family.languages == ["en", "fr", "ar"])
        #expect(family.items.allSatisfy { $0.text["ar"]?.isEmpty == false })
        let student = try #require(translations.applied(to: try BuiltInInstruments.load()).first { $0.id == "belong-student" })
        #expect(!student.languages.contains("ar"), "a questionnaire the pack does not translate does not speak it")
        #expect(Self.arabic.isRightToLeft && !Language.french.isRightToLeft)
    }

    @Test("a pack that lacks a text, changes a placeholder, names an unknown item or an interface language is refused, each problem named")
    func incompletePackRefused() throws {
        let english = try Translations.bundled()
        var object = try #require(try JSONSerialization.jsonObject(with: Self.shippedPack()) as? [String: Any])
        var pages = try #require(object["pages"] as? [String: String])
        pages["survey.thanks.text"] = nil
        pages["survey.page.progressOne"] = "السؤال {n}"
        pages["results.title"] = "نتائج"
        object["pages"] = pages
        var instruments = try #require(object["instruments"] as? [String: Any])
        var family = try #require(instruments["belong-family"] as? [String: Any])
        var items = try #require(family["items"] as? [String: String])
        items["family-safe"] = nil
        items["family-nope"] = "؟"
        family["items"] = items
        instruments["belong-family"] = family
        object["instruments"] = instruments
        let pack = try TranslationPack.load(json: try JSONSerialization.data(withJSONObject: object))
        let problems = pack.problems(english: try Self.englishCatalog(), instruments: try BuiltInInstruments.load())
        #expect(problems.contains("missing page text 'survey.thanks.text'"))
        #expect(problems.contains { $0.hasPrefix("page text 'survey.page.progressOne' must use the placeholders [\"count\", \"number\"]") })
        #expect(problems.contains("'results.title' is not a survey page text"))
        #expect(problems.contains("belong-family: missing item 'family-safe'"))
        #expect(problems.contains("belong-family: no item 'family-nope'"))
        let refused = try Translations(catalogs: [try Self.englishCatalog(), Catalog(language: .french, entries: [:])], packs: [pack],
                                       instruments: try BuiltInInstruments.load())
        #expect(refused.packs.isEmpty && refused.refusedPacks[Self.arabic]?.isEmpty == false)
        #expect(refused.languages == Language.interface, "an incomplete pack is not offered")
        #expect(english.packs[Self.arabic] != nil)

        object["language"] = "fr"
        let french = try TranslationPack.load(json: try JSONSerialization.data(withJSONObject: object))
        #expect(french.problems(english: try Self.englishCatalog(), instruments: []).first?.contains("one of Belong's own languages") == true)
    }

    @Test("a district's folder adds a language and replaces a shipped one; a file that is not a pack is reported, not fatal")
    func districtFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("packs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var object = try #require(try JSONSerialization.jsonObject(with: Self.shippedPack()) as? [String: Any])
        object["language"] = "ur"
        try JSONSerialization.data(withJSONObject: object).write(to: folder.appendingPathComponent("ur.json"))
        try Data("not json".utf8).write(to: folder.appendingPathComponent("pa.json"))
        let translations = try Translations.bundled(packsIn: folder.path)
        #expect(translations.languages.map(\.code) == ["en", "fr", "ar", "ur"])
        #expect(translations.refusedPacks[Language(anyCode: "pa")!]?.first?.contains("pa.json could not be read") == true)
        #expect(Language(anyCode: "ur")!.isRightToLeft)
    }

    @Test("a family survey in Arabic: every page right to left with no text left untranslated, the switch among the wave's languages, answers kept as Arabic")
    func arabicSurvey() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, instrument: "belong-family", languages: [.english, .french, Self.arabic])
            let code = survey.codes[0]
            let browser = TestBrowser(client)
            let welcome = try await browser.get("/s/\(code)?lang=ar")
            #expect(welcome.status == .ok)
            #expect(welcome.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(welcome.text.contains("قبل أن تبدأ"))
            #expect(welcome.text.contains("hreflang=\"en\"") && welcome.text.contains("hreflang=\"fr\""))
            let api = try RespondAPITests.object(try await client.execute(uri: "/api/v1/respond/\(code)", method: .get))
            let items = try #require(api["items"] as? [[String: Any]])
            let labels = try #require((items.first?["choices"] as? [[String: Any]])?.last?["label"] as? [String: String])
            #expect(labels == ["en": "Strongly agree", "fr": "Tout à fait d’accord", "ar": "أوافق بشدة"], "\(labels)")
            try await SurveyHelpTests.answerAll(browser, code: code, lang: "ar", saysNo: false)
            let pages = try await (1...3).asyncMap { try await browser.get("/s/\(code)/\($0)?lang=ar") }
            #expect(pages.contains { $0.text.contains("أشعر بالترحيب في مدرسة طفلي.") })
            #expect(pages.contains { $0.text.contains("أوافق بشدة") })
            let review = try await browser.get("/s/\(code)/review?lang=ar")
            for page in [welcome, review] + pages where page.status == .ok {
                #expect(page.text.contains("dir=\"rtl\""))
                #expect(!page.text.contains("⟦"), "a text the pack does not give")
            }
            let sent = try await browser.post("/s/\(code)/submit?lang=ar", form: [("lang", "ar")])
            let thanks = try await browser.get(try #require(sent.location))
            #expect(thanks.text.contains("شكرًا لك!") && !thanks.text.contains("⟦"))
            let stored = try await database.read { db in try await db.select().column("language").from("survey_responses").all() }
            #expect(try stored.map { try $0.decode(column: "language", as: String?.self) } == ["ar"])
        }
    }

    @Test("the families who prefer Arabic get addresses that open in Arabic, when the wave offers it; a wave cannot offer a language its questionnaire lacks")
    func offeredToFamilies() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, instrument: "belong-family", languages: [.english, .french, Self.arabic],
                                                      familyLanguages: ["ar", "ar-EG", "pa"])
            try await database.write { db in try await db.delete(from: "code_issues").where("person_id", .isNot, SQLLiteral.null).run() }
            let team = try await SurveyWaveTests.signedIn(client, survey.base, .schoolTeam)
            try await team.get("/surveys/\(survey.wave.id.uuidString.lowercased())")
            let csv = try await team.post("/surveys/\(survey.wave.id.uuidString.lowercased())/codes.csv", form: [("school", survey.base.north.id.uuidString.lowercased())])
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.filter { $0.hasSuffix("?lang=ar") }.count == 2, "\(lines)")
            #expect(lines.contains { $0.contains(",pa,") && $0.contains("/s/") && !$0.contains("?lang=") }, "Punjabi is not offered: the default")

            // The new-survey form offers Arabic, naming what it covers, and refuses it for a form it does not translate.
            let principal = try await SurveyWaveTests.signedIn(client, survey.base, .schoolAdministrator)
            let form = try await principal.get("/surveys/new")
            #expect(form.text.contains("العربية (a translation: Belong: your family and your child"))
            let refused = try await principal.post("/surveys", form: SurveyWaveTests.newWaveForm(survey.base, extra: [("languages", "en"), ("languages", "ar")]))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("no translation in one of the languages chosen"))
        }
    }

    static func englishCatalog() throws -> Catalog {
        let folder = FixturePaths.repository.appendingPathComponent("Sources/BelongServer/Resources/locales/en")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try Catalog(language: .english, files: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    static func shippedPack() throws -> Data {
        let root = FixturePaths.repository.appendingPathComponent("Sources/BelongServer/Resources/translations/ar.json")
        return try Data(contentsOf: root)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
