import BelongCore
import Foundation
import SQLKit

/// The people directory of a school: students, staff and family contacts, searched and paged.
public struct PeopleStore: Sendable {
    public static let pageSize = 25

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public enum Kind: String, Sendable, CaseIterable {
        case students
        case staff
        case families
    }

    public struct Query: Sendable, Equatable {
        public var kind: Kind = .students
        /// Part of a name, or a student or staff number.
        public var text: String?
        public var grade: Grade?
        public var classId: UUID?
        public var includeInactive = false
        public var page = 1

        public init(kind: Kind = .students, text: String? = nil, grade: Grade? = nil, classId: UUID? = nil, includeInactive: Bool = false, page: Int = 1) {
            self.kind = kind
            self.text = text
            self.grade = grade
            self.classId = classId
            self.includeInactive = includeInactive
            self.page = page
        }
    }

    public struct Person: Sendable, Identifiable, Equatable {
        public let id: UUID
        public let name: PersonName
        public let grade: Grade?
        /// Job roles for staff; relationship for families.
        public let roles: [String]
        public let email: String?
        public let identifier: String?
        public let isActive: Bool
    }

    public struct ClassSummary: Sendable, Equatable {
        public let id: UUID
        public let title: String
        public var grades: [Grade] = []
    }

    /// The active staff of a school by name, for a student choosing "which adults would you go to".
    public func staffNames(school: UUID) async throws -> [(id: UUID, name: String)] {
        try await database.read { db in
            try await db.select().columns("id", "given_name", "family_name", "preferred_name").from("staff_members")
                .where("is_active", .equal, SQLBind(true))
                .where(SQLIdentifier("id"), .in, SQLSubquery.select { sub in
                    sub.column("staff_id").from("staff_assignments").where("school_id", .equal, SQLBind(school))
                })
                .orderBy("family_name").orderBy("given_name").all()
                .map { row in (try row.decode(column: "id", as: UUID.self), try Self.personName(row).sortable) }
        }
    }

    /// The classes a staff member teaches (their own enrolments), for their dashboard.
    public func classIds(taughtBy staffId: UUID) async throws -> Set<UUID> {
        try await database.read { db in
            Set(try await db.select().column("class_id").from("enrollments").where("staff_id", .equal, SQLBind(staffId)).all()
                .map { try $0.decode(column: "class_id", as: UUID.self) })
        }
    }

    public func classes(school: UUID) async throws -> [ClassSummary] {
        try await database.read { db in
            try await db.select().columns("id", "title", "grades").from("classes").where("school_id", .equal, SQLBind(school))
                .where("is_active", .equal, SQLBind(true)).orderBy("title").all()
                .map { ClassSummary(id: try $0.decode(column: "id", as: UUID.self), title: try $0.decode(column: "title", as: String.self),
                                    grades: try $0.decode(column: "grades", as: String.self).split(separator: ",").compactMap { Grade(code: String($0)) }) }
        }
    }

    public func search(school: UUID, _ query: Query) async throws -> (people: [Person], total: Int) {
        try await database.read { db in
            switch query.kind {
            case .students: try await Self.students(school: school, query, on: db)
            case .staff: try await Self.staff(school: school, query, on: db)
            case .families: try await Self.families(school: school, query, on: db)
            }
        }
    }

