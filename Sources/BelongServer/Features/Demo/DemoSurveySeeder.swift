import BelongCore
import Foundation
import SQLKit

/// The demo's surveys: last school year's fall and spring student waves (and the K–3 form) in every
/// school, a staff and a family wave, all closed with realistic answers; and an open wave this
/// month with some classes' codes handed out and answered, plus fresh codes to try.
struct DemoSurveySeeder: Sendable {
    let database: Database
    let snapshot: RosterSnapshot
    let today: CalendarDate
    let timeZone: String

    struct Report: Sendable {
        let wavesAdded: Int
        let responsesAdded: Int
        /// Codes that work now, with who they are for: "Maple Grove Elementary · Grade 5 — Room 1".
        let codes: [(label: String, code: String)]
    }

    private struct Plan {
        let id: UUID
        let title: String
        let instrument: String
        let respondents: SurveyWave.Respondents
        let schoolKeys: [String]
        let first: CalendarDate
        let last: CalendarDate
        let state: SurveyWave.State
        let season: DemoAnswers.Season
        let participation: Double
    }

    func run() async throws -> Report {
        let surveys = SurveyStore(database: database)
        let codes = CodeStore(database: database, hasher: CodeHasher(secret: try await SecretStore(database: database).value(named: "access-code-key")))
        var rng = SeededGenerator(seed: DemoDistrict.defaultSeed ^ 0x5355_5256_4559)
        let plans = makePlans(&rng)
        let fresh = try await surveys.find(id: plans[0].id) == nil
        var responses = 0
        if fresh {
            try await optOutSome(&rng)
            // Each questionnaire once, speaking every language it is translated into (the family form: Arabic too).
            let instruments = try Translations.bundled().applied(to: try BuiltInInstruments.load())
            for plan in plans {
                responses += try await seed(plan, instrument: instruments.first { $0.id == plan.instrument }!, surveys: surveys, codes: codes, rng: &rng)
            }
        }
        // Every run prints codes nobody has yet, from classes whose codes have not been handed out.
        var printed: [(String, String)] = []
        let open = plans.filter { $0.state == .open }
        if let students = open.first(where: { if case .students(let from, _) = $0.respondents { from >= .grade4 } else { false } }),
           let wave = try await surveys.find(id: students.id) {
            printed += try await freshCodes(wave, grades: [.grade5, .grade4], count: 5, codes: codes)
        }
        if let early = open.first(where: { $0.instrument == "belong-early-years" }), let wave = try await surveys.find(id: early.id) {
            printed += try await freshCodes(wave, grades: [.grade2, .grade1], count: 2, codes: codes)
        }
        return Report(wavesAdded: fresh ? plans.count : 0, responsesAdded: responses, codes: printed)
    }

