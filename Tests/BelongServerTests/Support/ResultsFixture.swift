import BelongCore
import Foundation
import SQLKit
@testable import BelongServer

/// Two closed waves of the student survey (fall, anonymous; then spring, confidential) at the
/// fixture's two schools, with answers written straight to the database: North's grade 5 has a class
/// of three, South's grade 11 has seven students; spring answers are kinder than fall's at North;
/// spring's students carry a "sex" grouping attribute, with two students at North recorded as X.
struct ResultsFixture: Sendable {
    let base: Fixture
    let fall: SurveyWave
    let spring: SurveyWave
    /// Class title → id.
    let classes: [String: UUID]
    let layout: ResultsLayout

    /// (school, grade, class title, respondents) in each wave.
    static let groups: [(school: String, grade: Grade, room: String, n: Int)] = [
        ("north", .grade4, "4A", 15), ("north", .grade4, "4B", 12), ("north", .grade5, "5A", 20), ("north", .grade5, "=5B", 3),
        ("south", .grade10, "10A", 25), ("south", .grade11, "11A", 7),
    ]

    static func make(on database: Database) async throws -> ResultsFixture {
        let base = try await Fixture.make(on: database)
        var roster = RosterSnapshot()
        var classes: [String: UUID] = [:]
        for group in groups {
            let school = group.school == "north" ? base.north.id : base.south.id
            let room = SchoolClass(sourcedId: "c-\(group.room)", schoolId: school, title: group.room, kind: .homeroom, grades: [group.grade])
            roster.classes.append(room)
            classes[group.room] = room.id
        }
        try await RosterStore(database: database).insertNew(roster)
        let instrument = try require(try BuiltInInstruments.load().first { $0.id == "belong-student" })
        let layout = ResultsLayout(instrument: instrument, wave: SurveyWave(districtId: nil, title: "", instrumentId: "belong-student", instrumentVersion: 1,
                                                                            respondents: .students(from: .grade4, to: .grade12), schoolIds: [],
                                                                            opensAt: Date(), closesAt: Date(), timeZone: "UTC"))
        let surveys = SurveyStore(database: database)
        let now = Date()
        func wave(_ title: String, daysAgo: Double) -> SurveyWave {
            SurveyWave(districtId: base.district.id, title: title, instrumentId: "belong-student", instrumentVersion: 1,
                       respondents: .students(from: .grade4, to: .grade12), schoolIds: [base.north.id, base.south.id],
                       opensAt: now.addingTimeInterval(-daysAgo * 86_400), closesAt: now.addingTimeInterval(-(daysAgo - 10) * 86_400),
                       timeZone: "America/Toronto", state: .closed)
        }
        let fall = wave("Fall check-in", daysAgo: 200)
        var spring = wave("Spring check-in", daysAgo: 60)
        spring.mode = .confidential
        try await surveys.create(fall, by: nil)
        try await surveys.create(spring, by: nil)
        var rng = SeededGenerator(seed: 2026)
        // Spring's respondents, known by name in a confidential wave, with their grouping attribute.
        var people = RosterSnapshot()
        people.groupingAttributes = [GroupingAttribute(districtId: base.district.id, key: "sex", labels: [.english: "Sex", .french: "Sexe"], values: [
            .init(key: "F", labels: [.english: "Female", .french: "Féminin"]), .init(key: "M", labels: [.english: "Male", .french: "Masculin"]),
            .init(key: "X", labels: [.english: "Another", .french: "Autre"]),
        ])]
        var respondents: [String: [UUID]] = [:]
        for group in groups {
            for index in 0..<group.n {
                let sex = group.room == "4A" && index < 2 ? "X" : index.isMultiple(of: 2) ? "F" : "M"
                let student = Student(schoolId: group.school == "north" ? base.north.id : base.south.id, name: PersonName(given: "S\(index)", family: group.room),
                                      grade: group.grade, attributes: ["sex": sex])
                people.students.append(student)
                respondents[group.room, default: []].append(student.id)
            }
        }
        try await RosterStore(database: database).insertNew(people)
        for (wave, lift) in [(fall, 0), (spring, 1)] {
            var rows: [StoredResponse] = []
            for group in groups {
                let school = group.school == "north" ? base.north.id : base.south.id
                for index in 0..<group.n {
                    let centre = (group.school == "north" ? 3 + lift : 3)
                    let answers = layout.items.map { item -> UInt8 in
                        if item.response == .yesno3 { return UInt8(Int.random(in: 1...3, using: &rng)) }
                        if Int.random(in: 0..<20, using: &rng) == 0 { return 0 }
                        return UInt8(min(5, max(1, centre + Int.random(in: -1...1, using: &rng))))
                    }
                    rows.append(StoredResponse(id: rng.uuid(), waveId: wave.id, schoolId: school, grade: group.grade, classId: classes[group.room],
                                               kind: "students", language: .english, day: "2026-04-20", answers: answers,
                                               texts: group.room == "4A" && rows.count % 5 == 0 ? ["open-connect": "=More clubs at lunch \(rows.count)"] : [:],
                                               adults: [], studentId: wave.mode == .confidential ? respondents[group.room]![index] : nil))
                }
            }
            try await insert(rows, on: database)
        }
        return ResultsFixture(base: base, fall: fall, spring: spring, classes: classes, layout: layout)
    }

    /// Writes responses straight to the table, as the response writer would have.
    static func insert(_ rows: [StoredResponse], on database: Database) async throws {
        try await database.write { db in
            try await db.insertRows(into: "survey_responses", columns: ResponseWriter.columns, from: rows) { response in
                [SQLBind(response.id), SQLBind(response.waveId), SQLBind(response.schoolId), bindOrNull(response.grade?.rawValue),
                 bindOrNull(response.classId), SQLBind(response.kind), SQLBind(response.language.code), SQLBind(response.day),
                 SQLBind(Data(response.answers)), response.textsJSON.map { SQLBind($0) } ?? SQLLiteral.null, SQLLiteral.null, bindOrNull(response.studentId)]
            }
        }
    }

    /// The Connectedness index recomputed plainly from the stored rows of a wave at a school.
    static func plainIndex(_ database: Database, wave: UUID, school: UUID?, layout: ResultsLayout, releasedOnly: Bool = false) async throws -> (high: Int, scored: Int) {
        let rows = try await database.read { db in
            var query = db.select().column("answers").from("survey_responses").where("wave_id", .equal, SQLBind(wave))
            if let school { query = query.where("school_id", .equal, SQLBind(school)) }
            if releasedOnly { query = query.where("released_in", .isNot, SQLLiteral.null) }
            return try await query.all().map { [UInt8](try $0.decode(column: "answers", as: Data.self)) }
        }
        var high = 0, scored = 0
        let feelingItems = layout.items.indices.filter { ResultsLayout.feelings.contains(layout.items[$0].scale ?? "") }
        for row in rows {
            let answered = feelingItems.compactMap { row[$0] == 0 ? nil : Double(row[$0]) }
            guard answered.count * 3 >= feelingItems.count * 2 else { continue }
            scored += 1
            if answered.reduce(0, +) / Double(answered.count) >= 4 { high += 1 }
        }
        return (high, scored)
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw CancellationError() }
    return value
}

extension ResultsFixture {
    /// Responses of a wave no release has let out yet.
    static func waiting(_ database: Database, wave: UUID) async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_responses").where("wave_id", .equal, SQLBind(wave))
                .where("released_in", .is, SQLLiteral.null).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
