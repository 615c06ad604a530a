import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The self-assessment as a school's team runs it: the principal starts it, each member rates on their own, the
/// facilitator sees where they differ and records the consensus, and the scorecard and the district's view follow.
@Suite("The self-assessment's pages")
struct SelfAssessmentPagesTests {
    let rubric = Rubric.builtIn

    /// A member's ratings for the whole rubric: `rating(index)` for each indicator in order, nil for "not yet".
    func ratings(prefix: String, _ rating: (Int) -> String?, note: (Int) -> String = { _ in "" }) -> [(String, String)] {
        rubric.indicators.enumerated().flatMap { index, indicator in
            [("\(prefix)\(indicator.id)", rating(index) ?? "none"), ("\(prefix == "r-" ? "n-" : "e-")\(indicator.id)", note(index))]
        }
    }

    func start(_ browser: TestBrowser, school: String, title: String = "Fall 2026") async throws -> String {
        _ = try await browser.get("/schools/\(school)/assessments")
        let started = try await browser.post("/schools/\(school)/assessments", form: [("title", title)])
        #expect(started.status == .seeOther)
        let location = try #require(started.headers[.location])
        return String(try #require(location.split(separator: "/").dropFirst(3).first))
    }

    @Test("the principal starts one, two members rate apart, the consensus page leads with their disagreement, and the scorecard scores what was agreed")
    func wholeRound() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let north = fixture.north.id.pathSegment
            let principal = TestBrowser(client), teacher = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            try await teacher.signIn(fixture.emails[.staff]!, Fixture.password)
            let id = try await start(principal, school: north)
            #expect(try await start(principal, school: north) == id, "a double submit goes to the round it started")
            #expect(try await AssessmentStore(database: database).list(school: fixture.north.id).count == 1)
            let base = "/schools/\(north)/assessments/\(id)"

            // The principal rates every indicator 3; the teacher says 0 for the first, N/A for the second, 3 for the rest.
            _ = try await principal.get("\(base)/rate")
            #expect(try await principal.post("\(base)/rate", form: ratings(prefix: "r-", { _ in "3" })).status == .seeOther)
            let form = try await teacher.get("\(base)/rate?lang=fr")
            #expect(form.status == .ok && form.text.contains("Pleinement en place") && form.text.contains(rubric.indicators[0].text(in: .french)))
            let hostile = "<script>alert(1)</script>"
            #expect(try await teacher.post("\(base)/rate", form: ratings(prefix: "r-", { $0 == 0 ? "0" : $0 == 1 ? "na" : "3" },
                                                                       note: { $0 == 0 ? hostile : "" })).status == .seeOther)
            let mine = try await teacher.get("\(base)/rate")
            #expect(mine.text.contains("Your ratings are saved") || mine.status == .ok)

            let consensus = try await principal.get("\(base)/consensus")
            #expect(consensus.status == .ok)
            #expect(consensus.text.contains("2 members have rated"))
            #expect(!consensus.text.contains(hostile) && consensus.text.contains("&lt;script&gt;"), "a member's note is text, never markup")
            let first = try #require(consensus.text.range(of: "Members are 3 points apart."))
            let second = try #require(consensus.text.range(of: "Some say it does not apply."))
            #expect(first.lowerBound < second.lowerBound, "the widest disagreement comes first")
            #expect(consensus.text.contains("staff: 0 · Not in place"))

            // Agreed: 1 for the first indicator (an opportunity), N/A for the second, 2 for the rest of strategy 1, nothing else yet.
            let learning = rubric.sections[0].indicators.count
            let decided = ratings(prefix: "c-", { $0 == 0 ? "1" : $0 == 1 ? "na" : $0 < learning ? "2" : nil }, note: { $0 == 0 ? "Two workshops last year" : "" })
            #expect(try await principal.post("\(base)/consensus", form: decided + [("action", "complete")]).status == .seeOther)
            let card = try await principal.get(base)
            #expect(card.status == .ok)
            // Strategy 1: 1 + 2 + 2 + 2 = 7 points over 4 rated indicators: 7 / 12 = 58%.
            #expect(card.text.contains("58%"), "\(card.text)")
            #expect(card.text.contains("1 · 4, 1 N/A") || card.text.contains("4, 1 N/A"))
            #expect(card.text.contains("Not scored"), "strategies with nothing agreed have no score, not 0%")
            #expect(card.text.contains("they are not a measure of its success"))
            #expect(card.text.contains("Evidence: Two workshops last year"))
            #expect(try await teacher.post("\(base)/rate", form: ratings(prefix: "r-", { _ in "2" })).status == .conflict, "a completed assessment keeps its ratings")

            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .assessmentStarted)).total == 1)
            #expect(try await audit.events(.init(action: .assessmentRated)).total == 2)
            #expect(try await audit.events(.init(action: .assessmentCompleted)).total == 1)

            // The district's view: North's score for the first strategy, South without one.
            let district = TestBrowser(client)
            try await district.signIn(fixture.emails[.districtAdministrator]!, Fixture.password)
            let side = try await district.get("/district/assessments")
            #expect(side.status == .ok && side.text.contains("1 of 2 schools have one") && side.text.contains("58%"))
            #expect(side.text.contains("No completed self-assessment yet."))

            // Every page whole in both languages, for the people who open it.
            for (browser, path) in [(principal, "/schools/\(north)/assessments"), (principal, "\(base)/consensus"), (principal, base), (district, "/district/assessments")] {
                for language in ["en", "fr"] {
                    let page = try await browser.get("\(path)?lang=\(language)")
                    #expect(page.status == .ok && !page.text.contains("⟦"), "\(path) in \(language): \(EveryPageTests.missing(in: page.text))")
                }
            }
            let spring = try await start(principal, school: north, title: "Spring 2027")
            for language in ["en", "fr"] {
                let page = try await teacher.get("/schools/\(north)/assessments/\(spring)/rate?lang=\(language)")
                #expect(page.status == .ok && !page.text.contains("⟦"), "rate in \(language): \(EveryPageTests.missing(in: page.text))")
            }
        }
    }

    @Test("who may do what: staff rate but do not facilitate, analysts read but do not rate, another school's people are refused")
    func roles() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let north = fixture.north.id.pathSegment, south = fixture.south.id.pathSegment
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            let id = try await start(principal, school: north)
            let base = "/schools/\(north)/assessments/\(id)"
            let expected: [Role: (list: HTTPResponse.Status, rate: HTTPResponse.Status, consensus: HTTPResponse.Status, card: HTTPResponse.Status, district: HTTPResponse.Status)] = [
                .schoolAdministrator: (.ok, .ok, .ok, .ok, .forbidden),
                .schoolTeam: (.ok, .ok, .ok, .ok, .forbidden),
                .staff: (.ok, .ok, .forbidden, .ok, .forbidden),
                .analyst: (.ok, .forbidden, .forbidden, .ok, .ok),
                .districtAdministrator: (.ok, .forbidden, .ok, .ok, .ok),
            ]
            for (role, statuses) in expected {
                let browser = TestBrowser(client)
                try await browser.signIn(fixture.emails[role]!, Fixture.password)
                #expect(try await browser.get("/schools/\(north)/assessments").status == statuses.list, "\(role) list")
                #expect(try await browser.get("\(base)/rate").status == statuses.rate, "\(role) rate")
                #expect(try await browser.get("\(base)/consensus").status == statuses.consensus, "\(role) consensus")
                #expect(try await browser.get(base).status == statuses.card, "\(role) scorecard")
                #expect(try await browser.get("/district/assessments").status == statuses.district, "\(role) district")
                if !role.isDistrictWide {
                    #expect(try await browser.get("/schools/\(south)/assessments").status == .forbidden, "\(role) at another school")
                    #expect(try await browser.get("/schools/\(south)/assessments/\(id)").status == .forbidden, "\(role) another school's path")
                }
            }
            #expect(try await principal.get("/schools/\(north)/assessments/\(UUID().uuidString.lowercased())").status == .notFound)
            let anonymous = TestBrowser(client)
            #expect(try await anonymous.get(base).status == .seeOther, "sign in first")
            let staff = TestBrowser(client)
            try await staff.signIn(fixture.emails[.staff]!, Fixture.password)
            _ = try await staff.get("/schools/\(north)/assessments")
            #expect(try await staff.post("/schools/\(north)/assessments", form: [("title", "Mine")]).status == .forbidden)
            #expect(try await staff.post("\(base)/consensus", form: [("action", "complete")]).status == .forbidden)
        }
    }

    @Test("bad input: a rating off the scale is refused and nothing saved; a note too long comes back with everything typed; an empty name is refused")
    func badInput() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let north = fixture.north.id.pathSegment
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            let id = try await start(principal, school: north)
            let base = "/schools/\(north)/assessments/\(id)"
            _ = try await principal.get("\(base)/rate")
            let forged = try await principal.post("\(base)/rate", form: ratings(prefix: "r-", { $0 == 3 ? "7" : "2" }))
            #expect(forged.status == .badRequest && forged.text.contains("A rating is 3, 2, 1, 0 or N/A"))
            let store = AssessmentStore(database: database)
            #expect(try await store.ratings(try #require(UUID(uuidString: id))).isEmpty)
            _ = try await principal.get("\(base)/rate")
            let long = try await principal.post("\(base)/rate", form: ratings(prefix: "r-", { _ in "2" }, note: { $0 == 4 ? String(repeating: "é", count: 1_001) : "kept \($0)" }))
            #expect(long.status == .unprocessableContent && long.text.contains("A note has at most 1,000 characters"))
            #expect(long.text.contains("kept 7") && long.text.contains("value=\"2\" checked") || long.text.contains("checked value=\"2\""), "what was typed is still there")
            #expect(try await store.ratings(try #require(UUID(uuidString: id))).isEmpty)
            _ = try await principal.get("/schools/\(north)/assessments")
            #expect(try await principal.post("/schools/\(north)/assessments", form: [("title", "  ")]).status == .badRequest)
            #expect(try await principal.post("/schools/\(north)/assessments", form: [("title", String(repeating: "x", count: 121))]).status == .badRequest)
            let list = try await principal.get("/schools/\(north)/assessments?lang=fr")
            #expect(list.status == .ok && list.text.contains("Fall 2026") && list.text.contains("En cours"))
        }
    }
}
