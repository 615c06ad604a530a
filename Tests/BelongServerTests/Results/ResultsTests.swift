import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// Reading results: who may read what, figures that equal the data, small groups that stay hidden
/// on the page and in every export, and change between waves.
@Suite("Results pages")
struct ResultsTests {
    static func signedIn(_ client: any TestClientProtocol, _ fixture: Fixture, _ role: Role) async throws -> TestBrowser {
        let browser = TestBrowser(client)
        try await browser.signIn(fixture.emails[role]!, Fixture.password)
        return browser
    }

    static func schoolPath(_ wave: SurveyWave, _ school: Organization) -> String {
        SiteURL.schoolResults(wave: wave.id, school: school.id).path
    }

    /// The text of one table row, tags removed.
    static func row(_ html: String, startingWith label: String) -> String? {
        guard let start = html.range(of: "<th scope=\"row\">\(label)</th>") else { return nil }
        let end = html[start.upperBound...].range(of: "</tr>")?.lowerBound ?? html.endIndex
        return String(html[start.lowerBound..<end]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }

    @Test("a principal reads the school's index, equal to a plain recomputation from the stored answers, and its change since fall")
    func principalPage() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator)
            let page = try await principal.get(Self.schoolPath(results.spring, results.base.north))
            #expect(page.status == .ok)
            let plain = try await ResultsFixture.plainIndex(database, wave: results.spring.id, school: results.base.north.id, layout: results.layout)
            let percent = Int((Double(plain.high) / Double(plain.scored) * 100).rounded())
            #expect(page.text.contains("class=\"big-figure\">\(percent)% <span"), "index \(percent)% from \(plain.high)/\(plain.scored)")
            #expect(page.text.contains("Respondents</dt><dd>50</dd>"))
            #expect(page.text.contains("Compared with</dt><dd>Fall check-in</dd>"))
            #expect(page.text.contains("improved"), "North's spring answers are a point kinder than fall's")
            #expect(page.text.contains("<svg") && page.text.contains("role=\"img\""), "charts are drawn on the server")
            #expect(!page.text.contains("⟦"))
        }
    }

    @Test("small groups say 'fewer than 10' on the page and in the CSV, their complement says it is withheld to protect them; exports are audited and formula-safe")
    func suppressionEverywhere() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator)
            let page = try await principal.get(Self.schoolPath(results.spring, results.base.north)).text
            // Grade 5 has classes of 20 and 3: the 3 are hidden, so the 20 must be too (grade 5 − 5A = 5B).
            #expect(Self.row(page, startingWith: "=5B")?.contains("fewer than 10") == true)
            #expect(Self.row(page, startingWith: "5A")?.contains("withheld so a smaller group cannot be worked out") == true,
                    "the complement of a hidden class is hidden, and says why")
            #expect(Self.row(page, startingWith: "5A")?.contains("fewer than 10") == false, "20 students are not 'fewer than 10'")
            #expect(Self.row(page, startingWith: "4A")?.contains("15") == true)

            let csv = try await principal.get(SiteURL.schoolResultsTable(wave: results.spring.id, school: results.base.north.id, table: "classes").path)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("'=5B,fewer than 10") }, "a cell starting with = is neutralised")
            #expect(lines.contains { $0.hasPrefix("5A,withheld so a smaller group cannot be worked out") }, "the CSV hides what the page hides, and says why")
            #expect(!csv.text.contains(",20,"), "no count of a hidden class leaks into the file")
            let exports = try await AuditStore(database: database).events(.init(organizations: [results.base.north.id])).events.filter { $0.action == .exported }
            #expect(exports.count == 1 && exports.first?.detail == "classes.csv")

            #expect(try await principal.get(SiteURL.schoolResultsTable(wave: results.spring.id, school: results.base.north.id, table: "secret").path).status == .notFound)
            #expect(try await principal.get(Self.schoolPath(results.spring, results.base.north) + "?grade=abc").status == .badRequest)
        }
    }

    @Test("every role reads only its own school's results; the district's roles read both and compare schools", arguments: Role.allCases)
    func access(role: Role) async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let browser = try await Self.signedIn(client, results.base, role)
            let north = try await browser.get(Self.schoolPath(results.spring, results.base.north))
            let south = try await browser.get(Self.schoolPath(results.spring, results.base.south))
            let district = try await browser.get(SiteURL.waveResults(results.spring.id).path)
            #expect(north.status == .ok)
            #expect(south.status == (role.isDistrictWide ? .ok : .forbidden))
            #expect(district.status == (role.isDistrictWide ? .ok : .seeOther))
            let readsOpenAnswers = role == .schoolAdministrator || role == .schoolTeam
            #expect(north.text.contains("In their own words") == readsOpenAnswers, "open answers are for the school team only")
            #expect(try await browser.get(SiteURL.waveResultsTable(wave: results.spring.id, table: "schools").path).status == (role.isDistrictWide ? .ok : .forbidden))
        }
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            #expect(try await TestBrowser(client).get(Self.schoolPath(results.spring, results.base.north)).status == .seeOther, "signed out: to the sign-in page")
        }
    }

    /// A closed wave at North with one open question of its own and twelve responses, the first ones with the open answers given.
    static func waveWithOpenAnswers(_ results: ResultsFixture, _ database: Database, _ texts: [[String: String]]) async throws -> SurveyWave {
        let instrument = try #require(try BuiltInInstruments.load().first { $0.id == "belong-student" })
        let extra = Instrument.Item(id: "custom-1", scale: nil, response: .openText,
                                    text: ["en": "What would make lunch better?", "fr": "Qu’est-ce qui rendrait le dîner meilleur?"])
        var wave = SurveyWave(districtId: results.base.district.id, title: "Winter pulse", instrumentId: "belong-student", instrumentVersion: 1,
                              respondents: .students(from: .grade4, to: .grade12), schoolIds: [results.base.north.id],
                              opensAt: Date().addingTimeInterval(-30 * 86_400), closesAt: Date().addingTimeInterval(-20 * 86_400),
                              timeZone: "America/Toronto", state: .closed)
        wave.customItems = [extra]
        try await SurveyStore(database: database).create(wave, by: nil)
        let layout = ResultsLayout(instrument: instrument, wave: wave)
        let rows = (0..<12).map { index in
            StoredResponse(id: UUID(), waveId: wave.id, schoolId: results.base.north.id, grade: .grade4, classId: results.classes["4A"],
                           kind: "students", language: .english, day: "2026-11-10", answers: layout.items.map { $0.response == .openText ? 0 : 3 },
                           texts: index < texts.count ? texts[index] : [:], adults: [], studentId: nil)
        }
        try await ResultsFixture.insert(rows, on: database)
        return wave
    }

    @Test("answers to a wave's own open questions are shown to the school team beside the instrument's, and to no one else")
    func customOpenAnswers() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let wave = try await Self.waveWithOpenAnswers(results, database, (0..<3).map { ["custom-1": "A quiet room \($0)", "open-connect": "More clubs \($0)"] })
            for role in Role.allCases where !role.isDistrictWide {
                let page = try await Self.signedIn(client, results.base, role).get(Self.schoolPath(wave, results.base.north))
                #expect(page.status == .ok)
                let team = role == .schoolAdministrator || role == .schoolTeam
                #expect(page.text.contains("What would make lunch better?") == team, "\(role)")
                #expect(page.text.contains("A quiet room 2") == team, "\(role): the wave's own open answers")
                #expect(page.text.contains("More clubs 2") == team, "\(role): the instrument's open answers")
            }
        }
    }

    @Test("open answers naming someone on the roster or giving an email or phone are flagged; the team hides one from every view, audited")
    func flaggedOpenAnswers() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let wave = try await Self.waveWithOpenAnswers(results, database, [
                ["custom-1": "Amara Okafor sits alone"], ["custom-1": "text me at 604-555-0123"], ["custom-1": "mail quokka@example.com"],
                ["custom-1": "Liang Zhou is at another school"], ["custom-1": "Longer lunch"],
            ])
            let team = try await Self.signedIn(client, results.base, .schoolTeam)
            let page = try await team.get(Self.schoolPath(wave, results.base.north))
            func item(_ text: String, in html: String) -> String? {
                guard let range = html.range(of: text) else { return nil }
                let start = html[..<range.lowerBound].range(of: "<li", options: .backwards)!.lowerBound
                let end = html[range.upperBound...].range(of: "</li>")!.upperBound
                return String(html[start..<end])
            }
            #expect(item("Amara Okafor", in: page.text)?.contains("a name on the school") == true)
            #expect(item("604-555-0123", in: page.text)?.contains("a phone number") == true)
            #expect(item("quokka@example.com", in: page.text)?.contains("an email address") == true)
            #expect(item("Liang Zhou", in: page.text)?.contains("Check before sharing") == false, "a name from another school's roster is not this school's")
            #expect(item("Longer lunch", in: page.text)?.contains("Check before sharing") == false)

            let block = try #require(item("Amara Okafor", in: page.text))
            let key = try #require(TestBrowser.hiddenValue(named: "answer", in: block))
            let hidden = try await team.post(SiteURL.hideOpenAnswer(wave: wave.id, school: results.base.north.id).path, form: [("answer", key)])
            #expect(hidden.status == .seeOther)
            let after = try await team.get(hidden.location!)
            #expect(after.text.contains("hidden from every view"))
            #expect(!after.text.contains("Amara Okafor"))
            let report = try await team.get(SiteURL.schoolReport(wave: wave.id, school: results.base.north.id).path + "?part=open")
            #expect(!report.text.contains("Amara Okafor") && report.text.contains("Longer lunch"), "gone from the report too")
            #expect(!report.text.contains("Hide this answer"), "the print report has no hide buttons")
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator).get(Self.schoolPath(wave, results.base.north))
            #expect(!principal.text.contains("Amara Okafor"), "hidden for everyone")
            let events = try await AuditStore(database: database).events(.init(action: .openAnswerHidden)).events
            #expect(events.count == 1 && events.first?.detail == "an answer to custom-1" && events.first?.organizationId == results.base.north.id)
            let detail = events.first?.detail ?? ""
            #expect(detail.range(of: "Amara") == nil, "the audit log does not copy the answer")

            // A key from elsewhere, a made-up key, or a reader who may not see open answers: nothing is hidden.
            let again = try await team.post(SiteURL.hideOpenAnswer(wave: wave.id, school: results.base.north.id).path, form: [("answer", key)])
            #expect(again.status == .notFound)
            #expect(try await team.post(SiteURL.hideOpenAnswer(wave: wave.id, school: results.base.north.id).path, form: [("answer", "'><b>x")]).status == .notFound)
            let staff = try await Self.signedIn(client, results.base, .staff)
            try await staff.get(Self.schoolPath(wave, results.base.north))
            let phoneBlock = try #require(item("604-555-0123", in: after.text))
            let phoneKey = try #require(TestBrowser.hiddenValue(named: "answer", in: phoneBlock))
            #expect(try await staff.post(SiteURL.hideOpenAnswer(wave: wave.id, school: results.base.north.id).path, form: [("answer", phoneKey)]).status == .forbidden)
            #expect(try await AuditStore(database: database).events(.init(action: .openAnswerHidden)).total == 1)
        }
    }

    @Test("the district compares schools with small groups hidden, filters by level and grade, and refuses a made-up filter")
    func district() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let admin = try await Self.signedIn(client, results.base, .districtAdministrator)
            let page = try await admin.get(SiteURL.waveResults(results.spring.id).path)
            #expect(page.status == .ok)
            #expect(Self.row(page.text, startingWith: "North Elementary")?.contains("50") == true)
            #expect(Self.row(page.text, startingWith: "South Secondary")?.contains("32") == true)
            #expect(Self.row(page.text, startingWith: "Grade 11")?.contains("fewer than 10") == true)
            #expect(page.text.contains("Over time"), "two waves make a trend")
            // The trusted-adult share sits beside each school, the same figure its own page shows.
            #expect(page.text.contains(">Trusted adult</th>"))
            let school = try await admin.get(Self.schoolPath(results.spring, results.base.north))
            let trusted = try #require(school.text.range(of: "id=\"trusted-adult\"").flatMap { start in
                school.text[start.upperBound...].range(of: "class=\"big-figure\">([^< ]+)", options: .regularExpression)
            }.map { String(school.text[$0].dropFirst("class=\"big-figure\">".count)) })
            #expect(Self.row(page.text, startingWith: "North Elementary")?.contains(trusted) == true, "\(trusted)")
            let grade11 = try await admin.get(SiteURL.waveResults(results.spring.id).path + "?grade=11")
            #expect(grade11.status == .ok)
            #expect(grade11.text.contains("Fewer than 10 people answered in this group"))
            let high = try await admin.get(SiteURL.waveResults(results.spring.id).path + "?level=high")
            #expect(Self.row(high.text, startingWith: "South Secondary") != nil && Self.row(high.text, startingWith: "North Elementary") == nil)
            #expect(try await admin.get(SiteURL.waveResults(results.spring.id).path + "?level=university").status == .badRequest)
        }
    }

    @Test("an open wave's figures move only by releases: a response another server took waits, and a release another server made counts at the next look")
    func catchesUp() async throws {
        try await TestDatabase.withEmpty { database in
            try await Migrator(database: database, logger: TestDatabase.logger).migrate()
            let results = try await ResultsFixture.make(on: database)
            let engine = { ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                         releaseEvery: 0) }
            let (mine, other) = (try engine(), try engine())
            let open = { var wave = results.spring; wave.state = .open; return wave }()
            let first = try await mine.results(for: open)
            // Figures read into locals first: read through a large result inside #expect, the debug build gave garbage.
            let firstNumber = first.release?.number
            #expect(firstNumber == 1, "the first look releases what can go out")
            let before = try #require(first.results.summary(.all)?.respondents)
            // Groups too small to show keep their responses until they can be shown with them (or the wave closes).
            let held = first.waiting
            let waitingInDatabase = try await ResultsFixture.waiting(database, wave: open.id)
            #expect(before == first.answers.count && held == waitingInDatabase)
            func store(_ count: Int) async throws {
                try await database.write { db in
                    try await db.insertRows(into: "survey_responses", columns: ResponseWriter.columns, rows: (0..<count).map { _ in [
                        SQLBind(UUID()), SQLBind(open.id), SQLBind(results.base.north.id), SQLBind(4), SQLBind(results.classes["4A"]!), SQLBind("students"),
                        SQLBind("en"), SQLBind("2026-04-21"), SQLBind(Data([UInt8](repeating: 5, count: 19))), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null,
                    ] })
                }
            }
            // Another instance stores one response: the figures stay as released, and say one is waiting.
            try await store(1)
            let one = try await mine.results(for: open)
            #expect(one.results.summary(.all)?.respondents == before)
            let (oneWaiting, oneNumber) = (one.waiting, one.release?.number)
            #expect(oneWaiting == held + 1 && oneNumber == 1)
            // Twelve more in the same class: the other instance releases the thirteen, and this one shows them at its next look.
            try await store(12)
            let otherNumber = try await other.results(for: open).release?.number
            #expect(otherNumber == 2)
            let later = try await mine.results(for: open)
            let laterNumber = later.release?.number
            #expect(laterNumber == 2)
            #expect(later.results.summary(.all)?.respondents == before + 13)
            let plain = try await ResultsFixture.plainIndex(database, wave: open.id, school: nil, layout: results.layout, releasedOnly: true)
            #expect(later.results.summary(.all)?.connectednessIndex == ProportionEstimate(count: plain.high, n: plain.scored))
        }
    }

    @Test("results read in French, with French numbers and no untranslated text")
    func french() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let admin = try await Self.signedIn(client, results.base, .districtAdministrator)
            for path in [Self.schoolPath(results.spring, results.base.north), SiteURL.waveResults(results.spring.id).path,
                         SiteURL.schoolReport(wave: results.spring.id, school: results.base.north.id).path,
                         SiteURL.youSaid(wave: results.spring.id, school: results.base.north.id).path, SiteURL.results.path] {
                let page = try await admin.get(path + "?lang=fr")
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("⟦"), "\(path)")
                #expect(page.text.contains("lang=\"fr\""))
            }
            let school = try await admin.get(Self.schoolPath(results.spring, results.base.north) + "?lang=fr")
            #expect(school.text.contains("Indice de connexion") && school.text.contains("\u{202F}%"))
        }
    }

    @Test("'You said, we did' speaks plainly to students and the print report carries the same figures")
    func youSaidAndReport() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator)
            let youSaid = try await principal.get(SiteURL.youSaid(wave: results.spring.id, school: results.base.north.id).path)
            #expect(youSaid.status == .ok)
            #expect(youSaid.text.contains("50 students answered"))
            #expect(youSaid.text.contains("in 10 feel safe at school"))
            let report = try await principal.get(SiteURL.schoolReport(wave: results.spring.id, school: results.base.north.id).path)
            let page = try await principal.get(Self.schoolPath(results.spring, results.base.north))
            let figure = { (html: String) in html.range(of: "class=\"big-figure\">[^<]+", options: .regularExpression).map { String(html[$0]) } }
            #expect(figure(report.text) != nil && figure(report.text) == figure(page.text))
            #expect(report.text.contains("class=\"results report\""))
        }
    }

    @Test("a school's page has its own trend: the index and the trusted adult in each wave, each the figure that wave's page shows")
    func schoolTrend() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator)
            let spring = try await principal.get(Self.schoolPath(results.spring, results.base.north))
            let fall = try await principal.get(Self.schoolPath(results.fall, results.base.north))
            #expect(spring.text.contains("id=\"trend\"") && spring.text.contains("id=\"trend-chart\""))
            #expect(!fall.text.contains("id=\"trend\""), "one wave is not a trend")
            let bigFigure = { (html: String) in html.range(of: "class=\"big-figure\">[^< ]+", options: .regularExpression).map { String(html[$0].dropFirst(19)) } }
            let row = try #require(Self.row(spring.text, startingWith: "Connectedness index"))
            let before = try #require(bigFigure(fall.text)), after = try #require(bigFigure(spring.text))
            #expect(row.contains(before) && row.contains(after), "\(row)")
            #expect(Self.row(spring.text, startingWith: "Trusted adult") != nil)
            let csv = try await principal.get(SiteURL.schoolResultsTable(wave: results.spring.id, school: results.base.north.id, table: "trend").path)
            #expect(csv.status == .ok && csv.text.contains("Fall check-in"))
        }
    }

    @Test("reliability is for the school team and analysts, closed on the page; the report is a summary, then the details the reader adds")
    func reliabilityAndReportParts() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let path = Self.schoolPath(results.spring, results.base.north)
            let csv = SiteURL.schoolResultsTable(wave: results.spring.id, school: results.base.north.id, table: "reliability").path
            for role in Role.allCases {
                let browser = try await Self.signedIn(client, results.base, role)
                let page = try await browser.get(path)
                let mayRead = role == .schoolTeam || role == .analyst
                #expect(page.text.contains("id=\"reliability\"") == mayRead, "\(role) reliability section")
                #expect(try await browser.get(csv).status == (mayRead ? .ok : .notFound), "\(role) reliability CSV")
                if mayRead {
                    #expect(page.text.contains("<details class=\"analysts\">"), "closed by default")
                }
            }
            let principal = try await Self.signedIn(client, results.base, .schoolAdministrator)
            let report = SiteURL.schoolReport(wave: results.spring.id, school: results.base.north.id).path
            let summary = try await principal.get(report)
            #expect(summary.text.contains("id=\"feelings-summary\"") && summary.text.contains("class=\"big-figure\""), "the summary: index and feelings")
            #expect(!summary.text.contains("id=\"items\"") && !summary.text.contains("id=\"grades\""), "no details unless chosen")
            #expect(summary.text.contains("name=\"part\" value=\"items\""), "the reader can add every question")
            let detailed = try await principal.get(report + "?part=items&part=grades&part=reliability")
            #expect(detailed.text.contains("id=\"items\"") && detailed.text.contains("id=\"grades\""))
            #expect(!detailed.text.contains("id=\"reliability\""), "a principal cannot add what they may not read")
            #expect(detailed.text.contains("value=\"items\" checked"))
        }
    }
}