    private func makePlans(_ rng: inout SeededGenerator) -> [Plan] {
        let year = DemoDistrict.schoolYear(containing: today)
        func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }
        let all = ["maple-grove", "riverbend", "cedar-valley-secondary", "thornhill-creek"]
        let early = ["maple-grove", "thornhill-creek"]
        let lastYear = "\(year - 2)–\(String(year - 1).suffix(2))"
        let openFirst = SurveyWindow.day(of: SurveyWindow.opening(today, timeZone: timeZone).addingTimeInterval(-7 * 86_400), timeZone: timeZone)
        let openLast = SurveyWindow.day(of: SurveyWindow.opening(today, timeZone: timeZone).addingTimeInterval(14 * 86_400), timeZone: timeZone)
        let month = Self.monthName(today.month)
        return [
            Plan(id: rng.uuid(), title: "Fall check-in \(lastYear)", instrument: "belong-student", respondents: .students(from: .grade4, to: .grade12),
                 schoolKeys: all, first: day(year - 2, 10, 6), last: day(year - 2, 10, 17), state: .closed, season: .fall, participation: 0.84),
            Plan(id: rng.uuid(), title: "Fall check-in \(lastYear), kindergarten to grade 3", instrument: "belong-early-years",
                 respondents: .students(from: .kindergarten, to: .grade3), schoolKeys: early, first: day(year - 2, 10, 6), last: day(year - 2, 10, 17),
                 state: .closed, season: .fall, participation: 0.9),
            Plan(id: rng.uuid(), title: "Spring check-in \(lastYear)", instrument: "belong-student", respondents: .students(from: .grade4, to: .grade12),
                 schoolKeys: all, first: day(year - 1, 4, 13), last: day(year - 1, 4, 24), state: .closed, season: .spring, participation: 0.79),
            Plan(id: rng.uuid(), title: "Spring check-in \(lastYear), kindergarten to grade 3", instrument: "belong-early-years",
                 respondents: .students(from: .kindergarten, to: .grade3), schoolKeys: early, first: day(year - 1, 4, 13), last: day(year - 1, 4, 24),
                 state: .closed, season: .spring, participation: 0.88),
            Plan(id: rng.uuid(), title: "Staff survey, spring \(year - 1)", instrument: "belong-staff", respondents: .staff, schoolKeys: all,
                 first: day(year - 1, 4, 13), last: day(year - 1, 4, 24), state: .closed, season: .spring, participation: 0.72),
            Plan(id: rng.uuid(), title: "Family survey, spring \(year - 1)", instrument: "belong-family", respondents: .families, schoolKeys: all,
                 first: day(year - 1, 5, 4), last: day(year - 1, 5, 15), state: .closed, season: .spring, participation: 0.38),
            Plan(id: rng.uuid(), title: "\(month) \(today.year) check-in", instrument: "belong-student", respondents: .students(from: .grade4, to: .grade12),
                 schoolKeys: all, first: openFirst, last: openLast, state: .open, season: .fall, participation: 0.55),
            Plan(id: rng.uuid(), title: "\(month) \(today.year) check-in, kindergarten to grade 3", instrument: "belong-early-years",
                 respondents: .students(from: .kindergarten, to: .grade3), schoolKeys: ["maple-grove"], first: openFirst, last: openLast,
                 state: .open, season: .fall, participation: 0.5),
        ]
    }

    static func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][month - 1]
    }

    private var schoolsByKey: [String: Organization] {
        Dictionary(uniqueKeysWithValues: snapshot.organizations.compactMap { org in
            org.sourcedId.flatMap { $0.hasPrefix("demo-school-") ? (String($0.dropFirst("demo-school-".count)), org) : nil }
        })
    }

    /// A few families asked that their child not be surveyed.
    private func optOutSome(_ rng: inout SeededGenerator) async throws {
        let people = PeopleStore(database: database)
        for student in snapshot.students where rng.chance(0.015) {
            try await people.setSurveyOptOut(student: student.id, optedOut: true, at: Date().addingTimeInterval(-30 * 86_400))
        }
    }

    /// Creates the wave, its codes and its responses; returns how many responses were stored.
    private func seed(_ plan: Plan, instrument: Instrument, surveys: SurveyStore, codes: CodeStore, rng: inout SeededGenerator) async throws -> Int {
        let schools = schoolsByKey
        let district = snapshot.organizations.first { $0.kind == .district }
        let wave = SurveyWave(
            id: plan.id, districtId: district?.id, title: plan.title, instrumentId: plan.instrument, instrumentVersion: 1, respondents: plan.respondents,
            schoolIds: plan.schoolKeys.compactMap { schools[$0]?.id }, opensAt: SurveyWindow.opening(plan.first, timeZone: timeZone),
            closesAt: SurveyWindow.closing(lastDay: plan.last, timeZone: timeZone), timeZone: timeZone,
            languages: instrument.languages.compactMap(Language.init(anyCode:)), state: plan.state
        )
        try await surveys.create(wave, by: nil)
        let items = wave.items(of: instrument)
        let model = DemoAnswers()
        let keyOfSchool = Dictionary(uniqueKeysWithValues: schools.map { ($0.value.id, $0.key) })
        let optedOut = Set(try await database.read(deadline: DatabaseDeadline.background) { db in
            try await db.select().column("id").from("students").where("survey_opt_out", .equal, SQLBind(true)).all()
                .map { try $0.decode(column: "id", as: UUID.self) }
        })
        // Answer days: within the window, and for an open wave not after today.
        let lastDay = min(plan.last, today)
        let days = Self.days(from: plan.first, to: lastDay)

        struct Respondent { let school: UUID; let grade: Grade?; let classId: UUID?; let kind: String; let language: Language? }
        var people: [(hash: String, who: Respondent)] = []
        var codeRows: [[any SQLExpression]] = []
        var issueRows: [[any SQLExpression]] = []
        switch plan.respondents {
        case .students:
            let homerooms = snapshot.classes.filter { $0.kind == .homeroom && wave.schoolIds.contains($0.schoolId) }
            let studentsById = Dictionary(uniqueKeysWithValues: snapshot.students.map { ($0.id, $0) })
            var membersByClass: [UUID: [Student]] = [:]
            for enrollment in snapshot.enrollments where enrollment.role == .student {
                if case .student(let id) = enrollment.member, let student = studentsById[id] { membersByClass[enrollment.classId, default: []].append(student) }
            }
            for room in homerooms {
                // The open wave: some classes have their slips and are answering; others wait for theirs.
                if plan.state == .open {
                    guard rng.chance(0.6), !Self.isKeptForPrinting(room) else { continue }
                    let slips = try await codes.issueForClass(wave: wave, classId: room.id)
                    for slip in slips where rng.chance(plan.participation) {
                        people.append((codes.hash(slip.code), Respondent(school: room.schoolId, grade: slip.grade, classId: room.id, kind: "students", language: nil)))
                    }
                    continue
                }
                for student in membersByClass[room.id] ?? [] where wave.respondents.includes(student.grade) && !optedOut.contains(student.id) {
                    let hash = codes.hash(AccessCode.generate(using: &rng))
                    codeRows.append([SQLBind(hash), SQLBind(wave.id), SQLBind(room.schoolId), student.grade.map { SQLBind($0.rawValue) } ?? SQLLiteral.null, SQLBind(room.id), SQLBind("students"), SQLLiteral.null])
                    issueRows.append([SQLBind(wave.id), SQLBind(student.id), SQLBind("student"), SQLBind(room.schoolId)])
                    if rng.chance(keyOfSchool[room.schoolId] == "thornhill-creek" ? 0.92 : plan.participation) {
                        people.append((hash, Respondent(school: room.schoolId, grade: student.grade, classId: room.id, kind: "students", language: nil)))
                    }
                }
            }
        case .staff:
            for member in snapshot.staff where member.isActive {
                for school in Set(member.assignments.map(\.schoolId)) where wave.schoolIds.contains(school) {
                    let hash = codes.hash(AccessCode.generate(using: &rng))
                    codeRows.append([SQLBind(hash), SQLBind(wave.id), SQLBind(school), SQLLiteral.null, SQLLiteral.null, SQLBind("staff"), SQLLiteral.null])
                    issueRows.append([SQLBind(wave.id), SQLBind(member.id), SQLBind("staff"), SQLBind(school)])
                    if rng.chance(plan.participation) { people.append((hash, Respondent(school: school, grade: nil, classId: nil, kind: "staff", language: nil))) }
                }
            }
        case .families:
            let schoolOfStudent = Dictionary(uniqueKeysWithValues: snapshot.students.map { ($0.id, $0.schoolId) })
            for family in snapshot.families where family.isActive {
                for school in Set(family.links.compactMap { schoolOfStudent[$0.studentId] }) where wave.schoolIds.contains(school) {
                    let hash = codes.hash(AccessCode.generate(using: &rng))
                    codeRows.append([SQLBind(hash), SQLBind(wave.id), SQLBind(school), SQLLiteral.null, SQLLiteral.null, SQLBind("family"), SQLLiteral.null])
                    issueRows.append([SQLBind(wave.id), SQLBind(family.id), SQLBind("family"), SQLBind(school)])
                    if rng.chance(plan.participation) {
                        let language = family.preferredLanguage.flatMap(Language.init(anyCode:)).flatMap { wave.languages.contains($0) ? $0 : nil }
                        people.append((hash, Respondent(school: school, grade: nil, classId: nil, kind: "family", language: language)))
                    }
                }
            }
        }
        for start in stride(from: 0, to: codeRows.count, by: 1_000) {
            let end = min(start + 1_000, codeRows.count)
            let codeSlice = Array(codeRows[start..<end]), issueSlice = Array(issueRows[start..<end])
            try await database.write(deadline: DatabaseDeadline.background) { db in
                try await CodeStore.insertCodes(codeSlice, on: db)
                try await db.insertRows(into: "code_issues", columns: ["wave_id", "person_id", "person_kind", "school_id"], rows: issueSlice)
            }
        }
        // Responses go through the same writer as the survey pages: each claims its code.
        var batch: [(codeHash: String, response: StoredResponse)] = []
        var stored = 0
        for (hash, who) in people {
            let language = who.language ?? (rng.chance(0.2) ? .french : .english)
            var answers = Answers(choices: model.answers(to: items, schoolKey: keyOfSchool[who.school] ?? "", grade: who.grade, season: plan.season,
                                                         base: plan.respondents.kind == "students" ? 0 : 0.3, using: &rng))
            if let open = items.first(where: { $0.response == .openText }), let comment = model.comment(language: language, using: &rng) {
                answers.texts[open.id] = comment
            }
            let day = days.isEmpty ? plan.first : rng.pick(days)
            batch.append((hash, StoredResponse(
                id: UUID(), waveId: wave.id, schoolId: who.school, grade: who.grade, classId: who.classId, kind: who.kind, language: language,
                day: day.description, answers: PackedAnswers.pack(answers, items: items), texts: answers.texts, adults: [], studentId: nil
            )))
            if batch.count == 500 {
                stored += try await ResponseWriter.commit(batch, on: database).count
                batch.removeAll()
            }
        }
        if !batch.isEmpty { stored += try await ResponseWriter.commit(batch, on: database).count }
        return stored
    }

    static func days(from first: CalendarDate, to last: CalendarDate) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var moment = SurveyWindow.opening(first, timeZone: "UTC")
        while SurveyWindow.day(of: moment, timeZone: "UTC") <= last, days.count < 400 {
            days.append(SurveyWindow.day(of: moment, timeZone: "UTC"))
            moment = moment.addingTimeInterval(86_400)
        }
        return days
    }

    /// Maple Grove's grade 4, 5 and 1, 2 rooms wait for their slips, so `belong demo` can print codes from them.
    static func isKeptForPrinting(_ room: SchoolClass) -> Bool {
        room.sourcedId?.contains("maple-grove") == true && room.grades.contains { [.grade1, .grade2, .grade4, .grade5].contains($0) }
    }

    /// New codes from the first class (of these grades, at Maple Grove) whose students have none yet.
    private func freshCodes(_ wave: SurveyWave, grades: [Grade], count: Int, codes: CodeStore) async throws -> [(String, String)] {
        guard let school = schoolsByKey["maple-grove"] else { return [] }
        for grade in grades {
            for room in snapshot.classes.filter({ $0.schoolId == school.id && $0.kind == .homeroom && $0.grades == [grade] }).sorted(by: { $0.title < $1.title }) {
                let slips = try await codes.issueForClass(wave: wave, classId: room.id)
                if !slips.isEmpty {
                    return slips.prefix(count).map { ("\(school.name) · \(room.title) · \(wave.title)", AccessCode.display($0.code)) }
                }
            }
        }
        return []
    }
}
