import BelongCore
import Foundation
import SQLKit
import SQLiteNIO

/// Access codes: made in batches (a class, a school's staff, a school's families), shown once as
/// slips or a mail-merge file, and kept only as keyed hashes.
public struct CodeStore: Sendable {
    let database: Database
    let hasher: CodeHasher

    init(database: Database, hasher: CodeHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// A code as the respondent flow sees it.
    public struct Record: Sendable {
        public let hash: String
        public let waveId: UUID
        public let schoolId: UUID
        public let grade: Grade?
        public let classId: UUID?
        public let kind: String
        public let studentId: UUID?
        public let used: Bool
        public let void: Bool
    }

    /// One new code and the person it is printed for (names are only ever on the slip, never stored with the code).
    public struct Slip: Sendable {
        public let code: String
        public let grade: Grade?
        /// Printed on confidential slips and mail-merge rows; nil on anonymous class slips.
        public let name: String?
        public let email: String?
        public let language: String?
    }

    public func find(code: String) async throws -> Record? {
        let hash = hasher.hash(AccessCode.normalize(code))
        // Every submission looks its code up: on SQLite, straight on a reader connection.
        if let sqlite = database.backend as? SQLiteBackend {
            if let found = try sqlite.readCode({ handle in try Self.record(hash: hash, on: handle) }) { return found }
            return try await sqlite.readRows("SELECT \(Self.recordColumns) FROM access_codes WHERE code_hash = ?", [.text(hash)])
                .first.map(Self.record(sqlite:))
        }
        return try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.recordColumns) FROM access_codes WHERE code_hash = \(bind: hash)").first().map(Self.record)
        }
    }

    static let recordColumns = "code_hash, wave_id, school_id, grade, class_id, respondent_kind, student_id, used, void"

    /// The lookup on a bare SQLite reader, in the columns' order above.
    static func record(hash: String, on handle: SQLiteHandle) throws -> Record? {
        var found: Record?
        try handle.rows("SELECT \(recordColumns) FROM access_codes WHERE code_hash = ?", [.text(hash)]) { row in
            func uuid(_ column: Int32) -> UUID? { row.text(column).flatMap(UUID.init(uuidString:)) }
            guard let hash = row.text(0), let waveId = uuid(1), let schoolId = uuid(2), let kind = row.text(5) else { throw UnreadableRow() }
            found = Record(hash: hash, waveId: waveId, schoolId: schoolId, grade: row.integer(3).flatMap(Grade.init(rawValue:)),
                           classId: uuid(4), kind: kind, studentId: uuid(6), used: (row.integer(7) ?? 0) != 0, void: (row.integer(8) ?? 0) != 0)
        }
        return found
    }

    struct UnreadableRow: Error {}

    static func record(sqlite row: SQLiteRow) throws -> Record {
        func uuid(_ name: String) -> UUID? { row.column(name)?.string.flatMap(UUID.init(uuidString:)) }
        guard let hash = row.column("code_hash")?.string, let waveId = uuid("wave_id"), let schoolId = uuid("school_id"),
              let kind = row.column("respondent_kind")?.string else { throw UnreadableRow() }
        return Record(
            hash: hash, waveId: waveId, schoolId: schoolId, grade: row.column("grade")?.integer.flatMap { Grade(rawValue: Int($0)) },
            classId: uuid("class_id"), kind: kind, studentId: uuid("student_id"),
            used: (row.column("used")?.integer ?? 0) != 0, void: (row.column("void")?.integer ?? 0) != 0
        )
    }

    func hash(_ code: String) -> String { hasher.hash(AccessCode.normalize(code)) }

    static let codeColumns = ["code_hash", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "student_id"]

    /// A batch's codes, shuffled: on SQLite they are stored in the order they arrive (a class's codes side
    /// by side, see migration 022), and the roster's order must not show which code is whose.
    static func insertCodes(_ rows: [[any SQLExpression]], on db: any SQLDatabase) async throws {
        try await db.insertRows(into: "access_codes", columns: codeColumns, rows: rows.shuffled())
    }

    /// Codes for the students of a class who are in the wave's grades, not opted out, and have no code yet.
    /// Anonymous waves: the code carries the class and grade only; confidential: the student too.
    public func issueForClass(wave: SurveyWave, classId: UUID) async throws -> [Slip] {
        guard case .students = wave.respondents else { return [] }
        return try await database.write { db in
            guard let classRow = try await db.select().columns("school_id", "title").from("classes").where("id", .equal, SQLBind(classId)).first() else { return [] }
            let school = try classRow.decode(column: "school_id", as: UUID.self)
            guard wave.schoolIds.contains(school) else { return [] }
            let students = try await db.select()
                .columns(SQLColumn("id", table: "s"), SQLColumn("grade", table: "s"), SQLColumn("given_name", table: "s"),
                         SQLColumn("family_name", table: "s"), SQLColumn("preferred_name", table: "s"))
                .from(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")))
                .join(SQLAlias(SQLIdentifier("enrollments"), as: SQLIdentifier("e")), on: SQLColumn("student_id", table: "e"), .equal, SQLColumn("id", table: "s"))
                .where(SQLColumn("class_id", table: "e"), .equal, SQLBind(classId)).where(SQLColumn("is_active", table: "e"), .equal, SQLBind(true))
                .where(SQLColumn("is_active", table: "s"), .equal, SQLBind(true)).where(SQLColumn("survey_opt_out", table: "s"), .equal, SQLBind(false))
                .where(SQLColumn("id", table: "s"), .notIn, SQLSubquery.select { sub in
                    sub.column("person_id").from("code_issues").where("wave_id", .equal, SQLBind(wave.id))
                })
                .orderBy(SQLColumn("family_name", table: "s")).orderBy(SQLColumn("given_name", table: "s"))
                .all()
            var slips: [Slip] = []
            var codeRows: [[any SQLExpression]] = []
            var issueRows: [[any SQLExpression]] = []
            for row in students {
                let grade = try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:))
                guard wave.respondents.includes(grade) else { continue }
                let student = try row.decode(column: "id", as: UUID.self)
                let code = AccessCode.generate()
                let name = PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self),
                                      preferred: try row.decode(column: "preferred_name", as: String?.self))
                let confidential = wave.mode == .confidential
                slips.append(Slip(code: code, grade: grade, name: confidential ? name.display : nil, email: nil, language: nil))
                codeRows.append([SQLBind(hasher.hash(code)), SQLBind(wave.id), SQLBind(school), grade.map { SQLBind($0.rawValue) } ?? SQLLiteral.null, SQLBind(classId),
                                 SQLBind("students"), confidential ? SQLBind(student) : SQLLiteral.null])
                issueRows.append([SQLBind(wave.id), SQLBind(student), SQLBind("student"), SQLBind(school)])
            }
            try await Self.insertCodes(codeRows, on: db)
            try await db.insertRows(into: "code_issues", columns: ["wave_id", "person_id", "person_kind", "school_id"], rows: issueRows)
            // Anonymous slips are handed out in any order: shuffle so the sheet's order is not the roster's.
            return wave.mode == .anonymous ? slips.shuffled() : slips
        }
    }

    /// Codes for a school's staff or families who have none yet, for a mail merge.
    public func issueForSchool(wave: SurveyWave, schoolId: UUID) async throws -> [Slip] {
        guard wave.schoolIds.contains(schoolId) else { return [] }
        return try await database.write { db in
            let people: [(id: UUID, name: PersonName, email: String?, language: String?)]
            let kind: String
            switch wave.respondents {
            case .students:
                return []
            case .staff:
                kind = "staff"
                people = try await db.select()
                    .columns(SQLColumn("id", table: "m"), SQLColumn("given_name", table: "m"), SQLColumn("family_name", table: "m"), SQLColumn("email", table: "m"))
                    .from(SQLAlias(SQLIdentifier("staff_members"), as: SQLIdentifier("m")))
                    .where(SQLColumn("is_active", table: "m"), .equal, SQLBind(true))
                    .where(SQLColumn("id", table: "m"), .in, SQLSubquery.select { sub in
                        sub.column("staff_id").from("staff_assignments").where("school_id", .equal, SQLBind(schoolId))
                    })
                    .orderBy(SQLColumn("family_name", table: "m")).all()
                    .map { row in (try row.decode(column: "id", as: UUID.self),
                                   PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self)),
                                   try row.decode(column: "email", as: String?.self), nil) }
            case .families:
                kind = "family"
                people = try await db.select()
                    .columns(SQLColumn("id", table: "f"), SQLColumn("given_name", table: "f"), SQLColumn("family_name", table: "f"), SQLColumn("email", table: "f"),
                             SQLColumn("preferred_language", table: "f"))
                    .from(SQLAlias(SQLIdentifier("family_contacts"), as: SQLIdentifier("f")))
                    .where(SQLColumn("is_active", table: "f"), .equal, SQLBind(true))
                    .where(SQLColumn("id", table: "f"), .in, SQLSubquery.select { sub in
                        sub.column(SQLColumn("family_id", table: "l")).from(SQLAlias(SQLIdentifier("family_links"), as: SQLIdentifier("l")))
                            .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), on: SQLColumn("student_id", table: "l"), .equal, SQLColumn("id", table: "s"))
                            .where(SQLColumn("school_id", table: "s"), .equal, SQLBind(schoolId)).where(SQLColumn("is_active", table: "s"), .equal, SQLBind(true))
                    })
                    .orderBy(SQLColumn("family_name", table: "f")).all()
                    .map { row in (try row.decode(column: "id", as: UUID.self),
                                   PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self)),
                                   try row.decode(column: "email", as: String?.self), try row.decode(column: "preferred_language", as: String?.self)) }
            }
            let issued = Set(try await db.select().column("person_id").from("code_issues").where("wave_id", .equal, SQLBind(wave.id))
                .where("school_id", .equal, SQLBind(schoolId)).all().map { try $0.decode(column: "person_id", as: UUID.self) })
            var slips: [Slip] = []
            var codeRows: [[any SQLExpression]] = []
            var issueRows: [[any SQLExpression]] = []
            for person in people where !issued.contains(person.id) {
                let code = AccessCode.generate()
                slips.append(Slip(code: code, grade: nil, name: person.name.display, email: person.email, language: person.language))
                codeRows.append([SQLBind(hasher.hash(code)), SQLBind(wave.id), SQLBind(schoolId), SQLLiteral.null, SQLLiteral.null, SQLBind(kind), SQLLiteral.null])
                issueRows.append([SQLBind(wave.id), SQLBind(person.id), SQLBind(kind), SQLBind(schoolId)])
            }
            try await Self.insertCodes(codeRows, on: db)
            try await db.insertRows(into: "code_issues", columns: ["wave_id", "person_id", "person_kind", "school_id"], rows: issueRows)
            return slips
        }
    }

    public enum ReissueError: Error, Equatable {
        /// Some codes of the batch were used: in an anonymous wave nobody can tell whose, so new codes
        /// for everyone could let a student answer twice.
        case batchInUse(used: Int)
    }

    /// A lost sheet: the batch's codes stop working and its people can be given new ones, as long as
    /// none of the batch's codes has been used.
    public func voidUnused(wave: UUID, classId: UUID?, schoolId: UUID) async throws {
        try await database.write { db in
            let usedQuery = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("access_codes")
                .where("wave_id", .equal, SQLBind(wave)).where("school_id", .equal, SQLBind(schoolId)).where("used", .equal, SQLBind(true))
            if let classId { usedQuery.where("class_id", .equal, SQLBind(classId)) }
            let used = try await usedQuery.first()?.decode(column: "n", as: Int.self) ?? 0
            guard used == 0 else { throw ReissueError.batchInUse(used: used) }
            let update = db.update("access_codes").set("void", to: SQLBind(true)).where("wave_id", .equal, SQLBind(wave))
                .where("school_id", .equal, SQLBind(schoolId)).where("used", .equal, SQLBind(false))
            if let classId { update.where("class_id", .equal, SQLBind(classId)) }
            try await update.run()
            let issues = db.delete(from: "code_issues").where("wave_id", .equal, SQLBind(wave)).where("school_id", .equal, SQLBind(schoolId))
            if let classId {
                issues.where("person_id", .in, SQLSubquery.select { sub in
                    sub.column("student_id").from("enrollments").where("class_id", .equal, SQLBind(classId))
                })
            }
            try await issues.run()
        }
    }

    static func record(_ row: any SQLRow) throws -> Record {
        Record(
            hash: try row.decode(column: "code_hash", as: String.self), waveId: try row.decode(column: "wave_id", as: UUID.self),
            schoolId: try row.decode(column: "school_id", as: UUID.self), grade: try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
            classId: try row.decode(column: "class_id", as: UUID?.self), kind: try row.decode(column: "respondent_kind", as: String.self),
            studentId: try row.decode(column: "student_id", as: UUID?.self), used: try row.decode(column: "used", as: Bool.self),
            void: try row.decode(column: "void", as: Bool.self)
        )
    }
}
