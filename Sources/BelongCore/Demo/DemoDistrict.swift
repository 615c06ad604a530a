import Foundation

/// The demo district: four schools, about 2,000 students and 150 staff, their classes, enrollments and
/// families, generated from a fixed seed so every run and every machine gets the same people.
///
/// The small rural K–12 school has fewer than 60 students on purpose: its grades are smaller than the
/// minimum reporting group, so the privacy rules are visible from the first demo.
public struct DemoDistrict: Sendable {
    public static let defaultSeed: UInt64 = 20_140_601
    public static let emailDomain = "cedarvalley.example"

    /// The school year ending in `schoolYear` (2027 for 2026–27).
    public let schoolYear: Int
    public let seed: UInt64
    let names: NameBook

    public init(schoolYear: Int, seed: UInt64 = DemoDistrict.defaultSeed, names: NameBook) {
        self.schoolYear = schoolYear
        self.seed = seed
        self.names = names
    }

    /// The school year a day falls in: August to July (a year is named by the calendar year it ends in).
    public static func schoolYear(containing day: CalendarDate) -> Int {
        day.month >= 8 ? day.year + 1 : day.year
    }

    public func generate() -> RosterSnapshot {
        var builder = DemoBuilder(seed: seed, names: names, schoolYear: schoolYear)
        return builder.build()
    }
}

/// What one demo school looks like: its grades, how many students in each, its staff and class pattern.
struct DemoSchoolPlan: Sendable {
    enum ClassPattern: Sendable {
        /// One homeroom teacher per class, all day (elementary).
        case homerooms(perGrade: Int)
        /// Cohorts that stay together for an advisory and every subject (middle school teams).
        case cohorts(perGrade: Int, subjects: [String])
        /// Cohorts with an advisory and four courses in each of two terms (secondary semesters).
        case semesters(perGrade: Int, courses: [Grade: (first: [String], second: [String])])
        /// Multi-grade rooms, plus shared senior courses (small rural school).
        case multiGrade(rooms: [ClosedRange<Int>], seniorCourses: [String])
    }

    let key: String
    let name: String
    let identifier: String
    let studentsPerGrade: [(Grade, Int)]
    let staff: [(StaffMember.JobRole, Int)]
    let pattern: ClassPattern
    /// Culture weights differ in the countryside.
    let cultureWeight: @Sendable (NameBook.Culture) -> Int

    var grades: [Grade] { studentsPerGrade.map(\.0) }

