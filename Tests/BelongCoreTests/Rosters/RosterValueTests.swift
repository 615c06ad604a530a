import BelongCore
import Testing

@Suite("Grades and calendar dates")
struct RosterValueTests {
    @Test("OneRoster grade codes round-trip", arguments: Grade.allCases)
    func gradeCodes(grade: Grade) {
        #expect(Grade(code: grade.oneRosterCode) == grade)
    }

    @Test("plain CSV spellings of grades are understood", arguments: [
        ("K", Grade.kindergarten), ("KG", .kindergarten), ("3", .grade3), ("03", .grade3), ("Grade 7", .grade7), ("12", .grade12), ("PK", .preKindergarten),
    ])
    func gradeSpellings(text: String, grade: Grade) {
        #expect(Grade(code: text) == grade)
    }

    @Test("nonsense grades are refused", arguments: ["13", "0", "-1", "Grade", "first", ""])
    func badGrades(text: String) {
        #expect(Grade(code: text) == nil)
    }

    @Test("ISO dates are read; other spellings are refused")
    func isoDates() {
        #expect(CalendarDate(iso: "2026-09-01")?.description == "2026-09-01")
        #expect(CalendarDate(iso: "2023-05-01T00:00:00Z")?.description == "2023-05-01")
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "1/05/2023") == nil)
        #expect(CalendarDate(iso: "2023-5-1") == nil)
        #expect(CalendarDate(iso: "2023-13-01") == nil)
        #expect(CalendarDate(iso: "２０２３-01-01") == nil)
    }

    @Test("dates order by day")
    func ordering() {
        #expect(CalendarDate(iso: "2026-08-31")! < CalendarDate(iso: "2026-09-01")!)
        #expect(CalendarDate(iso: "2025-12-31")! < CalendarDate(iso: "2026-01-01")!)
    }

    @Test("a school year runs from August to July")
    func schoolYear() {
        #expect(DemoDistrict.schoolYear(containing: CalendarDate(iso: "2026-11-29")!) == 2027)
        #expect(DemoDistrict.schoolYear(containing: CalendarDate(iso: "2027-03-01")!) == 2027)
        #expect(DemoDistrict.schoolYear(containing: CalendarDate(iso: "2027-08-20")!) == 2028)
    }
}
