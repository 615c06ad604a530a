import BelongCore
import Foundation
import SQLKit

extension RosterStore {
    /// Writes an import's changes in one transaction: all of them, or (on any failure) none.
    public func apply(_ changes: RosterChanges) async throws {
        let timestamp = now()
        try await database.write(deadline: DatabaseDeadline.background) { db in
            try await Self.apply(changes, at: timestamp, on: db)
        }
    }

    static func apply(_ changes: RosterChanges, at timestamp: Date, on db: any SQLDatabase) async throws {
        let stamp = SQLBind(timestamp)
        let organizations = changes.organizations.sorted { ($0.kind == .district ? 0 : 1) < ($1.kind == .district ? 0 : 1) }
        try await db.upsertRows(
            into: "organizations",
            columns: ["id", "sourced_id", "kind", "name", "identifier", "district_id", "lowest_grade", "highest_grade", "is_active", "created_at", "updated_at"],
            from: organizations, key: ["id"]
        ) { org in
            [SQLBind(org.id), bindOrNull(org.sourcedId), SQLBind(org.kind.rawValue), SQLBind(org.name), bindOrNull(org.identifier),
             bindOrNull(org.districtId), bindOrNull(org.lowestGrade?.rawValue), bindOrNull(org.highestGrade?.rawValue), SQLBind(org.isActive), stamp, stamp]
        }
        // The planner lists parents before children.
        try await db.upsertRows(
            into: "academic_sessions",
            columns: ["id", "sourced_id", "title", "kind", "start_date", "end_date", "school_year", "parent_id", "organization_id", "is_active", "created_at", "updated_at"],
            from: changes.sessions, key: ["id"]
        ) { session in
            [SQLBind(session.id), bindOrNull(session.sourcedId), SQLBind(session.title), SQLBind(session.kind.rawValue),
             SQLBind(session.startDate.description), SQLBind(session.endDate.description), SQLBind(session.schoolYear),
             bindOrNull(session.parentId), bindOrNull(session.organizationId), SQLBind(session.isActive), stamp, stamp]
        }
        try await db.upsertRows(
            into: "classes",
            columns: ["id", "sourced_id", "school_id", "title", "class_code", "kind", "course_title", "grades", "is_active", "created_at", "updated_at"],
            from: changes.classes, key: ["id"]
        ) { schoolClass in
            [SQLBind(schoolClass.id), bindOrNull(schoolClass.sourcedId), SQLBind(schoolClass.schoolId), SQLBind(schoolClass.title),
             bindOrNull(schoolClass.classCode), SQLBind(schoolClass.kind.rawValue), bindOrNull(schoolClass.courseTitle),
             SQLBind(schoolClass.grades.map(\.oneRosterCode).joined(separator: ",")), SQLBind(schoolClass.isActive), stamp, stamp]
        }
        try await db.forBatches(of: changes.classes.map(\.id)) { ids in
            try await db.delete(from: "class_sessions").where(SQLIdentifier("class_id"), .in, SQLBind.group(ids)).run()
        }
        try await db.insertRows(
            into: "class_sessions", columns: ["class_id", "session_id"],
            rows: changes.classes.flatMap { schoolClass in schoolClass.sessionIds.map { [SQLBind(schoolClass.id), SQLBind($0)] } }
        )

        try await insertGroupings(changes.newGroupings, on: db)
        try await db.upsertRows(
            into: "students",
            columns: ["id", "sourced_id", "school_id", "given_name", "family_name", "preferred_name", "grade", "identifier", "email", "is_active",
                      "deactivated_at", "created_at", "updated_at"],
            from: changes.students, key: ["id"]
        ) { student in
            [SQLBind(student.id), bindOrNull(student.sourcedId), SQLBind(student.schoolId), SQLBind(student.name.given), SQLBind(student.name.family),
             bindOrNull(student.name.preferred), bindOrNull(student.grade?.rawValue), bindOrNull(student.identifier), bindOrNull(student.email),
             SQLBind(student.isActive), student.isActive ? SQLLiteral.null : stamp, stamp, stamp]
        }
        try await replaceManagedAttributes(changes, on: db)

        try await db.upsertRows(
            into: "staff_members",
            columns: ["id", "sourced_id", "given_name", "family_name", "preferred_name", "email", "identifier", "is_active", "deactivated_at", "created_at", "updated_at"],
            from: changes.staff, key: ["id"]
        ) { member in
            [SQLBind(member.id), bindOrNull(member.sourcedId), SQLBind(member.name.given), SQLBind(member.name.family), bindOrNull(member.name.preferred),
             bindOrNull(member.email), bindOrNull(member.identifier), SQLBind(member.isActive), member.isActive ? SQLLiteral.null : stamp, stamp, stamp]
        }
        try await db.forBatches(of: changes.staff.map(\.id)) { ids in
            try await db.delete(from: "staff_assignments").where(SQLIdentifier("staff_id"), .in, SQLBind.group(ids)).run()
        }
        try await db.insertRows(
            into: "staff_assignments", columns: ["staff_id", "school_id", "job_role"],
            rows: changes.staff.flatMap { member in member.assignments.map { [SQLBind(member.id), SQLBind($0.schoolId), SQLBind($0.jobRole.rawValue)] } },
            ignoringConflictsOn: ["staff_id", "school_id", "job_role"]
        )

        try await db.upsertRows(
            into: "family_contacts",
            columns: ["id", "sourced_id", "given_name", "family_name", "email", "phone", "preferred_language", "is_active", "deactivated_at", "created_at", "updated_at"],
            from: changes.families, key: ["id"]
        ) { family in
            [SQLBind(family.id), bindOrNull(family.sourcedId), SQLBind(family.name.given), SQLBind(family.name.family), bindOrNull(family.email),
             bindOrNull(family.phone), bindOrNull(family.preferredLanguage), SQLBind(family.isActive), family.isActive ? SQLLiteral.null : stamp, stamp, stamp]
        }
        try await db.forBatches(of: changes.families.map(\.id)) { ids in
            try await db.delete(from: "family_links").where(SQLIdentifier("family_id"), .in, SQLBind.group(ids)).run()
        }
        try await db.insertRows(
            into: "family_links", columns: ["family_id", "student_id", "relationship"],
            rows: changes.families.flatMap { family in family.links.map { [SQLBind(family.id), SQLBind($0.studentId), SQLBind($0.relationship.rawValue)] } },
            ignoringConflictsOn: ["family_id", "student_id"]
        )

        try await db.upsertRows(
            into: "enrollments",
            columns: ["id", "sourced_id", "class_id", "school_id", "student_id", "staff_id", "role", "is_primary", "begin_date", "end_date", "is_active",
                      "created_at", "updated_at"],
            from: changes.enrollments, key: ["id"]
        ) { enrollment in
            let (student, staff): (UUID?, UUID?) = switch enrollment.member {
            case .student(let id): (id, nil)
            case .staff(let id): (nil, id)
            }
            return [SQLBind(enrollment.id), bindOrNull(enrollment.sourcedId), SQLBind(enrollment.classId), SQLBind(enrollment.schoolId),
                    bindOrNull(student), bindOrNull(staff), SQLBind(enrollment.role.rawValue), SQLBind(enrollment.isPrimary),
                    bindOrNull(enrollment.beginDate?.description), bindOrNull(enrollment.endDate?.description), SQLBind(enrollment.isActive), stamp, stamp]
        }

        // Deactivated, never deleted: surveys, marks and history still refer to them.
        let tables: [(RosterChanges.Table, String, Bool)] = [
            (.organizations, "organizations", false), (.sessions, "academic_sessions", false), (.classes, "classes", false),
            (.students, "students", true), (.staff, "staff_members", true), (.families, "family_contacts", true), (.enrollments, "enrollments", false),
        ]
        for (kind, table, isPerson) in tables {
            try await db.forBatches(of: changes.deactivations[kind] ?? []) { ids in
                let update = db.update(table).set("is_active", to: SQLBind(false)).set("updated_at", to: stamp)
                if isPerson { update.set("deactivated_at", to: stamp) }
                try await update.where(SQLIdentifier("id"), .in, SQLBind.group(ids)).run()
            }
        }
    }