    static let all: [DemoSchoolPlan] = [
        DemoSchoolPlan(
            key: "maple-grove", name: "Maple Grove Elementary", identifier: "99-101",
            studentsPerGrade: Grade.range(.kindergarten, .grade5).map { ($0, 80) },
            staff: [(.principal, 1), (.counsellor, 1), (.teacher, 24), (.aide, 5), (.supportStaff, 3)],
            pattern: .homerooms(perGrade: 4),
            cultureWeight: { $0.weight }
        ),
        DemoSchoolPlan(
            key: "riverbend", name: "Riverbend Middle School", identifier: "99-201",
            studentsPerGrade: Grade.range(.grade6, .grade8).map { ($0, 180) },
            staff: [(.principal, 1), (.vicePrincipal, 1), (.counsellor, 2), (.teacher, 30), (.aide, 3), (.supportStaff, 3)],
            pattern: .cohorts(perGrade: 6, subjects: [
                "English Language Arts", "Mathematics", "Science", "Social Studies", "Core French", "Physical and Health Education",
            ]),
            cultureWeight: { $0.weight }
        ),
        DemoSchoolPlan(
            key: "cedar-valley-secondary", name: "Cedar Valley Secondary", identifier: "99-301",
            studentsPerGrade: Grade.range(.grade9, .grade12).map { ($0, 233) },
            staff: [(.principal, 1), (.vicePrincipal, 2), (.counsellor, 3), (.teacher, 52), (.aide, 4), (.supportStaff, 4)],
            pattern: .semesters(perGrade: 8, courses: [
                .grade9: (["English 9", "Mathematics 9", "Science 9", "Social Studies 9"],
                          ["French 9", "Physical and Health Education 9", "Art 9", "Career Education 9"]),
                .grade10: (["English 10", "Foundations of Mathematics 10", "Science 10", "Social Studies 10"],
                           ["French 10", "Physical and Health Education 10", "Drama 10", "Computer Studies 10"]),
                .grade11: (["Composition 11", "Pre-calculus 11", "Chemistry 11", "Explorations in Social Studies 11"],
                           ["Life Sciences 11", "Physics 11", "Visual Arts 11", "Français langue seconde 11"]),
                .grade12: (["English Studies 12", "Pre-calculus 12", "Anatomy and Physiology 12", "Law Studies 12"],
                           ["Calculus 12", "History 12", "Career-Life Connections 12", "Psychology 12"]),
            ]),
            cultureWeight: { $0.weight }
        ),
        DemoSchoolPlan(
            key: "thornhill-creek", name: "Thornhill Creek Community School", identifier: "99-401",
            studentsPerGrade: zip(Grade.range(.kindergarten, .grade12), [4, 3, 4, 3, 4, 4, 3, 4, 4, 4, 4, 3, 4]).map { ($0, $1) },
            staff: [(.principal, 1), (.teacher, 7), (.aide, 1), (.supportStaff, 1)],
            pattern: .multiGrade(rooms: [0...2, 3...5, 6...8, 9...12], seniorCourses: [
                "Mathematics 9–12", "English 9–12", "Science 9–12", "Humanities 9–12",
            ]),
            cultureWeight: { culture in
                switch culture.key {
                case "anglo": 50
                case "indigenous": 30
                case "french": 12
                case "filipino": 4
                case "punjabi": 4
                default: 0
                }
            }
        ),
    ]
}

/// The mutable work of generating the demo district; kept apart so `DemoDistrict` stays a value.
struct DemoBuilder {
    var rng: SeededGenerator
    let names: NameBook
    let schoolYear: Int
    var snapshot = RosterSnapshot()
    var usedEmails: Set<String> = []
    var enrollmentCount = 0
    var usedClassCodes: Set<String> = []

    init(seed: UInt64, names: NameBook, schoolYear: Int) {
        self.rng = SeededGenerator(seed: seed)
        self.names = names
        self.schoolYear = schoolYear
    }

    struct Guardian {
        let id: UUID
        let name: PersonName
        let email: String?
        let phone: String?
        let relationship: FamilyContact.Relationship
    }

    struct Household {
        let culture: NameBook.Culture
        let familyName: String
        let guardians: [Guardian]
        let homeLanguage: String
        let immersion: Bool
        var children: [UUID] = []
    }

    mutating func build() -> RosterSnapshot {
        let district = Organization(
            id: rng.uuid(), sourcedId: "demo-district", kind: .district, name: "Cedar Valley School District", identifier: "SD 99"
        )
        snapshot.organizations.append(district)
        let sessions = makeSessions(districtId: district.id)
        makeGroupings(districtId: district.id)

        var households: [Household] = []
        var studentNumber = 0
        var secondaryCounsellor: UUID?
        for plan in DemoSchoolPlan.all {
            let school = Organization(
                id: rng.uuid(), sourcedId: "demo-school-\(plan.key)", kind: .school, name: plan.name,
                identifier: plan.identifier, districtId: district.id,
                lowestGrade: plan.grades.first, highestGrade: plan.grades.last
            )
            snapshot.organizations.append(school)
            var staffByRole = makeStaff(for: plan, school: school)
            if plan.key == "cedar-valley-secondary" {
                secondaryCounsellor = staffByRole[.counsellor]?.last
            }
            // The rural school shares a counsellor with the secondary: one person, two assignments.
            if plan.key == "thornhill-creek", let shared = secondaryCounsellor,
               let index = snapshot.staff.firstIndex(where: { $0.id == shared }) {
                snapshot.staff[index].assignments.append(.init(schoolId: school.id, jobRole: .counsellor))
                staffByRole[.counsellor] = [shared]
            }

            var studentsByGrade: [Grade: [Student]] = [:]
            for (grade, count) in plan.studentsPerGrade {
                for _ in 0..<count {
                    studentNumber += 1
                    let student = makeStudent(number: studentNumber, grade: grade, school: school, plan: plan, households: &households)
                    studentsByGrade[grade, default: []].append(student)
                    snapshot.students.append(student)
                }
            }
            makeClasses(for: plan, school: school, sessions: sessions, students: studentsByGrade, staff: staffByRole)
        }
        snapshot.families = makeFamilies(households)
        return snapshot
    }

