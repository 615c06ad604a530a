import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// Recommendations where a principal reads them: the demo's results page, the dashboard, "you said, we did" and the
/// API — each reason's numbers are figures the privacy filter shows, and the flow ends on the resource, tried and shortlisted.
@Suite("Recommendations from a school's results")
struct RecommendationPagesTests {
    /// The reasons on a page, each with the resource it is given for.
    static func recommendations(in html: String) -> [(resource: String, reasons: [String])] {
        guard let start = html.range(of: "id=\"recommendations\"") else { return [] }
        let section = html[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "</section>").map { section[..<$0.lowerBound] } ?? section
        return end.components(separatedBy: "<li class=\"resource-card\">").dropFirst().map { card in
            let resource = card.range(of: "href=\"/library/").map { String(card[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            let reasons = card.components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            return (resource, reasons)
        }
    }

    @Test("in the demo a principal sees recommendations with reasons from shown figures, follows one, tries it and shortlists it")
    func demoPrincipal() async throws {
        try await TestApp.run { client, database in
            let report = try await DemoSeeder(database: database, today: .init(iso: "2026-12-01")!, hasher: PasswordHasher(cost: 4)).run()
            let account = try #require(report.accounts.first { $0.role == .schoolAdministrator })
            let principal = TestBrowser(client)
            #expect(try await principal.signIn(account.email, try #require(account.password)).location == "/dashboard")
            let schools = try await OrganizationStore(database: database).all()
            let maple = try #require(schools.first { $0.name.hasPrefix("Maple Grove") })
            let waves = try await SurveyStore(database: database).list(schools: [maple.id])
            let wave = try #require(waves.filter { $0.state == .closed && $0.respondents.kind == "students" }.max { $0.closesAt < $1.closesAt })

            let page = try await principal.get("/results/\(wave.id.pathSegment)/schools/\(maple.id.pathSegment)?lang=en")
            #expect(page.status == .ok)
            let shown = Self.recommendations(in: page.text)
            #expect(!shown.isEmpty, "the demo's results have a clear weakest area")

            // Every number a reason gives is a figure the engine's privacy filter shows for Maple Grove in one of its waves.
            let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                       minimumGroupSize: 10)
            let levels = try await engine.schoolLevels()
            let t = LibraryPagesTests.localizer(.english)
            var figures: Set<String> = []
            for reading in waves where reading.state == .closed {
                let results = try await engine.results(for: reading).results
                for key in [GroupKey.school(maple.id, level: levels[maple.id] ?? .combined), GroupKey()] {
                    guard let group = results.figures(key).value else { continue }
                    let estimates = group.scales.compactMap(\.favourable.value) + group.items.filter { $0.id == "trusted-adult" }.compactMap(\.favourable.value)
                    for estimate in estimates {
                        figures.insert(ResultsText.percent(estimate.value!, t))
                        if let interval = estimate.interval { figures.insert("(\(ResultsText.percentRange(interval, t)))") }
                    }
                    // n is the people a figure is about, as the results page's Respondents column says.
                    for n in group.scales.compactMap(\.mean.value?.n) + group.items.filter({ $0.id == "trusted-adult" }).compactMap(\.favourable.value?.n) {
                        figures.insert("n = \(t.number(n))")
                    }
                }
            }
            // Maple Grove's completed fall self-assessment names its weakest strategies, with the scorecard's own percent.
            let assessed = try #require(try await AssessmentStore(database: database, now: { Date() }).latestCompleted(schools: [maple.id])[maple.id])
            let card = Scorecard(rubric: Rubric.builtIn, consensus: assessed.1)
            let weakStrategies = StrategyWeakness.of(card)
            #expect(!weakStrategies.isEmpty, "the demo's self-assessment has a weakest strategy")
            let strategyReasons = weakStrategies.map { weak in
                LibraryText.reason(weak, assessment: assessed.0.title, t).replacingOccurrences(of: "because", with: "Because")
            }
            #expect(shown.contains { $0.reasons.contains { strategyReasons.contains($0) } }, "a resource answers the weakest strategy")
            let library = try Library.builtIn()
            for (resource, all) in shown {
                #expect(!all.isEmpty, "\(resource) has a reason")
                let reasons = all.filter { !$0.hasPrefix("Because your self-assessment") }
                for reason in all where reason.hasPrefix("Because your self-assessment") {
                    #expect(strategyReasons.contains(reason), "\(reason)")
                    let strategy = try #require(weakStrategies.first { reason.contains(t("about.strategy.\($0.strategy.rawValue).name")) })
                    if let served = library[resource] { #expect(served.strategies.contains(strategy.strategy), "\(resource) serves the strategy its reason names") }
                }
                for reason in reasons {
                    #expect(reason.hasPrefix("Because "), "\(reason)")
                    let numbers = reason.matches(of: /\(\d+–\d+%\)|\d+%|n = \d{1,3}(?:,\d{3})*/).map { String($0.output) }
                    #expect(numbers.count >= 3, "\(reason)")
                    for number in numbers { #expect(figures.contains(number), "\(number) in “\(reason)” is not a shown figure") }
                }
                if let served = library[resource] {
                    let words = served.measures.map { t("library.measure.\($0)") }
                    #expect(reasons.allSatisfy { reason in words.contains { reason.contains($0) } }, "\(resource) serves what its reason names")
                }
            }

            // The API gives the same resources in the same order, with the same words.
            try await principal.get("/dashboard")
            let userId = try #require(try await AccountStore(database: database).credentials(email: account.email)?.account.id)
            let token = try await TokenStore(database: database).create(name: "test", userId: userId, districtId: try #require(maple.districtId),
                                                                        canWrite: false, createdBy: userId).secret
            let api = try await principal.get("/api/v1/schools/\(maple.id.pathSegment)/recommendations?lang=en", headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let decoded = try decoder.decode(API.Recommendations.self, from: Data(api.text.utf8))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
            #expect(APITests.conforms(object, to: "Recommendations", in: try APITests.document()).isEmpty, "strategy reasons as documented")
            #expect(decoded.hadFigures)
            // The dashboard and the API read the latest wave of each audience; the results page this wave: both start from the same figures here.
            #expect(decoded.recommendations.flatMap { $0.because.map(\.text) }.allSatisfy { $0.hasPrefix("because ") })
            let fromStrategies = decoded.recommendations.flatMap(\.strategyReasons)
            #expect(!fromStrategies.isEmpty && fromStrategies.allSatisfy { $0.assessmentId == assessed.0.id })
            #expect(fromStrategies.allSatisfy { reason in weakStrategies.contains { $0.strategy == reason.strategy && abs($0.percent - reason.percent) < 1e-9 } })
            #expect(decoded.recommendations.allSatisfy { item in item.strategyReasons.allSatisfy { item.resource.resource.strategies.contains($0.strategy) } })

            let dashboard = try await principal.get("/dashboard?lang=en")
            #expect(dashboard.text.contains("Recommended for Maple Grove"))
            let youSaid = try await principal.get("/results/\(wave.id.pathSegment)/schools/\(maple.id.pathSegment)/you-said?lang=fr")
            #expect(youSaid.text.contains("Recommandé pour Maple Grove") && youSaid.text.contains("recommendations screen-only"))
            let printed = try await principal.get("/results/\(wave.id.pathSegment)/schools/\(maple.id.pathSegment)/report?lang=en")
            #expect(!printed.text.contains("id=\"recommendations\""), "the print report keeps to the results")

            // Followed to its resource, tried and shortlisted.
            let first = try #require(shown.first?.resource)
            let resource = try await principal.get("/library/\(first)?lang=en")
            #expect(resource.status == .ok && resource.text.contains("We tried this at Maple Grove"))
            #expect(try await principal.post("/schools/\(maple.id.pathSegment)/tried", form: [("resource", first), ("rating", "4")]).status == .seeOther)
            #expect(try await principal.post("/schools/\(maple.id.pathSegment)/shortlist", form: [("resource", first), ("action", "add")]).status == .seeOther)
            let list = try await principal.get("/schools/\(maple.id.pathSegment)/shortlist?lang=en")
            #expect(list.text.contains("/library/\(first)"))
            #expect(list.text.contains("/library/two-by-ten"), "the demo's own shortlist is there too")
        }
    }

    @Test("with every figure withheld there is nothing to weigh: no reason, and the page says why")
    func allWithheld() async throws {
        try await TestApp.run(configure: { $0.minimumGroupSize = 1_000 }) { client, database in
            let fixture = try await ResultsFixture.make(on: database)
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.base.emails[.schoolAdministrator]!, Fixture.password)
            let page = try await principal.get("/results/\(fixture.spring.id.pathSegment)/schools/\(fixture.base.north.id.pathSegment)?lang=en")
            #expect(page.status == .ok)
            #expect(page.text.contains("Recommendations appear once a wave’s results are shown or a self-assessment is completed."))
            #expect(Self.recommendations(in: page.text).isEmpty)
            #expect(!page.text.contains("n = "), "no figure is named")
        }
    }
}
