import BelongCore
import Foundation
import SQLKit

/// How many have answered a wave, against how many could: by school, grade and class. Counts of
/// people, not of answers, so they are shown to the team running the survey as they are.
public struct ParticipationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Count: Sendable, Hashable, Codable {
        public var eligible: Int
        public var issued: Int
        public var responded: Int

        public init(eligible: Int = 0, issued: Int = 0, responded: Int = 0) {
            self.eligible = eligible
            self.issued = issued
            self.responded = responded
        }

        /// Whole percent responded of those who could, nil when nobody could.
        public var rate: Int? { eligible > 0 ? Int((Double(responded) * 100 / Double(eligible)).rounded()) : nil }
    }

    public struct ClassRow: Sendable, Hashable, Codable {
        public let id: UUID
        public let title: String
        public let isHomeroom: Bool
        public var count: Count
    }

    public struct School: Sendable, Codable {
        public let id: UUID
        public var total: Count
        public var grades: [Grade: Count]
        public var classes: [ClassRow]
    }

    /// Participation at each of `schools` in the wave.
    public func participation(_ wave: SurveyWave, schools: [UUID]) async throws -> [School] {
        guard !schools.isEmpty else { return [] }
        return try await database.read { db in
            var result: [UUID: School] = Dictionary(uniqueKeysWithValues: schools.map { ($0, School(id: $0, total: Count(), grades: [:], classes: [])) })
            let inSchools = SQLBind.group(schools)
            switch wave.respondents {
            case .students(let from, let to):
                // Every active student in the grades, not opted out, counted once at their school and grade…
                let eligible = try await db.select().column("school_id").column("grade").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("students").where(SQLIdentifier("school_id"), .in, inSchools).where("is_active", .equal, SQLBind(true))
                    .where("survey_opt_out", .equal, SQLBind(false))
                    .where(Self.inGrades(SQLIdentifier("grade"), from, to))
                    .groupBy("school_id").groupBy("grade").all()
                for row in eligible {
                    let school = try row.decode(column: "school_id", as: UUID.self)
                    let n = try row.decode(column: "n", as: Int.self)
                    result[school]?.total.eligible += n
                    // A student whose grade is not given counts at the school only.
                    guard let grade = try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)) else { continue }
                    result[school]?.grades[grade, default: Count()].eligible += n
                }
                // …and in each class they are enrolled in.
                let classes = try await db.select()
                    .column(SQLColumn("id", table: "c")).column(SQLColumn("school_id", table: "c")).column(SQLColumn("title", table: "c"))
                    .column(SQLColumn("kind", table: "c")).column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("id", table: "s"))), as: "n")
                    .from(SQLAlias(SQLIdentifier("classes"), as: SQLIdentifier("c")))
                    .join(SQLAlias(SQLIdentifier("enrollments"), as: SQLIdentifier("e")), on: SQLColumn("class_id", table: "e"), .equal, SQLColumn("id", table: "c"))
                    .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), on: SQLColumn("student_id", table: "e"), .equal, SQLColumn("id", table: "s"))
                    .where(SQLColumn("school_id", table: "c"), .in, inSchools).where(SQLColumn("is_active", table: "e"), .equal, SQLBind(true))
                    .where(SQLColumn("is_active", table: "s"), .equal, SQLBind(true)).where(SQLColumn("survey_opt_out", table: "s"), .equal, SQLBind(false))
                    .where(Self.inGrades(SQLColumn("grade", table: "s"), from, to))
                    .groupBy(SQLColumn("id", table: "c")).groupBy(SQLColumn("school_id", table: "c")).groupBy(SQLColumn("title", table: "c"))
                    .groupBy(SQLColumn("kind", table: "c")).all()
                var classIndex: [UUID: (school: UUID, index: Int)] = [:]
                for row in classes {
                    let school = try row.decode(column: "school_id", as: UUID.self)
                    let id = try row.decode(column: "id", as: UUID.self)
                    let item = ClassRow(id: id, title: try row.decode(column: "title", as: String.self),
                                        isHomeroom: try row.decode(column: "kind", as: String.self) == SchoolClass.Kind.homeroom.rawValue,
                                        count: Count(eligible: try row.decode(column: "n", as: Int.self)))
                    classIndex[id] = (school, result[school]?.classes.count ?? 0)
                    result[school]?.classes.append(item)
                }
                for row in try await Self.grouped(db, table: "access_codes", by: "class_id", wave: wave.id, schools: inSchools, liveOnly: true) {
                    if let id = row.key, let place = classIndex[id] { result[place.school]?.classes[place.index].count.issued += row.n }
                    result[row.school]?.total.issued += row.n
                }
                for row in try await Self.grouped(db, table: "survey_responses", by: "class_id", wave: wave.id, schools: inSchools) {
                    if let id = row.key, let place = classIndex[id] { result[place.school]?.classes[place.index].count.responded += row.n }
                    result[row.school]?.total.responded += row.n
                }
                let gradeRows = try await db.select().column("school_id").column("grade").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("survey_responses").where("wave_id", .equal, SQLBind(wave.id)).where(SQLIdentifier("school_id"), .in, inSchools)
                    .groupBy("school_id").groupBy("grade").all()
                for row in gradeRows {
                    guard let grade = try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)) else { continue }
                    result[try row.decode(column: "school_id", as: UUID.self)]?.grades[grade, default: Count()].responded += try row.decode(column: "n", as: Int.self)
                }
                for school in schools {
                    result[school]?.classes.sort { ($0.isHomeroom ? 0 : 1, $0.title) < ($1.isHomeroom ? 0 : 1, $1.title) }
                }
            case .staff, .families:
                let people: SQLSelectBuilder
                if case .staff = wave.respondents {
                    people = db.select().column(SQLColumn("school_id", table: "a")).column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("id", table: "m"))), as: "n")
                        .from(SQLAlias(SQLIdentifier("staff_members"), as: SQLIdentifier("m")))
                        .join(SQLAlias(SQLIdentifier("staff_assignments"), as: SQLIdentifier("a")), on: SQLColumn("staff_id", table: "a"), .equal, SQLColumn("id", table: "m"))
                        .where(SQLColumn("school_id", table: "a"), .in, inSchools).where(SQLColumn("is_active", table: "m"), .equal, SQLBind(true))
                        .groupBy(SQLColumn("school_id", table: "a"))
                } else {
                    people = db.select().column(SQLColumn("school_id", table: "s")).column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("id", table: "f"))), as: "n")
                        .from(SQLAlias(SQLIdentifier("family_contacts"), as: SQLIdentifier("f")))
                        .join(SQLAlias(SQLIdentifier("family_links"), as: SQLIdentifier("l")), on: SQLColumn("family_id", table: "l"), .equal, SQLColumn("id", table: "f"))
                        .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), on: SQLColumn("student_id", table: "l"), .equal, SQLColumn("id", table: "s"))
                        .where(SQLColumn("school_id", table: "s"), .in, inSchools).where(SQLColumn("is_active", table: "f"), .equal, SQLBind(true))
                        .where(SQLColumn("is_active", table: "s"), .equal, SQLBind(true))
                        .groupBy(SQLColumn("school_id", table: "s"))
                }
                for row in try await people.all() {
                    result[try row.decode(column: "school_id", as: UUID.self)]?.total.eligible += try row.decode(column: "n", as: Int.self)
                }
                for row in try await Self.grouped(db, table: "access_codes", by: nil, wave: wave.id, schools: inSchools, liveOnly: true) {
                    result[row.school]?.total.issued += row.n
                }
                for row in try await Self.grouped(db, table: "survey_responses", by: nil, wave: wave.id, schools: inSchools) {
                    result[row.school]?.total.responded += row.n
                }
            }
            return schools.compactMap { result[$0] }
        }
    }

    /// How many could answer a wave at each school, and by grade for students: the denominators of
    /// the results pages' participation rates (the numerators come from the results engine).
    public func eligible(_ wave: SurveyWave, schools: [UUID]) async throws -> [UUID: (total: Int, grades: [Grade: Int])] {
        guard !schools.isEmpty else { return [:] }
        guard case .students(let from, let to) = wave.respondents else {
            return Dictionary(uniqueKeysWithValues: try await participation(wave, schools: schools).map { ($0.id, ($0.total.eligible, [:])) })
        }
        return try await database.read { db in
            var result: [UUID: (total: Int, grades: [Grade: Int])] = [:]
            // A closed wave is counted against the roster as it was for it: the codes it issued (replaced ones
            // once), not today's students. A school it issued no codes to falls back to today's roster.
            if wave.state == .closed {
                let issued = try await db.select().column("school_id").column("grade").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from("access_codes").where("wave_id", .equal, SQLBind(wave.id)).where(SQLIdentifier("school_id"), .in, SQLBind.group(schools))
                    .where("void", .equal, SQLBind(false)).groupBy("school_id").groupBy("grade").all()
                for row in issued {
                    let school = try row.decode(column: "school_id", as: UUID.self)
                    let n = try row.decode(column: "n", as: Int.self)
                    result[school, default: (0, [:])].total += n
                    if let grade = try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)) {
                        result[school, default: (0, [:])].grades[grade, default: 0] += n
                    }
                }
            }
            let rows = try await db.select().column("school_id").column("grade").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("students").where(SQLIdentifier("school_id"), .in, SQLBind.group(schools)).where("is_active", .equal, SQLBind(true))
                .where("survey_opt_out", .equal, SQLBind(false))
                .where(Self.inGrades(SQLIdentifier("grade"), from, to))
                .groupBy("school_id").groupBy("grade").all()
            let fromCodes = Set(result.keys)
            for row in rows {
                let school = try row.decode(column: "school_id", as: UUID.self)
                guard !fromCodes.contains(school) else { continue }
                let n = try row.decode(column: "n", as: Int.self)
                result[school, default: (0, [:])].total += n
                if let grade = try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)) {
                    result[school, default: (0, [:])].grades[grade, default: 0] += n
                }
            }
            return result
        }
    }

    /// Responses so far per wave, for the list of waves.
    public func responses(waves: [UUID]) async throws -> [UUID: Int] {
        guard !waves.isEmpty else { return [:] }
        return try await database.read { db in
            var counts: [UUID: Int] = [:]
            for row in try await db.select().column("wave_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_responses")
                .where(SQLIdentifier("wave_id"), .in, SQLBind.group(waves)).groupBy("wave_id").all() {
                counts[try row.decode(column: "wave_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    /// A student wave's students: those in its grades and those whose grade is not given (`SurveyWave.Respondents.includes`).
    static func inGrades(_ column: any SQLExpression, _ from: Grade, _ to: Grade) -> any SQLExpression {
        SQLGroupExpression(SQLBinaryExpression(
            SQLBinaryExpression(SQLBinaryExpression(column, .greaterThanOrEqual, SQLBind(from.rawValue)), .and,
                                SQLBinaryExpression(column, .lessThanOrEqual, SQLBind(to.rawValue))),
            .or, SQLBinaryExpression(column, .is, SQLLiteral.null)))
    }

    /// Row counts of a wave's codes (not replaced) or responses by school and, optionally, another column.
    private static func grouped(_ db: any SQLDatabase, table: String, by column: String?, wave: UUID, schools: any SQLExpression,
                                liveOnly: Bool = false) async throws -> [(school: UUID, key: UUID?, n: Int)] {
        let select = db.select().column("school_id")
        if let column { select.column(SQLAlias(SQLIdentifier(column), as: SQLIdentifier("k"))) }
        select.column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).where("wave_id", .equal, SQLBind(wave))
            .where(SQLIdentifier("school_id"), .in, schools)
        if liveOnly { select.where("void", .equal, SQLBind(false)) }
        select.groupBy("school_id")
        if let column { select.groupBy(column) }
        return try await select.all().map { row in
            (try row.decode(column: "school_id", as: UUID.self), column == nil ? nil : try row.decode(column: "k", as: UUID?.self), try row.decode(column: "n", as: Int.self))
        }
    }
}
