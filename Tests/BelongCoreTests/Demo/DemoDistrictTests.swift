import BelongCore
import Foundation
import Testing

@Suite("The demo district")
struct DemoDistrictTests {
    static let roster = DemoDistrict(schoolYear: 2027, names: try! NameBook.bundled()).generate()
    var roster: RosterSnapshot { Self.roster }

    @Test("one district with four schools, the documented sizes")
    func sizes() {
        let counts = roster.counts
        #expect(counts.districts == 1)
        #expect(counts.schools == 4)
        #expect(counts.students == 2_000)
        #expect(counts.staff == 150)
        #expect(counts.sessions == 3)
        #expect(counts.classes > 400)
        #expect(counts.familyContacts > 2_000)
        #expect(counts.enrollments > 10_000)
    }

    @Test("an elementary K–5, a middle 6–8, a secondary 9–12 and a rural K–12 under 60 students")
    func schoolShapes() throws {
        let schools = roster.organizations.filter { $0.kind == .school }
        let shapes = schools.map { school in
            (school.lowestGrade, school.highestGrade, roster.students.count { $0.schoolId == school.id })
        }
        #expect(shapes.contains { $0.0 == .kindergarten && $0.1 == .grade5 })
        #expect(shapes.contains { $0.0 == .grade6 && $0.1 == .grade8 })
        #expect(shapes.contains { $0.0 == .grade9 && $0.1 == .grade12 })
        let rural = try #require(shapes.first { $0.0 == .kindergarten && $0.1 == .grade12 })
        #expect(rural.2 < 60)
        for school in schools {
            #expect(school.districtId == roster.organizations.first { $0.kind == .district }?.id)
        }
    }

    @Test("the same seed gives the same people")
    func deterministic() {
        let again = DemoDistrict(schoolYear: 2027, names: try! NameBook.bundled()).generate()
        #expect(again.students == roster.students)
        #expect(again.staff == roster.staff)
        #expect(again.enrollments == roster.enrollments)
        #expect(again.families == roster.families)
    }

    @Test("every rostered record has a unique sourcedId and id")
    func uniqueIdentifiers() {
        let sourcedIds = roster.organizations.map(\.sourcedId) + roster.sessions.map(\.sourcedId) + roster.classes.map(\.sourcedId)
            + roster.students.map(\.sourcedId) + roster.staff.map(\.sourcedId) + roster.families.map(\.sourcedId)
            + roster.enrollments.map(\.sourcedId)
        #expect(sourcedIds.allSatisfy { $0 != nil })
        #expect(Set(sourcedIds).count == sourcedIds.count)
        let ids = roster.students.map(\.id) + roster.staff.map(\.id) + roster.families.map(\.id) + roster.classes.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test("names are realistic and varied, never numbered placeholders")
    func names() {
        let families = Set(roster.students.map(\.name.family))
        let givens = Set(roster.students.map(\.name.given))
        #expect(families.count > 100)
        #expect(givens.count > 200)
        #expect(!roster.students.contains { $0.name.given.contains(where: \.isNumber) || $0.name.family.contains(where: \.isNumber) })
        let languages = Set(roster.students.compactMap { $0.attributes["home-language"] })
        #expect(languages.count >= 8)
    }

    @Test("every student is in a homeroom, and every class has a teacher")
    func enrollments() {
        let homerooms = Set(roster.classes.filter { $0.kind == .homeroom }.map(\.id))
        let studentsInHomeroom = Set(roster.enrollments.compactMap { enrollment -> UUID? in
            guard homerooms.contains(enrollment.classId), case .student(let id) = enrollment.member else { return nil }
            return id
        })
        #expect(studentsInHomeroom.count == roster.students.count)
        let taught = Set(roster.enrollments.filter { $0.role == .teacher && $0.isPrimary }.map(\.classId))
        #expect(taught == Set(roster.classes.map(\.id)))
    }

    @Test("every student has at least one family contact, and family links point at real students")
    func families() {
        let studentIds = Set(roster.students.map(\.id))
        let linked = Set(roster.families.flatMap { $0.links.map(\.studentId) })
        #expect(linked == studentIds)
        #expect(roster.families.contains { $0.links.count > 1 }, "some families have several children")
    }

    @Test("staff emails are unique and one counsellor serves two schools")
    func staff() {
        let emails = roster.staff.compactMap(\.email)
        #expect(Set(emails).count == emails.count)
        #expect(emails.allSatisfy { $0.hasSuffix("@\(DemoDistrict.emailDomain)") && $0.allSatisfy(\.isASCII) })
        #expect(roster.staff.contains { $0.assignments.count == 2 })
        #expect(roster.staff.filter { $0.assignments.contains { $0.jobRole == .principal } }.count == 4)
    }

    @Test("grouping attributes use only values the district defined")
    func groupings() {
        let defined = Dictionary(uniqueKeysWithValues: roster.groupingAttributes.map { ($0.key, Set($0.values.map(\.key))) })
        for student in roster.students {
            for (key, value) in student.attributes {
                #expect(defined[key]?.contains(value) == true, "\(key)=\(value)")
            }
        }
        for attribute in roster.groupingAttributes {
            #expect(attribute.labels[.english] != nil && attribute.labels[.french] != nil)
        }
    }
}
