import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// Where a student can get help now: the school's own words and the district's helpline, at the end of
/// every survey and before sending when a student says no adult at school would listen.
@Suite("Where to get help")
struct SurveyHelpTests {
    /// Answers every page kindly, except "No" to the trusted-adult question when `saysNo`.
    static func answerAll(_ browser: TestBrowser, code: String, lang: String, saysNo: Bool) async throws {
        var page = 1
        while true {
            let shown = try await browser.get("/s/\(code)/\(page)?lang=\(lang)")
            var form: [(String, String)] = RespondTests.radioNames(in: shown.text).map { name in
                let agree = shown.text.contains("name=\"\(name)\" value=\"4\"")
                return (name, agree ? "4" : saysNo ? "1" : "3")
            }
            form.append(("move", "next"))
            let sent = try await browser.post("/s/\(code)/\(page)?lang=\(lang)", form: form)
            if sent.location?.contains("/review") == true { return }
            page += 1
        }
    }

    @Test("a principal sets the school's message in both languages (markup stays text, audited); a student who says no adult would listen sees it with the helpline, and everyone sees it at the end")
    func helpShown() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let north = survey.base.north.id.uuidString.lowercased()
            let principal = try await SurveyWaveTests.signedIn(client, survey.base, .schoolAdministrator)
            let page = try await principal.get("/surveys")
            #expect(page.text.contains("Where students can get help") && page.text.contains("Kids Help Phone"))
            let saved = try await principal.post("/surveys/help", form: [
                ("school", north), ("text_en", "Talk to Ms. Tremblay in room 12 <script>alert(1)</script>"), ("text_fr", "Parle à Mme Tremblay, local 12."),
            ])
            #expect(saved.status == .seeOther)
            let after = try await principal.get(saved.location!)
            #expect(after.text.contains("The help message is saved."))
            #expect(after.text.contains("&lt;script&gt;") && !after.text.contains("<script>alert"), "typed markup stays text")
            #expect(try await AuditStore(database: database).events(.init(action: .helpMessageChanged)).total == 1)
            let tooLong = try await principal.post("/surveys/help", form: [("school", north), ("text_en", String(repeating: "a", count: 601)), ("text_fr", "")])
            #expect(tooLong.status == .badRequest)
            let staff = try await SurveyWaveTests.signedIn(client, survey.base, .staff)
            #expect(try await staff.post("/surveys/help", form: [("school", north), ("text_en", "x"), ("text_fr", "x")]).status == .forbidden)
            let otherSchool = survey.base.south.id.uuidString.lowercased()
            #expect(try await principal.post("/surveys/help", form: [("school", otherSchool), ("text_en", "x"), ("text_fr", "x")]).status == .forbidden)

            // "No" to the trusted adult: the review says where to get help before anything is sent.
            let student = TestBrowser(client)
            try await Self.answerAll(student, code: survey.codes[0], lang: "fr", saysNo: true)
            let review = try await student.get("/s/\(survey.codes[0])/review?lang=fr")
            #expect(review.text.contains("Parle à Mme Tremblay, local 12.") && review.text.contains("Jeunesse, J’écoute"))
            let sent = try await student.post("/s/\(survey.codes[0])/submit?lang=fr", form: [("lang", "fr")])
            let thanks = try await student.get(sent.location!)
            #expect(thanks.text.contains("Merci") && thanks.text.contains("Parle à Mme Tremblay, local 12.") && thanks.text.contains("686868"))

            // A student who has an adult: no card on the review, the card at the end.
            let other = TestBrowser(client)
            try await Self.answerAll(other, code: survey.codes[1], lang: "en", saysNo: false)
            let calm = try await other.get("/s/\(survey.codes[1])/review?lang=en")
            #expect(!calm.text.contains("help-card"))
            let done = try await other.get(try await other.post("/s/\(survey.codes[1])/submit?lang=en", form: [("lang", "en")]).location!)
            #expect(done.text.contains("Talk to Ms. Tremblay in room 12 &lt;script&gt;"))
        }
    }

    @Test("a district names its own helpline, or none")
    func helplineConfigured() throws {
        let own = try BelongConfiguration.resolve(environment: ["BELONG_HELPLINE_EN": "Call 811 any time.", "BELONG_HELPLINE_FR": "none"])
        #expect(own.helpline[.english] == "Call 811 any time.")
        #expect(own.helpline[.french] == nil)
        #expect(try BelongConfiguration.resolve(environment: [:]).helpline == BelongConfiguration.kidsHelpPhone)
        #expect(throws: ConfigurationError.self) { try BelongConfiguration.resolve(environment: ["BELONG_HELPLINE_EN": String(repeating: "x", count: 401)]) }
    }
}
