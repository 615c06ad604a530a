import BelongCore
import Foundation
import Testing
@testable import BelongServer

/// The read model later features share: a school's measure across its waves, through the privacy filter.
@Suite("A school's measure across waves")
struct MeasureHistoryTests {
    static let index = Measure(instrumentId: "belong-student", audience: .students, subject: .index)

    @Test("the index at a school reads every wave of its questionnaire, oldest first, with the figures its results page shows")
    func indexAcrossWaves() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let results = try await ResultsFixture.make(on: database)
            let queries = try await AppServices(configuration: TestApp.configuration(), database: database).resultsQueries
            let history = try await queries.history(of: Self.index, at: results.base.north)
            #expect(history.map(\.wave.id) == [results.fall.id, results.spring.id])
            for reading in history {
                let plain = try await ResultsFixture.plainIndex(database, wave: reading.wave.id, school: results.base.north.id, layout: results.layout)
                let shown = try #require(reading.favourable.value)
                #expect(shown.count == plain.high && shown.n == plain.scored)
                let page = try await queries.school(reading.wave, school: results.base.north, grade: nil, includeOpenAnswers: false)
                #expect(page.figures.value?.index.value == shown)
            }
            let heard = try await queries.history(of: Measure(instrumentId: "belong-student", audience: .students, subject: .scale("heard")), at: results.base.north)
            #expect(heard.count == 2 && heard.allSatisfy { $0.favourable.isShown })
        }
    }

    @Test("a group under the minimum gives its reason, never a figure; another audience or a missing item gives no reading")
    func privacyAndMismatch() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let results = try await ResultsFixture.make(on: database)
            let queries = try await AppServices(configuration: TestApp.configuration(), database: database).resultsQueries
            // South's grade 11 has 7 respondents in each wave.
            let small = try await queries.history(of: Self.index, at: results.base.south, grade: .grade11)
            #expect(small.count == 2)
            #expect(small.allSatisfy { !$0.favourable.isShown })
            let page = try await queries.school(results.spring, school: results.base.south, grade: .grade11, includeOpenAnswers: false)
            #expect(!page.figures.isShown)
            #expect(try await queries.history(of: Measure(instrumentId: "belong-student", audience: .staff, subject: .index), at: results.base.north).isEmpty)
            #expect(try await queries.history(of: Measure(instrumentId: "belong-student", audience: .students, subject: .item("no-such-item")),
                                              at: results.base.north).isEmpty)
        }
    }
}