    // MARK: Sessions and groupings

    struct Sessions {
        let year: AcademicSession
        let first: AcademicSession
        let second: AcademicSession
    }

    mutating func makeSessions(districtId: UUID) -> Sessions {
        let start = schoolYear - 1
        let label = "\(start)–\(String(schoolYear).suffix(2))"
        let year = AcademicSession(
            id: rng.uuid(), sourcedId: "demo-session-\(schoolYear)", title: "School year \(label)", kind: .schoolYear,
            startDate: CalendarDate(year: start, month: 9, day: 1)!, endDate: CalendarDate(year: schoolYear, month: 6, day: 30)!,
            schoolYear: schoolYear, organizationId: districtId
        )
        let first = AcademicSession(
            id: rng.uuid(), sourcedId: "demo-session-\(schoolYear)-t1", title: "Term 1 \(label)", kind: .term,
            startDate: year.startDate, endDate: CalendarDate(year: schoolYear, month: 1, day: 31)!,
            schoolYear: schoolYear, parentId: year.id, organizationId: districtId
        )
        let second = AcademicSession(
            id: rng.uuid(), sourcedId: "demo-session-\(schoolYear)-t2", title: "Term 2 \(label)", kind: .term,
            startDate: CalendarDate(year: schoolYear, month: 2, day: 1)!, endDate: year.endDate,
            schoolYear: schoolYear, parentId: year.id, organizationId: districtId
        )
        snapshot.sessions += [year, first, second]
        return Sessions(year: year, first: first, second: second)
    }

    mutating func makeGroupings(districtId: UUID) {
        for grouping in names.groupings {
            snapshot.groupingAttributes.append(GroupingAttribute(
                id: rng.uuid(), districtId: districtId, key: grouping.key, labels: Self.labels(grouping.labels),
                values: grouping.values.map { .init(key: $0.key, labels: Self.labels($0.labels)) }
            ))
        }
    }

