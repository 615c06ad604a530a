import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("A wave's dates in words")
struct SurveyTextTests {
    let english = PageSnapshots.translations.localizer(for: .english)
    let french = PageSnapshots.translations.localizer(for: .french)

    @Test("French writes the first of the month as an ordinal, and every other day as a number")
    func firstOfMonth() throws {
        #expect(SurveyText.day(try #require(CalendarDate(iso: "2026-10-01")), french) == "1er octobre 2026")
        #expect(SurveyText.day(try #require(CalendarDate(iso: "2026-10-11")), french) == "11 octobre 2026")
        #expect(SurveyText.day(try #require(CalendarDate(iso: "2026-10-01")), english) == "October 1, 2026")
        let first = try #require(ISO8601DateFormatter().date(from: "2026-12-01T19:30:00Z"))
        #expect(SurveyText.moment(first, timeZone: "America/Toronto", french).hasPrefix("1er décembre 2026"))
    }
}
