import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The first page after signing in answers at once how a school is doing and what needs doing,
/// from figures the results pages already show.
@Suite("Dashboard")
struct DashboardTests {
    static func bigFigure(_ html: String) -> String? {
        html.range(of: "class=\"big-figure\">[^<]+", options: .regularExpression).map { String(html[$0].dropFirst("class=\"big-figure\">".count)) }
    }

    @Test("a principal sees the latest index (the results page's), its change, the weakest feeling, and a clear difference from the rest of the district")
    func principal() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let principal = try await ResultsTests.signedIn(client, results.base, .schoolAdministrator)
            let dashboard = try await principal.get(SiteURL.dashboard.path)
            #expect(dashboard.status == .ok)
            let page = try await principal.get(ResultsTests.schoolPath(results.spring, results.base.north))
            #expect(dashboard.text.contains("Latest results: Spring check-in"))
            #expect(Self.bigFigure(dashboard.text) != nil && Self.bigFigure(dashboard.text) == Self.bigFigure(page.text), "the same index as the results page")
            #expect(dashboard.text.contains("Since Fall check-in:"))
            #expect(dashboard.text.contains("Lowest feeling:"))
            // Recomputed plainly: North against the rest of the district (South), Newcombe's interval.
            let north = try await ResultsFixture.plainIndex(database, wave: results.spring.id, school: results.base.north.id, layout: results.layout)
            let all = try await ResultsFixture.plainIndex(database, wave: results.spring.id, school: nil, layout: results.layout)
            let change = try #require(Change.between(ProportionEstimate(count: all.high - north.high, n: all.scored - north.scored),
                                                     ProportionEstimate(count: north.high, n: north.scored)))
            #expect(change.verdict == .improved, "the fixture's North answers more kindly")
            #expect(dashboard.text.contains("Clearly higher than in the rest of the district."))
            #expect(!dashboard.text.contains("rest of the district (") , "a verdict, not the district's own figure")
            let french = try await principal.get(SiteURL.dashboard.path + "?lang=fr")
            #expect(french.text.contains("Nettement plus élevé que dans le reste du district."))
            #expect(!french.text.contains(String(Localizer.missingMarker)))
        }
    }

    @Test("the district lead sees the schools whose index moved and, for an open wave, participation by school; the principal sees what needs doing")
    func district() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let admin = try await ResultsTests.signedIn(client, results.base, .districtAdministrator)
            let dashboard = try await admin.get(SiteURL.dashboard.path)
            #expect(dashboard.text.contains("Schools that moved since Fall check-in"))
            let before = try await ResultsFixture.plainIndex(database, wave: results.fall.id, school: results.base.north.id, layout: results.layout)
            let after = try await ResultsFixture.plainIndex(database, wave: results.spring.id, school: results.base.north.id, layout: results.layout)
            #expect(Change.between(ProportionEstimate(count: before.high, n: before.scored), ProportionEstimate(count: after.high, n: after.scored))?.verdict == .improved)
            #expect(dashboard.text.contains("North Elementary: +"), "North moved up")
            // An open wave closing in three days: participation by school, and a reminder.
            let now = Date()
            let open = SurveyWave(districtId: results.base.district.id, title: "Winter check-in", instrumentId: "belong-student", instrumentVersion: 1,
                                  respondents: .students(from: .grade4, to: .grade12), schoolIds: [results.base.north.id, results.base.south.id],
                                  opensAt: now.addingTimeInterval(-86_400), closesAt: now.addingTimeInterval(3 * 86_400), timeZone: "UTC", state: .open)
            try await SurveyStore(database: database).create(open, by: nil)
            let later = try await admin.get(SiteURL.dashboard.path)
            #expect(later.text.contains("Participation by school: Winter check-in"))
            #expect(later.text.contains("“Winter check-in” closes on"))
            let principal = try await ResultsTests.signedIn(client, results.base, .schoolAdministrator).get(SiteURL.dashboard.path)
            #expect(principal.text.contains("Surveys open now") && principal.text.contains("Results are still early"))
            let counts = try #require(try await ParticipationStore(database: database).participation(open, schools: [results.base.north.id]).first)
            let uncoded = counts.classes.filter { $0.count.eligible > 0 && $0.count.issued == 0 }.count
            #expect(principal.text.contains("no codes printed yet") == (uncoded > 0), "\(uncoded) classes without codes")
            let staff = try await ResultsTests.signedIn(client, results.base, .staff).get(SiteURL.dashboard.path)
            #expect(!staff.text.contains("no codes printed yet"), "staff do not print codes")
        }
    }
}