    /// Students' values for the grouping attributes the import manages (such as sex from demographics).
    static func replaceManagedAttributes(_ changes: RosterChanges, on db: any SQLDatabase) async throws {
        guard !changes.managedAttributeKeys.isEmpty, !changes.students.isEmpty else { return }
        let schools = Set(changes.students.map(\.schoolId))
        var districtOfSchool: [UUID: UUID] = [:]
        try await db.forBatches(of: Array(schools)) { ids in
            for row in try await db.select().columns("id", "district_id").from("organizations").where(SQLIdentifier("id"), .in, SQLBind.group(ids)).all() {
                if let district = try row.decode(column: "district_id", as: UUID?.self) {
                    districtOfSchool[try row.decode(column: "id", as: UUID.self)] = district
                }
            }
        }
        var attributeIds: [UUID: [String: UUID]] = [:]
        for row in try await db.select().columns("id", "district_id", "key").from("grouping_attributes").all() {
            attributeIds[try row.decode(column: "district_id", as: UUID.self), default: [:]][try row.decode(column: "key", as: String.self)] =
                try row.decode(column: "id", as: UUID.self)
        }
        var rows: [[any SQLExpression]] = []
        var cleared: [UUID: [UUID]] = [:]
        for student in changes.students {
            guard let district = districtOfSchool[student.schoolId] else { continue }
            for key in changes.managedAttributeKeys {
                guard let attribute = attributeIds[district]?[key] else { continue }
                cleared[attribute, default: []].append(student.id)
                if let value = student.attributes[key] { rows.append([SQLBind(student.id), SQLBind(attribute), SQLBind(value)]) }
            }
        }
        for (attribute, students) in cleared {
            try await db.forBatches(of: students) { ids in
                try await db.delete(from: "student_attributes").where("attribute_id", .equal, SQLBind(attribute))
                    .where(SQLIdentifier("student_id"), .in, SQLBind.group(ids)).run()
            }
        }
        try await db.insertRows(into: "student_attributes", columns: ["student_id", "attribute_id", "value_key"], rows: rows)
    }
}