    static func labels(_ raw: [String: String]) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in Language(code: key).map { ($0, value) } })
    }

    // MARK: People

    mutating func pickCulture(weight: (NameBook.Culture) -> Int) -> NameBook.Culture {
        rng.pick(names.cultures, weights: names.cultures.map(weight))
    }

    mutating func uniqueEmail(given: String, family: String, domain: String) -> String {
        let base = "\(Self.emailPart(given)).\(Self.emailPart(family))"
        var candidate = "\(base)@\(domain)"
        var suffix = 1
        while usedEmails.contains(candidate) {
            suffix += 1
            candidate = "\(base)\(suffix)@\(domain)"
        }
        usedEmails.insert(candidate)
        return candidate
    }

    static func emailPart(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
            .lowercased()
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    mutating func makeStaff(for plan: DemoSchoolPlan, school: Organization) -> [StaffMember.JobRole: [UUID]] {
        var byRole: [StaffMember.JobRole: [UUID]] = [:]
        for (role, count) in plan.staff {
            for _ in 0..<count {
                // Staff come more often from the long-settled communities; weights tilt that way.
                let culture = pickCulture { ["anglo", "french"].contains($0.key) ? plan.cultureWeight($0) * 3 : plan.cultureWeight($0) }
                let given = rng.chance(0.6) ? rng.pick(culture.adults) : rng.pick(rng.chance(0.5) ? culture.girls : culture.boys)
                let family = rng.pick(culture.family)
                let number = snapshot.staff.count + 1
                let member = StaffMember(
                    id: rng.uuid(), sourcedId: "demo-staff-\(String(format: "%04d", number))",
                    name: PersonName(given: given, family: family),
                    email: uniqueEmail(given: given, family: family, domain: DemoDistrict.emailDomain),
                    identifier: "E\(String(format: "%05d", 10_000 + number))",
                    assignments: [.init(schoolId: school.id, jobRole: role)]
                )
                snapshot.staff.append(member)
                byRole[role, default: []].append(member.id)
            }
        }
        return byRole
    }

    mutating func makeStudent(
        number: Int, grade: Grade, school: Organization, plan: DemoSchoolPlan, households: inout [Household]
    ) -> Student {
        // About a quarter of students have a brother or sister already in the district.
        let open = households.indices.filter { households[$0].children.count < 3 && plan.cultureWeight(households[$0].culture) > 0 }
        let householdIndex: Int
        if !open.isEmpty, rng.chance(0.25) {
            householdIndex = rng.pick(open)
        } else {
            households.append(makeHousehold(culture: pickCulture(weight: plan.cultureWeight)))
            householdIndex = households.count - 1
        }
        let household = households[householdIndex]
        let culture = household.culture

        let genderRoll = Double.random(in: 0..<1, using: &rng)
        let gender = genderRoll < 0.49 ? "girl" : genderRoll < 0.98 ? "boy" : "gender-diverse"
        let given: String = switch gender {
        case "girl": rng.pick(culture.girls)
        case "boy": rng.pick(culture.boys)
        default: rng.pick(culture.girls + culture.boys)
        }
        var attributes = [
            "gender": gender,
            "home-language": household.homeLanguage,
            "program": household.immersion && grade >= .kindergarten ? "french-immersion" : "english",
        ]
        if culture.indigenous == true || rng.chance(0.02) {
            attributes["indigenous"] = "yes"
        }
        let student = Student(
            id: rng.uuid(), sourcedId: "demo-student-\(String(format: "%05d", number))", schoolId: school.id,
            name: PersonName(given: given, family: household.familyName), grade: grade,
            identifier: "SD99-\(String(format: "%06d", 200_000 + number))", attributes: attributes
        )
        households[householdIndex].children.append(student.id)
        return student
    }

    mutating func makeHousehold(culture: NameBook.Culture) -> Household {
        let familyName = rng.pick(culture.family)
        // Many families born here speak English at home whatever their heritage.
        let homeLanguage = culture.language == "en" || rng.chance(0.4) ? (culture.language == "fr" ? "fr" : "en") : culture.language
        let immersion = culture.key == "french" ? rng.chance(0.6) : rng.chance(0.15)
        let count = rng.chance(0.65) ? 2 : 1
        var guardians: [Guardian] = []
        for position in 0..<count {
            let relationship: FamilyContact.Relationship = rng.chance(0.9) ? .parent : (rng.chance(0.5) ? .guardian : .relative)
            let given = rng.pick(culture.adults)
            let family = position == 1 && rng.chance(0.25) ? rng.pick(culture.family) : familyName
            let email = rng.chance(0.85) ? uniqueEmail(given: given, family: family, domain: "mail.example") : nil
            // 555-01xx numbers are reserved for fiction.
            let phone = rng.chance(0.9)
                ? "\(rng.pick(["604", "778", "236", "250"]))-555-01\(String(format: "%02d", Int.random(in: 0..<100, using: &rng)))"
                : nil
            guardians.append(Guardian(
                id: rng.uuid(), name: PersonName(given: given, family: family), email: email, phone: phone, relationship: relationship
            ))
        }
        return Household(culture: culture, familyName: familyName, guardians: guardians, homeLanguage: homeLanguage, immersion: immersion)
    }

    func makeFamilies(_ households: [Household]) -> [FamilyContact] {
        var families: [FamilyContact] = []
        for household in households where !household.children.isEmpty {
            for guardian in household.guardians {
                families.append(FamilyContact(
                    id: guardian.id, sourcedId: "demo-family-\(String(format: "%05d", families.count + 1))", name: guardian.name,
                    email: guardian.email, phone: guardian.phone, preferredLanguage: household.homeLanguage,
                    links: household.children.map { FamilyContact.Link(studentId: $0, relationship: guardian.relationship) }
                ))
            }
        }
        return families
    }
}
