import BelongCore
import Foundation
import SQLKit

/// Roster records: organizations, sessions, classes, people and enrollments.
public struct RosterStore: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    /// Stores a whole roster in one transaction. Records whose `sourcedId` (or, for link tables, whose
    /// key) is already stored are left untouched, so storing the same roster twice changes nothing.
    public func insertNew(_ roster: RosterSnapshot) async throws {
        let timestamp = now()
        try await database.write { db in
            try await Self.insert(roster, at: timestamp, on: db)
        }
    }

    public func counts() async throws -> RosterCounts {
        try await database.read { db in
            RosterCounts(
                districts: try await db.count("organizations") { $0.where("kind", .equal, "district") },
                schools: try await db.count("organizations") { $0.where("kind", .equal, "school") },
                sessions: try await db.count("academic_sessions"),
                classes: try await db.count("classes"),
                students: try await db.count("students"),
                staff: try await db.count("staff_members"),
                familyContacts: try await db.count("family_contacts"),
                enrollments: try await db.count("enrollments")
            )
        }
    }

    /// Active schools, students and staff, in one round trip: the landing page asks on every visit.
    public func activeFigures() async throws -> (schools: Int, students: Int, staff: Int) {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT (SELECT COUNT(*) FROM organizations WHERE kind = 'school' AND is_active) AS schools,
                       (SELECT COUNT(*) FROM students WHERE is_active) AS students,
                       (SELECT COUNT(*) FROM staff_members WHERE is_active) AS staff
                """).first()
            guard let row else { return (0, 0, 0) }
            return (try row.decode(column: "schools", as: Int.self), try row.decode(column: "students", as: Int.self),
                    try row.decode(column: "staff", as: Int.self))
        }
    }

    /// Students per school, for the demo summary.
    public func studentCounts(bySchoolIn districtSourcedId: String) async throws -> [(school: String, students: Int)] {
        try await database.read { db in
            try await db.select()
                .column(SQLColumn("name", table: "o"), as: "school")
                .column(SQLFunction("COUNT", args: SQLColumn("id", table: "s")), as: "n")
                .from(SQLAlias(SQLIdentifier("organizations"), as: SQLIdentifier("o")))
                .join(SQLAlias(SQLIdentifier("organizations"), as: SQLIdentifier("d")), on: SQLColumn("district_id", table: "o"), .equal, SQLColumn("id", table: "d"))
                .join(SQLAlias(SQLIdentifier("students"), as: SQLIdentifier("s")), method: SQLJoinMethod.left, on: SQLColumn("school_id", table: "s"), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("sourced_id", table: "d"), .equal, SQLBind(districtSourcedId))
                .groupBy(SQLColumn("name", table: "o"))
                .orderBy(SQLColumn("name", table: "o"))
                .all()
                .map { (try $0.decode(column: "school", as: String.self), try $0.decode(column: "n", as: Int.self)) }
        }
    }
}

extension RosterStore {
    static func insert(_ roster: RosterSnapshot, at timestamp: Date, on db: any SQLDatabase) async throws {
        let stamp = SQLBind(timestamp)
        let ignore = ["sourced_id"]

        // Districts before schools, so every school's district exists when it arrives.
        let organizations = roster.organizations.sorted { $0.kind == .district && $1.kind != .district }
        try await db.insertRows(
            into: "organizations",
            columns: ["id", "sourced_id", "kind", "name", "identifier", "district_id", "lowest_grade", "highest_grade", "is_active", "created_at", "updated_at"],
            rows: organizations.map { org in
                [SQLBind(org.id), bindOrNull(org.sourcedId), SQLBind(org.kind.rawValue), SQLBind(org.name), bindOrNull(org.identifier),
                 bindOrNull(org.districtId), bindOrNull(org.lowestGrade?.rawValue), bindOrNull(org.highestGrade?.rawValue),
                 SQLBind(org.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        let sessions = roster.sessions.sorted { ($0.parentId == nil ? 0 : 1) < ($1.parentId == nil ? 0 : 1) }
        try await db.insertRows(
            into: "academic_sessions",
            columns: ["id", "sourced_id", "title", "kind", "start_date", "end_date", "school_year", "parent_id", "organization_id", "is_active", "created_at", "updated_at"],
            rows: sessions.map { session in
                [SQLBind(session.id), bindOrNull(session.sourcedId), SQLBind(session.title), SQLBind(session.kind.rawValue),
                 SQLBind(session.startDate.description), SQLBind(session.endDate.description), SQLBind(session.schoolYear),
                 bindOrNull(session.parentId), bindOrNull(session.organizationId), SQLBind(session.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        try await db.insertRows(
            into: "classes",
            columns: ["id", "sourced_id", "school_id", "title", "class_code", "kind", "course_title", "grades", "is_active", "created_at", "updated_at"],
            rows: roster.classes.map { schoolClass in
                [SQLBind(schoolClass.id), bindOrNull(schoolClass.sourcedId), SQLBind(schoolClass.schoolId), SQLBind(schoolClass.title),
                 bindOrNull(schoolClass.classCode), SQLBind(schoolClass.kind.rawValue), bindOrNull(schoolClass.courseTitle),
                 SQLBind(schoolClass.grades.map(\.oneRosterCode).joined(separator: ",")), SQLBind(schoolClass.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        try await db.insertRows(
            into: "class_sessions", columns: ["class_id", "session_id"],
            rows: roster.classes.flatMap { schoolClass in schoolClass.sessionIds.map { [SQLBind(schoolClass.id), SQLBind($0)] } },
            ignoringConflictsOn: ["class_id", "session_id"]
        )

        try await insertGroupings(roster.groupingAttributes, on: db)

        try await db.insertRows(
            into: "students",
            columns: ["id", "sourced_id", "school_id", "given_name", "family_name", "preferred_name", "grade", "identifier", "email", "is_active", "created_at", "updated_at"],
            rows: roster.students.map { student in
                [SQLBind(student.id), bindOrNull(student.sourcedId), SQLBind(student.schoolId), SQLBind(student.name.given),
                 SQLBind(student.name.family), bindOrNull(student.name.preferred), bindOrNull(student.grade?.rawValue),
                 bindOrNull(student.identifier), bindOrNull(student.email), SQLBind(student.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        let attributeIds = Dictionary(uniqueKeysWithValues: roster.groupingAttributes.map { ($0.key, $0.id) })
        try await db.insertRows(
            into: "student_attributes", columns: ["student_id", "attribute_id", "value_key"],
            rows: roster.students.flatMap { student in
                student.attributes.sorted { $0.key < $1.key }.compactMap { key, value in
                    attributeIds[key].map { [SQLBind(student.id), SQLBind($0), SQLBind(value)] }
                }
            },
            ignoringConflictsOn: ["student_id", "attribute_id"]
        )

        try await db.insertRows(
            into: "staff_members",
            columns: ["id", "sourced_id", "given_name", "family_name", "preferred_name", "email", "identifier", "is_active", "created_at", "updated_at"],
            rows: roster.staff.map { member in
                [SQLBind(member.id), bindOrNull(member.sourcedId), SQLBind(member.name.given), SQLBind(member.name.family),
                 bindOrNull(member.name.preferred), bindOrNull(member.email), bindOrNull(member.identifier), SQLBind(member.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        try await db.insertRows(
            into: "staff_assignments", columns: ["staff_id", "school_id", "job_role"],
            rows: roster.staff.flatMap { member in
                member.assignments.map { [SQLBind(member.id), SQLBind($0.schoolId), SQLBind($0.jobRole.rawValue)] }
            },
            ignoringConflictsOn: ["staff_id", "school_id", "job_role"]
        )

        try await db.insertRows(
            into: "family_contacts",
            columns: ["id", "sourced_id", "given_name", "family_name", "email", "phone", "preferred_language", "is_active", "created_at", "updated_at"],
            rows: roster.families.map { family in
                [SQLBind(family.id), bindOrNull(family.sourcedId), SQLBind(family.name.given), SQLBind(family.name.family),
                 bindOrNull(family.email), bindOrNull(family.phone), bindOrNull(family.preferredLanguage), SQLBind(family.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
        try await db.insertRows(
            into: "family_links", columns: ["family_id", "student_id", "relationship"],
            rows: roster.families.flatMap { family in
                family.links.map { [SQLBind(family.id), SQLBind($0.studentId), SQLBind($0.relationship.rawValue)] }
            },
            ignoringConflictsOn: ["family_id", "student_id"]
        )

        try await db.insertRows(
            into: "enrollments",
            columns: ["id", "sourced_id", "class_id", "school_id", "student_id", "staff_id", "role", "is_primary", "begin_date", "end_date", "is_active", "created_at", "updated_at"],
            rows: roster.enrollments.map { enrollment in
                let (student, staff): (UUID?, UUID?) = switch enrollment.member {
                case .student(let id): (id, nil)
                case .staff(let id): (nil, id)
                }
                return [SQLBind(enrollment.id), bindOrNull(enrollment.sourcedId), SQLBind(enrollment.classId), SQLBind(enrollment.schoolId),
                        bindOrNull(student), bindOrNull(staff), SQLBind(enrollment.role.rawValue), SQLBind(enrollment.isPrimary),
                        bindOrNull(enrollment.beginDate?.description), bindOrNull(enrollment.endDate?.description),
                        SQLBind(enrollment.isActive), stamp, stamp]
            },
            ignoringConflictsOn: ignore
        )
    }

    static func insertGroupings(_ attributes: [GroupingAttribute], on db: any SQLDatabase) async throws {
        try await db.insertRows(
            into: "grouping_attributes", columns: ["id", "district_id", "key", "label_en", "label_fr", "position"],
            rows: attributes.enumerated().map { position, attribute in
                [SQLBind(attribute.id), SQLBind(attribute.districtId), SQLBind(attribute.key),
                 SQLBind(attribute.labels[.english] ?? attribute.key), SQLBind(attribute.labels[.french] ?? attribute.key), SQLBind(position)]
            },
            ignoringConflictsOn: ["district_id", "key"]
        )
        try await db.insertRows(
            into: "grouping_values", columns: ["attribute_id", "key", "label_en", "label_fr", "position"],
            rows: attributes.flatMap { attribute in
                attribute.values.enumerated().map { position, value in
                    [SQLBind(attribute.id), SQLBind(value.key), SQLBind(value.labels[.english] ?? value.key),
                     SQLBind(value.labels[.french] ?? value.key), SQLBind(position)]
                }
            },
            ignoringConflictsOn: ["attribute_id", "key"]
        )
    }
}