    static func nameMatch(_ text: String?, columns: [String], table: String, identifier: String?) -> (any SQLExpression)? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return nil }
        let pattern = SQLBind("%\(text)%")
        var conditions: [any SQLExpression] = columns.map {
            SQLBinaryExpression(SQLFunction("LOWER", args: SQLColumn($0, table: table)), .like, pattern)
        }
        if let identifier {
            conditions.append(SQLBinaryExpression(SQLFunction("LOWER", args: SQLColumn(identifier, table: table)), .equal, SQLBind(text)))
        }
        return conditions.dropFirst().reduce(conditions[0]) { SQLBinaryExpression($0, .or, $1) }
    }

    static func students(school: UUID, _ query: Query, on db: any SQLDatabase) async throws -> ([Person], Int) {
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")))
                .where(SQLColumn("school_id", table: "s"), .equal, SQLBind(school))
            if !query.includeInactive { select.where(SQLColumn("is_active", table: "s"), .equal, SQLBind(true)) }
            if let grade = query.grade { select.where(SQLColumn("grade", table: "s"), .equal, SQLBind(grade.rawValue)) }
            if let match = nameMatch(query.text, columns: ["given_name", "family_name", "preferred_name"], table: "s", identifier: "identifier") {
                select.where(match)
            }
            if let classId = query.classId {
                select.where(SQLColumn("id", table: "s"), .in, SQLSubquery.select { sub in
                    sub.column("student_id").from("enrollments").where("class_id", .equal, SQLBind(classId))
                })
            }
            return select
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("s"))))
            .orderBy(SQLColumn("family_name", table: "s")).orderBy(SQLColumn("given_name", table: "s")).orderBy(SQLColumn("id", table: "s"))
            .limit(pageSize).offset((max(query.page, 1) - 1) * pageSize).all()
        let people = try rows.map { row in
            Person(
                id: try row.decode(column: "id", as: UUID.self), name: try personName(row),
                grade: try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)), roles: [],
                email: try row.decode(column: "email", as: String?.self), identifier: try row.decode(column: "identifier", as: String?.self),
                isActive: try row.decode(column: "is_active", as: Bool.self)
            )
        }
        return (people, total)
    }

    static func staff(school: UUID, _ query: Query, on db: any SQLDatabase) async throws -> ([Person], Int) {
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from(SQLAlias(SQLIdentifier("staff_members"), as: SQLIdentifier("m")))
                .where(SQLColumn("id", table: "m"), .in, SQLSubquery.select { sub in
                    sub.column("staff_id").from("staff_assignments").where("school_id", .equal, SQLBind(school))
                })
            if !query.includeInactive { select.where(SQLColumn("is_active", table: "m"), .equal, SQLBind(true)) }
            if let match = nameMatch(query.text, columns: ["given_name", "family_name", "preferred_name", "email"], table: "m", identifier: "identifier") {
                select.where(match)
            }
            if let classId = query.classId {
                select.where(SQLColumn("id", table: "m"), .in, SQLSubquery.select { sub in
                    sub.column("staff_id").from("enrollments").where("class_id", .equal, SQLBind(classId))
                })
            }
            return select
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("m"))))
            .orderBy(SQLColumn("family_name", table: "m")).orderBy(SQLColumn("given_name", table: "m")).orderBy(SQLColumn("id", table: "m"))
            .limit(pageSize).offset((max(query.page, 1) - 1) * pageSize).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var roles: [UUID: [String]] = [:]
        if !ids.isEmpty {
            for row in try await db.select().columns("staff_id", "job_role").from("staff_assignments")
                .where("school_id", .equal, SQLBind(school)).where(SQLIdentifier("staff_id"), .in, SQLBind.group(ids)).all() {
                roles[try row.decode(column: "staff_id", as: UUID.self), default: []].append(try row.decode(column: "job_role", as: String.self))
            }
        }
        let people = try rows.map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return Person(
                id: id, name: try personName(row), grade: nil, roles: (roles[id] ?? []).sorted(),
                email: try row.decode(column: "email", as: String?.self), identifier: try row.decode(column: "identifier", as: String?.self),
                isActive: try row.decode(column: "is_active", as: Bool.self)
            )
        }
        return (people, total)
    }

    static func families(school: UUID, _ query: Query, on db: any SQLDatabase) async throws -> ([Person], Int) {
        // A family appears once, however many of its children attend the school.
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            select.from(SQLAlias(SQLIdentifier("family_contacts"), as: SQLIdentifier("f")))
                .where(SQLColumn("id", table: "f"), .in, SQLSubquery.select { sub in
                    sub.column(SQLColumn("family_id", table: "l"))
                        .from(SQLAlias(SQLIdentifier("family_links"), as: SQLIdentifier("l")))
                        .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), on: SQLColumn("student_id", table: "l"), .equal, SQLColumn("id", table: "s"))
                        .where(SQLColumn("school_id", table: "s"), .equal, SQLBind(school))
                    if let grade = query.grade { sub.where(SQLColumn("grade", table: "s"), .equal, SQLBind(grade.rawValue)) }
                    if let classId = query.classId {
                        sub.where(SQLColumn("id", table: "s"), .in, SQLSubquery.select { inner in
                            inner.column("student_id").from("enrollments").where("class_id", .equal, SQLBind(classId))
                        })
                    }
                    return sub
                })
            if !query.includeInactive { select.where(SQLColumn("is_active", table: "f"), .equal, SQLBind(true)) }
            if let match = nameMatch(query.text, columns: ["given_name", "family_name", "email"], table: "f", identifier: nil) {
                select.where(match)
            }
            return select
        }
        let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filtered(db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("f"))))
            .orderBy(SQLColumn("family_name", table: "f")).orderBy(SQLColumn("given_name", table: "f")).orderBy(SQLColumn("id", table: "f"))
            .limit(pageSize).offset((max(query.page, 1) - 1) * pageSize).all()
        let people = try rows.map { row in
            Person(
                id: try row.decode(column: "id", as: UUID.self),
                name: PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self)),
                grade: nil, roles: [], email: try row.decode(column: "email", as: String?.self), identifier: nil,
                isActive: try row.decode(column: "is_active", as: Bool.self)
            )
        }
        return (people, total)
    }

    static func personName(_ row: any SQLRow) throws -> PersonName {
        PersonName(
            given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self),
            preferred: try row.decode(column: "preferred_name", as: String?.self)
        )
    }
}

