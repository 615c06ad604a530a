import BelongCore
import Testing

@Suite("Open answers that may identify someone are found")
struct PersonalDetailsTests {
    let screen = PersonalDetails(roster: [
        .init(given: "Zoë", family: "O’Neil", isStaff: false),
        .init(given: "Jean-Luc", family: "Tremblay", isStaff: false),
        .init(given: "Priya", family: "Patel", isStaff: true),
        .init(given: "Anne", family: "Roy", isStaff: true),
    ])

    @Test("a full name on the roster, however it is written", arguments: [
        "zoe o'neil pushed me", "ZOË O’NEIL", "Jean Luc Tremblay is never nice", "I like jean-luc tremblay", "Priya Patel helps",
    ])
    func fullNames(text: String) {
        #expect(screen.findings(in: text) == [.name])
    }

    @Test("a staff member's family name after a title, in English or French", arguments: [
        "Mr. Patel yells", "ask ms patel", "Mme Roy est gentille", "Madame Roy", "Dr Patel",
    ])
    func titles(text: String) {
        #expect(screen.findings(in: text) == [.name])
    }

    @Test("emails and phone numbers", arguments: [
        ("write to zoe.oneil@example.com", PersonalDetails.Finding.email), ("call 604-555-0123", .phone), ("(604) 555 0123", .phone),
        ("+1 604 555 0123", .phone), ("555-0123", .phone), ("06 12 34 56 78", .phone), ("+33 6 12 34 56 78", .phone),
    ])
    func contacts(text: String, finding: PersonalDetails.Finding) {
        #expect(screen.findings(in: text) == [finding])
    }

    @Test("ordinary answers are not flagged", arguments: [
        "More clubs at lunch, please.", "Zoë is my friend", "the Patel family moved", "Roy G Biv", "in 2024-2025 we had 30 kids",
        "room 204", "grade 10", "Jean is nice", "Mr. Smith is great", "Tremblay", "score 4.5 out of 5",
    ])
    func ordinary(text: String) {
        #expect(screen.findings(in: text).isEmpty)
    }
}
