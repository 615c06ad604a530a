import BelongCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteNIO

/// What the results engine reads: a wave's responses as packed answers and cells, how many there
/// are, school levels, and open answers for the school team.
/// One release of an open wave's figures (DOMAIN.md §4, time).
public struct WaveRelease: Sendable, Equatable {
    public let number: Int
    public let at: Date
    /// Responses it let out.
    public let responses: Int
    /// The release made at the close: what it left out stays out.
    public let closing: Bool
    public let holds: ReleaseHolds
}

public struct ResultsStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How many responses a wave has, to tell whether what the engine holds is still every one of them.
    public func responseCount(wave: UUID) async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_responses")
                .where("wave_id", .equal, SQLBind(wave)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Which of a wave's responses to read: all, or those its releases let out (DOMAIN.md §4, time).
    public enum Part: Sendable {
        case all
        case released
    }

    /// A wave's responses, packed. Confidential waves also know each student's grouping attributes;
    /// anonymous ones cannot.
    public func load(_ wave: SurveyWave, layout: ResultsLayout, part: Part = .all) async throws -> WaveAnswers {
        if let sqlite = database.backend as? SQLiteBackend { return try await loadSQLite(wave, layout: layout, part: part, sqlite) }
        return try await database.read { db in
            try await Self.rows(db, wave: wave, layout: layout, released: part == .released ? true : nil).answers
        }
    }

    /// The responses no release has let out yet, with their ids, for the next release to pick from.
    public func waiting(_ wave: SurveyWave, layout: ResultsLayout) async throws -> (answers: WaveAnswers, ids: [UUID]) {
        try await database.read { db in try await Self.rows(db, wave: wave, layout: layout, released: false, ids: true) }
    }

    /// `released`: nil for every response, else only those released (true) or waiting (false).
    static func rows(_ db: any SQLDatabase, wave: SurveyWave, layout: ResultsLayout, released: Bool?, ids: Bool = false) async throws
        -> (answers: WaveAnswers, ids: [UUID]) {
        var attributes: [UUID: [String: String]] = [:]
        if wave.mode == .confidential, !wave.schoolIds.isEmpty {
            // The grouping attributes of the wave's schools' students: one row per student, not per response.
            let rows = try await db.select()
                .column(SQLColumn("student_id", table: "sa")).column(SQLColumn("key", table: "ga")).column(SQLColumn("value_key", table: "sa"))
                .from(SQLAlias(SQLIdentifier("student_attributes"), as: SQLIdentifier("sa")))
                .join(SQLAlias(SQLIdentifier("grouping_attributes"), as: SQLIdentifier("ga")),
                      on: SQLColumn("id", table: "ga"), .equal, SQLColumn("attribute_id", table: "sa"))
                .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), on: SQLColumn("id", table: "s"), .equal, SQLColumn("student_id", table: "sa"))
                .where(SQLColumn("school_id", table: "s"), .in, SQLBind.group(wave.schoolIds)).all()
            for row in rows {
                attributes[try row.decode(column: "student_id", as: UUID.self), default: [:]][try row.decode(column: "key", as: String.self)] =
                    try row.decode(column: "value_key", as: String.self)
            }
        }
        var answers = WaveAnswers(layout: layout)
        var query = db.select().columns("id", "school_id", "grade", "class_id", "answers", "student_id").from("survey_responses")
            .where("wave_id", .equal, SQLBind(wave.id))
        if let released { query = query.where("released_in", released ? .isNot : .is, SQLLiteral.null) }
        let rows = try await query.all()
        answers.reserveCapacity(rows.count)
        var found: [UUID] = []
        for row in rows {
            let student = try row.decode(column: "student_id", as: UUID?.self)
            let cell = ResultCell(
                school: try row.decode(column: "school_id", as: UUID.self),
                grade: try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
                classId: try row.decode(column: "class_id", as: UUID?.self),
                attributes: student.flatMap { attributes[$0] } ?? [:])
            answers.append(try row.decode(column: "answers", as: Data.self), in: cell)
            if ids { found.append(try row.decode(column: "id", as: UUID.self)) }
        }
        return (answers, found)
    }

    /// An open wave's releases, the latest last.
    public func releases(wave: UUID) async throws -> [WaveRelease] {
        try await database.read { db in
            try await db.select().columns("number", "released_at", "responses", "closing", "holds").from("wave_releases")
                .where("wave_id", .equal, SQLBind(wave)).orderBy("number").all().map { row in
                    WaveRelease(number: try row.decode(column: "number", as: Int.self), at: try row.decode(column: "released_at", as: Date.self),
                                responses: try row.decode(column: "responses", as: Int.self), closing: try row.decode(column: "closing", as: Bool.self),
                                holds: try JSONDecoder().decode(ReleaseHolds.self, from: Data(try row.decode(column: "holds", as: String.self).utf8)))
                }
        }
    }

    /// Stores release `number` of a wave and lets its responses out, in one transaction. False when another
    /// server made that release first (its figures are the ones to show).
    public func release(wave: UUID, number: Int, at: Date, ids: [UUID], closing: Bool, holds: ReleaseHolds) async throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(holds), as: UTF8.self)
        do {
            return try await database.write { db in
                let latest = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("number")), as: "n").from("wave_releases")
                    .where("wave_id", .equal, SQLBind(wave)).first()?.decode(column: "n", as: Int?.self) ?? 0
                guard latest == number - 1 else { return false }
                try await db.insert(into: "wave_releases").columns("wave_id", "number", "released_at", "responses", "closing", "holds")
                    .values(SQLBind(wave), SQLBind(number), SQLBind(at), SQLBind(ids.count), SQLBind(closing), SQLBind(json)).run()
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
                    try await db.update("survey_responses").set("released_in", to: SQLBind(number))
                        .where(SQLIdentifier("id"), .in, SQLBind.group(chunk)).where("released_in", .is, SQLLiteral.null).run()
                }
                return true
            }
        } catch where !Database.isUnavailable(error) {
            // Another server inserted the same release number between our check and our insert.
            if try await releases(wave: wave).last?.number ?? 0 >= number { return false }
            throw error
        }
    }

    /// The titles of a school's classes, to name the rows of a class breakdown.
    public func classTitles(school: UUID) async throws -> [UUID: String] {
        try await database.read { db in
            var titles: [UUID: String] = [:]
            for row in try await db.select().columns("id", "title").from("classes").where("school_id", .equal, SQLBind(school)).all() {
                titles[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "title", as: String.self)
            }
            return titles
        }
    }

    /// The same on SQLite, streamed straight from a reader: ids stay text and are looked up once per
    /// distinct value, so a million responses load in seconds (ENGINEERING.md, "Hot paths").
    func loadSQLite(_ wave: SurveyWave, layout: ResultsLayout, part: Part, _ sqlite: SQLiteBackend) async throws -> WaveAnswers {
        let expected = try await responseCount(wave: wave.id)
        var combos: [[String: String]] = [[:]]
        var comboOfStudent: [String: Int32] = [:]
        if wave.mode == .confidential, !wave.schoolIds.isEmpty {
            // One pass over the attribute table (every student's, which costs less than seeking the wave's schools' students).
            let keys = try await sqlite.readRows("SELECT id, key FROM grouping_attributes", [])
            let keyOf = Dictionary(keys.compactMap { row in row.column("id")?.string.flatMap { id in row.column("key")?.string.map { (id, $0) } } }) { first, _ in first }
            let rows = try await sqlite.readRows("SELECT student_id, attribute_id, value_key FROM student_attributes", [])
            var byStudent: [String: [String: String]] = [:]
            for row in rows {
                guard let student = row.column("student_id")?.string, let key = row.column("attribute_id")?.string.flatMap({ keyOf[$0] }),
                      let value = row.column("value_key")?.string else { continue }
                byStudent[student, default: [:]][key] = value
            }
            var comboIndex: [[String: String]: Int32] = [[:]: 0]
            for (student, values) in byStudent {
                if let known = comboIndex[values] { comboOfStudent[student] = known; continue }
                comboIndex[values] = Int32(combos.count)
                comboOfStudent[student] = Int32(combos.count)
                combos.append(values)
            }
        }
        var empty = WaveAnswers(layout: layout)
        empty.reserveCapacity(expected)
        let builder = NIOLockedValueBox(PackedLoader(answers: empty, combos: combos, comboOfStudent: comboOfStudent))
        // A big wave is read by one pass over the table: through the index, each row is a seek to a random page.
        let big = expected > 20_000
        let only = part == .released ? " AND released_in IS NOT NULL" : ""
        try await sqlite.streamRows("SELECT school_id, grade, class_id, answers, student_id FROM survey_responses\(big ? " NOT INDEXED" : "") WHERE wave_id = ?\(only)",
                                    [.text(wave.id.uuidString)]) { row in
            builder.withLockedValue { $0.add(row) }
        }
        return builder.withLockedValue { $0.answers }
    }

    /// Each school's level, from the grades it serves.
    public func schoolLevels() async throws -> [UUID: SchoolLevel] {
        try await database.read { db in
            var levels: [UUID: SchoolLevel] = [:]
            for row in try await db.select().columns("id", "lowest_grade", "highest_grade").from("organizations").where("kind", .equal, SQLBind("school")).all() {
                levels[try row.decode(column: "id", as: UUID.self)] = SchoolLevel(
                    lowest: try row.decode(column: "lowest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
                    highest: try row.decode(column: "highest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)))
            }
            return levels
        }
    }
}

extension ResultsStore {
    /// A grouping attribute's name and its values' names, in both languages.
    public struct AttributeLabels: Sendable {
        public let name: [Language: String]
        public let values: [String: [Language: String]]
        public let order: [String]
    }

    public func attributeLabels() async throws -> [String: AttributeLabels] {
        try await database.read { db in
            var result: [String: AttributeLabels] = [:]
            let attributes = try await db.select().columns("id", "key", "label_en", "label_fr").from("grouping_attributes").all()
            let values = try await db.select().columns("attribute_id", "key", "label_en", "label_fr", "position").from("grouping_values")
                .orderBy("position").all()
            for attribute in attributes {
                let id = try attribute.decode(column: "id", as: UUID.self)
                let mine = try values.filter { try $0.decode(column: "attribute_id", as: UUID.self) == id }
                var labels: [String: [Language: String]] = [:]
                var order: [String] = []
                for value in mine {
                    let key = try value.decode(column: "key", as: String.self)
                    order.append(key)
                    labels[key] = [.english: try value.decode(column: "label_en", as: String.self), .french: try value.decode(column: "label_fr", as: String.self)]
                }
                result[try attribute.decode(column: "key", as: String.self)] = AttributeLabels(
                    name: [.english: try attribute.decode(column: "label_en", as: String.self), .french: try attribute.decode(column: "label_fr", as: String.self)],
                    values: labels, order: order)
            }
            return result
        }
    }
}

/// Builds a wave's packed answers from SQLite rows, finding each row's cell by small interned keys.
struct PackedLoader: Sendable {
    struct Key: Hashable { let school: Int32, grade: Int16, room: Int32, combo: Int32 }

    var answers: WaveAnswers
    let combos: [[String: String]]
    let comboOfStudent: [String: Int32]
    private var schools: [String: Int32] = [:], rooms: [String: Int32] = [:]
    private var schoolIds: [UUID] = [], roomIds: [UUID?] = [nil]
    private var cells: [Key: UInt32] = [:]

    init(answers: WaveAnswers, combos: [[String: String]], comboOfStudent: [String: Int32]) {
        self.answers = answers
        self.combos = combos
        self.comboOfStudent = comboOfStudent
    }

    mutating func add(_ row: SQLiteRow) {
        let values = row.columns
        guard values.count == 5, case .text(let schoolText) = values[0].data, case .blob(let bytes) = values[3].data else { return }
        let school: Int32
        if let known = schools[schoolText] {
            school = known
        } else {
            guard let id = UUID(uuidString: schoolText) else { return }
            school = Int32(schoolIds.count)
            schools[schoolText] = school
            schoolIds.append(id)
        }
        var room: Int32 = 0
        if case .text(let roomText) = values[2].data {
            if let known = rooms[roomText] {
                room = known
            } else {
                room = Int32(roomIds.count)
                rooms[roomText] = room
                roomIds.append(UUID(uuidString: roomText))
            }
        }
        let grade: Int16 = if case .integer(let number) = values[1].data { Int16(number) } else { Int16.min }
        var combo: Int32 = 0
        if !comboOfStudent.isEmpty, case .text(let student) = values[4].data { combo = comboOfStudent[student] ?? 0 }
        let key = Key(school: school, grade: grade, room: room, combo: combo)
        let cell: UInt32
        if let known = cells[key] {
            cell = known
        } else {
            cell = answers.cell(ResultCell(school: schoolIds[Int(school)], grade: grade == Int16.min ? nil : Grade(rawValue: Int(grade)),
                                           classId: roomIds[Int(room)], attributes: combos[Int(combo)]))
            cells[key] = cell
        }
        bytes.withUnsafeReadableBytes { answers.append(packed: $0, cell: cell) }
    }
}