extension PeopleStore {
    /// A student with their classes and family contacts, for the student page.
    public struct StudentRecord: Sendable {
        public struct Family: Sendable {
            public let name: PersonName
            public let relationship: String
            public let email: String?
            public let phone: String?
        }

        public let student: Student
        public let classes: [ClassSummary]
        public let families: [Family]
        /// A family asked that this student not be surveyed: they get no access code.
        public let surveyOptOut: Bool
        public let surveyOptOutAt: Date?
    }

    /// Records a family's choice; a roster import never changes it.
    public func setSurveyOptOut(student: UUID, optedOut: Bool, at date: Date = Date()) async throws {
        try await database.write { db in
            try await db.update("students").set("survey_opt_out", to: SQLBind(optedOut))
                .set("survey_opt_out_at", to: optedOut ? SQLBind(date) : SQLLiteral.null)
                .where("id", .equal, SQLBind(student)).run()
        }
    }

    /// The student, if they are on this school's roster.
    public func student(id: UUID, school: UUID) async throws -> StudentRecord? {
        try await database.read { db in
            guard let row = try await db.select().columns("*").from("students").where("id", .equal, SQLBind(id))
                .where("school_id", .equal, SQLBind(school)).first() else { return nil }
            let student = Student(
                id: id, sourcedId: try row.decode(column: "sourced_id", as: String?.self), schoolId: school, name: try Self.personName(row),
                grade: Grade(rawValue: try row.decode(column: "grade", as: Int.self)) ?? .kindergarten,
                identifier: try row.decode(column: "identifier", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                isActive: try row.decode(column: "is_active", as: Bool.self)
            )
            let classes = try await db.select().column(SQLColumn("id", table: "c")).column(SQLColumn("title", table: "c"))
                .from(SQLAlias(SQLIdentifier("classes"), as: SQLIdentifier("c")))
                .join(SQLAlias(SQLIdentifier("enrollments"), as: SQLIdentifier("e")), on: SQLColumn("class_id", table: "e"), .equal, SQLColumn("id", table: "c"))
                .where(SQLColumn("student_id", table: "e"), .equal, SQLBind(id)).where(SQLColumn("is_active", table: "e"), .equal, SQLBind(true))
                .orderBy(SQLColumn("title", table: "c")).all()
                .map { ClassSummary(id: try $0.decode(column: "id", as: UUID.self), title: try $0.decode(column: "title", as: String.self)) }
            let families = try await db.select()
                .columns(SQLColumn("given_name", table: "f"), SQLColumn("family_name", table: "f"), SQLColumn("email", table: "f"),
                         SQLColumn("phone", table: "f"), SQLColumn("relationship", table: "l"))
                .from(SQLAlias(SQLIdentifier("family_contacts"), as: SQLIdentifier("f")))
                .join(SQLAlias(SQLIdentifier("family_links"), as: SQLIdentifier("l")), on: SQLColumn("family_id", table: "l"), .equal, SQLColumn("id", table: "f"))
                .where(SQLColumn("student_id", table: "l"), .equal, SQLBind(id)).where(SQLColumn("is_active", table: "f"), .equal, SQLBind(true))
                .orderBy(SQLColumn("family_name", table: "f")).all()
                .map { row in
                    StudentRecord.Family(
                        name: PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self)),
                        relationship: try row.decode(column: "relationship", as: String.self),
                        email: try row.decode(column: "email", as: String?.self), phone: try row.decode(column: "phone", as: String?.self)
                    )
                }
            return StudentRecord(student: student, classes: classes, families: families,
                                 surveyOptOut: try row.decode(column: "survey_opt_out", as: Bool.self),
                                 surveyOptOutAt: try row.decode(column: "survey_opt_out_at", as: Date?.self))
        }
    }
}
