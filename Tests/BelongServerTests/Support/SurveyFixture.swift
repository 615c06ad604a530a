import BelongCore
import Foundation
@testable import BelongServer

/// A class of grade 4 and 5 students at North with a wave of the student survey and a code for each.
struct SurveyFixture: Sendable {
    let base: Fixture
    let classId: UUID
    let students: [Student]
    let wave: SurveyWave
    /// One code per student, in no particular order (anonymous slips are shuffled).
    let codes: [String]

    static let instrument = "belong-student"

    static func make(
        on database: Database, students count: Int = 12, mode: SurveyWave.Mode = .anonymous, state: SurveyWave.State = .open,
        instrument: String = instrument, grades: (Grade, Grade) = (.grade4, .grade12), customItems: [Instrument.Item] = [],
        opensAt: Date = Date().addingTimeInterval(-86_400), closesAt: Date = Date().addingTimeInterval(7 * 86_400), optOut: Int = 0,
        languages: [Language] = Language.interface, familyLanguages: [String] = []
    ) async throws -> SurveyFixture {
        let base = try await Fixture.make(on: database)
        var roster = RosterSnapshot()
        let schoolClass = SchoolClass(sourcedId: "c-north-5a", schoolId: base.north.id, title: "5A — Ms. Tremblay", kind: .homeroom, grades: [.grade4, .grade5])
        roster.classes = [schoolClass]
        let given = ["Maya", "Noah", "Zoé", "Liam", "Aisha", "Félix", "Chloé", "Omar", "Léa", "Ethan", "Sofia", "Karan", "Emma", "Jacob", "Nour", "Samuel"]
        roster.students = (0..<count).map { index in
            Student(sourcedId: "st-5a-\(index)", schoolId: base.north.id, name: PersonName(given: given[index % given.count], family: "Student\(index)"),
                    grade: index.isMultiple(of: 2) ? .grade4 : .grade5, identifier: "N-5\(index)")
        }
        roster.enrollments = roster.students.map { Enrollment(classId: schoolClass.id, schoolId: base.north.id, member: .student($0.id), role: .student) }
        roster.staff = [
            StaffMember(sourcedId: "t-1", name: PersonName(given: "Julie", family: "Tremblay"), email: "julie.tremblay@lakeside.example",
                        assignments: [.init(schoolId: base.north.id, jobRole: .teacher)]),
            StaffMember(sourcedId: "t-2", name: PersonName(given: "Marc", family: "Gagnon"), email: "marc.gagnon@lakeside.example",
                        assignments: [.init(schoolId: base.north.id, jobRole: .counsellor)]),
        ]
        roster.families = roster.students.prefix(4).enumerated().map { index, student in
            FamilyContact(sourcedId: "f-\(index)", name: PersonName(given: "Parent", family: student.name.family), email: "parent\(index)@home.example",
                          preferredLanguage: index < familyLanguages.count ? familyLanguages[index] : index.isMultiple(of: 2) ? "fr" : "en", links: [.init(studentId: student.id, relationship: .parent)])
        }
        try await RosterStore(database: database).insertNew(roster)
        for student in roster.students.prefix(optOut) {
            try await PeopleStore(database: database).setSurveyOptOut(student: student.id, optedOut: true)
        }

        let wave = SurveyWave(
            districtId: base.district.id, title: "Fall check-in", instrumentId: instrument, instrumentVersion: 1,
            respondents: instrument == "belong-staff" ? .staff : instrument == "belong-family" ? .families : .students(from: grades.0, to: grades.1),
            schoolIds: [base.north.id], opensAt: opensAt, closesAt: closesAt, timeZone: "America/Toronto", mode: mode, languages: languages, state: state,
            customItems: customItems
        )
        try await SurveyStore(database: database).create(wave, by: nil)
        let codes = try await codeStore(database)
        let slips: [CodeStore.Slip] = switch wave.respondents {
        case .students: try await codes.issueForClass(wave: wave, classId: schoolClass.id)
        default: try await codes.issueForSchool(wave: wave, schoolId: base.north.id)
        }
        return SurveyFixture(base: base, classId: schoolClass.id, students: roster.students, wave: wave, codes: slips.map(\.code))
    }

    /// The code store with the application's own key, so codes issued here open in the app.
    static func codeStore(_ database: Database) async throws -> CodeStore {
        CodeStore(database: database, hasher: CodeHasher(secret: try await SecretStore(database: database).value(named: "access-code-key")))
    }
}
