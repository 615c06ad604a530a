import ArgumentParser
import BelongCore
import BelongServer
import Foundation
import Logging
import SQLKit

/// A district of any size for the results benchmarks: schools of every level, classes, students
/// with two grouping attributes, and closed confidential waves of the student survey (19 questions
/// plus one of the district's own: 20 answers a response). Answers differ by school, grade and
/// attribute. With --bin, the last wave is also written for DuckDB: one 27-byte record a response
/// (school u16, grade u8, class u16, sex u8, language u8, 20 answers; little-endian).
struct Generate: AsyncParsableCommand {
    @Option(help: "SQLite file to create.") var database: String
    @Option(help: "Schools in the district.") var schools = 50
    @Option(help: "Responses per school in each wave.") var perSchool = 1_000
    @Option(help: "Waves of the student survey.") var waves = 3
    @Option(help: "Students per school (responses reuse them when there are more responses).") var students = 1_000
    @Option(help: "Write the last wave's responses here for DuckDB.") var bin: String?

    static let adminEmail = "admin@bench.example"
    static let adminPassword = "benchmark password one"

    func run() async throws {
        var logger = Logger(label: "generate")
        logger.logLevel = .error
        try? FileManager.default.removeItem(atPath: database)
        let db = try await Database.open(.sqliteFile(path: database), logger: logger)
        try await Migrator(database: db, logger: logger).migrate()
        var rng = SeededGenerator(seed: 20261129)

        let district = Organization(sourcedId: "bench", kind: .district, name: "Benchmark District")
        var roster = RosterSnapshot()
        roster.organizations = [district]
        let ranges: [(Grade, Grade)] = [(.kindergarten, .grade6), (.grade7, .grade8), (.grade9, .grade12), (.kindergarten, .grade12)]
        var schoolGrades: [UUID: [Grade]] = [:]
        var classesOf: [UUID: [(UUID, Grade)]] = [:]
        for index in 0..<schools {
            let (low, high) = ranges[index % ranges.count]
            let school = Organization(sourcedId: "s\(index)", kind: .school, name: "School \(index + 1)", districtId: district.id, lowestGrade: low, highestGrade: high)
            roster.organizations.append(school)
            let grades = Grade.range(max(low, .grade4), high)
            schoolGrades[school.id] = grades
            for grade in grades {
                for room in 0..<max(1, perSchool / grades.count / 25) {
                    let schoolClass = SchoolClass(sourcedId: "c\(index)-\(grade.rawValue)-\(room)", schoolId: school.id, title: "\(grade.oneRosterCode)-\(room + 1)",
                                                  kind: .homeroom, grades: [grade])
                    roster.classes.append(schoolClass)
                    classesOf[school.id, default: []].append((schoolClass.id, grade))
                }
            }
        }
        roster.groupingAttributes = [
            GroupingAttribute(districtId: district.id, key: "sex", labels: [.english: "Sex", .french: "Sexe"], values: [
                .init(key: "F", labels: [.english: "Female", .french: "Féminin"]), .init(key: "M", labels: [.english: "Male", .french: "Masculin"]),
                .init(key: "X", labels: [.english: "Another", .french: "Autre"]),
            ]),
            GroupingAttribute(districtId: district.id, key: "language", labels: [.english: "Home language", .french: "Langue parlée à la maison"], values: [
                .init(key: "en", labels: [.english: "English", .french: "Anglais"]), .init(key: "fr", labels: [.english: "French", .french: "Français"]),
            ]),
        ]
        struct Pupil { let id: UUID; let grade: Grade; let classId: UUID; let sex: UInt8; let language: UInt8 }
        var pupils: [UUID: [Pupil]] = [:]
        for school in roster.organizations where school.kind == .school {
            for index in 0..<students {
                let (classId, grade) = classesOf[school.id]![index % classesOf[school.id]!.count]
                let sex: UInt8 = Int.random(in: 0..<100, using: &rng) < 3 ? 2 : (Bool.random(using: &rng) ? 0 : 1)
                let language: UInt8 = Int.random(in: 0..<10, using: &rng) < 3 ? 1 : 0
                let student = Student(sourcedId: "st-\(school.sourcedId!)-\(index)", schoolId: school.id, name: PersonName(given: "S\(index)", family: "B"),
                                      grade: grade, attributes: ["sex": ["F", "M", "X"][Int(sex)], "language": ["en", "fr"][Int(language)]])
                roster.students.append(student)
                roster.enrollments.append(Enrollment(classId: classId, schoolId: school.id, member: .student(student.id), role: .student))
                pupils[school.id, default: []].append(Pupil(id: student.id, grade: grade, classId: classId, sex: sex, language: language))
            }
        }
        try await RosterStore(database: db).insertNew(roster)
        _ = try await UserAdministration(database: db, hasher: PasswordHasher(cost: 4)).create(
            email: Self.adminEmail, displayName: "Benchmark", role: .districtAdministrator, at: district, password: Self.adminPassword, by: .commandLine)

        let custom = Instrument.Item(id: "district-1", scale: nil, response: .agree5, text: ["en": "I know what to do if I see bullying.", "fr": "Je sais quoi faire si je vois de l’intimidation."])
        let instrument = try BuiltInInstruments.load().first { $0.id == "belong-student" }!
        let schoolIds = roster.organizations.filter { $0.kind == .school }.map(\.id)
        var binary = Data()
        for number in 0..<waves {
            let opens = Date().addingTimeInterval(Double(-400 + number * 120) * 86_400)
            let wave = SurveyWave(districtId: district.id, title: "Wave \(number + 1)", instrumentId: "belong-student", instrumentVersion: 1,
                                  respondents: .students(from: .grade4, to: .grade12), schoolIds: schoolIds, opensAt: opens, closesAt: opens.addingTimeInterval(14 * 86_400),
                                  timeZone: "America/Toronto", mode: .confidential, state: .closed, customItems: [custom])
            try await SurveyStore(database: db).create(wave, by: nil)
            let layout = ResultsLayout(instrument: instrument, wave: wave)
            let last = number == waves - 1
            for (schoolIndex, school) in schoolIds.enumerated() {
                let schoolEffect = Double(schoolIndex % 7) * 0.12 - 0.3 + Double(number) * 0.05
                var rows: [[SQLiteValue]] = []
                rows.reserveCapacity(perSchool)
                for _ in 0..<perSchool {
                    let pupil = pupils[school]![Int.random(in: 0..<students, using: &rng)]
                    let centre = 3.4 + schoolEffect - (pupil.grade >= .grade7 ? 0.3 : 0) - (pupil.sex == 2 ? 0.4 : 0)
                    let answers: [UInt8] = layout.items.map { item in
                        if Int.random(in: 0..<25, using: &rng) == 0 { return 0 }
                        let top = Double(item.response.values!.upperBound)
                        let value = (centre + Double.random(in: -1.6...1.6, using: &rng)) * (top == 5 ? 1 : 0.6)
                        return UInt8(min(top, max(1, value.rounded())))
                    }
                    rows.append([.text(rng.uuid().uuidString), .text(wave.id.uuidString), .text(school.uuidString), .integer(pupil.grade.rawValue),
                                 .text(pupil.classId.uuidString), .text("students"), .text("en"), .text("2026-05-01"), .blob(answers), .text(pupil.id.uuidString)])
                    if last {
                        var record = Data()
                        record.append(contentsOf: [UInt8(schoolIndex & 0xff), UInt8(schoolIndex >> 8), UInt8(pupil.grade.rawValue)])
                        let classNumber = classesOf[school]!.firstIndex { $0.0 == pupil.classId }!
                        record.append(contentsOf: [UInt8(classNumber & 0xff), UInt8(classNumber >> 8), pupil.sex, pupil.language])
                        record.append(contentsOf: answers)
                        binary.append(record)
                    }
                }
                try await Bulk.insertResponses(rows, into: db)
            }
        }
        try await db.close()
        if let bin { try binary.write(to: URL(fileURLWithPath: bin)) }
        print("generated \(schools) schools × \(perSchool) responses × \(waves) waves in \(database)")
    }
}

enum SQLiteValue { case text(String), integer(Int), blob([UInt8]) }

enum Bulk {
    /// Many rows a statement, one transaction per call: the generator's only job is to be quick.
    static func insertResponses(_ rows: [[SQLiteValue]], into db: Database) async throws {
        let columns = ["id", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "language", "day", "answers", "student_id"]
        try await db.write { sql in
            for chunk in stride(from: 0, to: rows.count, by: 500) {
                let builder = sql.insert(into: "survey_responses").columns(columns)
                for row in rows[chunk..<min(chunk + 500, rows.count)] {
                    builder.values(row.map { value -> any SQLExpression in
                        switch value {
                        case .text(let text): SQLBind(text)
                        case .integer(let number): SQLBind(number)
                        case .blob(let bytes): SQLBind(Data(bytes))
                        }
                    })
                }
                try await builder.run()
            }
        }
    }
}
