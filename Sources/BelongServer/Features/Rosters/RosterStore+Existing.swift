import BelongCore
import Foundation
import SQLKit

extension RosterStore {
    /// Every rostered record Belong holds (those with a sourcedId), for an import to compare against.
    public func existing() async throws -> ExistingRoster {
        try await database.read(deadline: DatabaseDeadline.background) { db in
            var snapshot = RosterSnapshot()
            snapshot.organizations = try await db.select().columns("*").from("organizations").all().map(OrganizationStore.organization)

            var sessionsByClass: [UUID: [UUID]] = [:]
            for row in try await db.select().columns("class_id", "session_id").from("class_sessions").all() {
                sessionsByClass[try row.decode(column: "class_id", as: UUID.self), default: []].append(try row.decode(column: "session_id", as: UUID.self))
            }
            snapshot.sessions = try await db.select().columns("*").from("academic_sessions").all().map { row in
                AcademicSession(
                    id: try row.decode(column: "id", as: UUID.self), sourcedId: try row.decode(column: "sourced_id", as: String?.self),
                    title: try row.decode(column: "title", as: String.self),
                    kind: AcademicSession.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .term,
                    startDate: CalendarDate(iso: try row.decode(column: "start_date", as: String.self)) ?? CalendarDate(year: 2000, month: 1, day: 1)!,
                    endDate: CalendarDate(iso: try row.decode(column: "end_date", as: String.self)) ?? CalendarDate(year: 2000, month: 1, day: 1)!,
                    schoolYear: try row.decode(column: "school_year", as: Int.self), parentId: try row.decode(column: "parent_id", as: UUID?.self),
                    organizationId: try row.decode(column: "organization_id", as: UUID?.self), isActive: try row.decode(column: "is_active", as: Bool.self)
                )
            }
            snapshot.classes = try await db.select().columns("*").from("classes").all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return SchoolClass(
                    id: id, sourcedId: try row.decode(column: "sourced_id", as: String?.self), schoolId: try row.decode(column: "school_id", as: UUID.self),
                    title: try row.decode(column: "title", as: String.self), classCode: try row.decode(column: "class_code", as: String?.self),
                    kind: SchoolClass.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .scheduled,
                    courseTitle: try row.decode(column: "course_title", as: String?.self),
                    grades: try row.decode(column: "grades", as: String.self).split(separator: ",").compactMap { Grade(code: String($0)) },
                    sessionIds: (sessionsByClass[id] ?? []).sorted { $0.uuidString < $1.uuidString }, isActive: try row.decode(column: "is_active", as: Bool.self)
                )
            }

            var attributeKeys: [UUID: String] = [:]
            var groupings: [UUID: GroupingAttribute] = [:]
            for row in try await db.select().columns("*").from("grouping_attributes").all() {
                let id = try row.decode(column: "id", as: UUID.self)
                let key = try row.decode(column: "key", as: String.self)
                attributeKeys[id] = key
                groupings[id] = GroupingAttribute(
                    id: id, districtId: try row.decode(column: "district_id", as: UUID.self), key: key,
                    labels: [.english: try row.decode(column: "label_en", as: String.self), .french: try row.decode(column: "label_fr", as: String.self)], values: []
                )
            }
            snapshot.groupingAttributes = Array(groupings.values)
            var attributes: [UUID: [String: String]] = [:]
            for row in try await db.select().columns("student_id", "attribute_id", "value_key").from("student_attributes").all() {
                guard let key = attributeKeys[try row.decode(column: "attribute_id", as: UUID.self)] else { continue }
                attributes[try row.decode(column: "student_id", as: UUID.self), default: [:]][key] = try row.decode(column: "value_key", as: String.self)
            }
            let studentAttributes = attributes
            snapshot.students = try await db.select().columns("*").from("students").where("sourced_id", .isNot, SQLLiteral.null).collect { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return Student(
                    id: id, sourcedId: try row.decode(column: "sourced_id", as: String?.self), schoolId: try row.decode(column: "school_id", as: UUID.self),
                    name: try PeopleStore.personName(row), grade: try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
                    identifier: try row.decode(column: "identifier", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                    attributes: studentAttributes[id] ?? [:], isActive: try row.decode(column: "is_active", as: Bool.self)
                )
            }

            var assignments: [UUID: [StaffMember.Assignment]] = [:]
            for row in try await db.select().columns("staff_id", "school_id", "job_role").from("staff_assignments").all() {
                guard let job = StaffMember.JobRole(rawValue: try row.decode(column: "job_role", as: String.self)) else { continue }
                assignments[try row.decode(column: "staff_id", as: UUID.self), default: []]
                    .append(.init(schoolId: try row.decode(column: "school_id", as: UUID.self), jobRole: job))
            }
            snapshot.staff = try await db.select().columns("*").from("staff_members").where("sourced_id", .isNot, SQLLiteral.null).all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return StaffMember(
                    id: id, sourcedId: try row.decode(column: "sourced_id", as: String?.self), name: try PeopleStore.personName(row),
                    email: try row.decode(column: "email", as: String?.self), identifier: try row.decode(column: "identifier", as: String?.self),
                    assignments: (assignments[id] ?? []).sorted { ($0.schoolId.uuidString, $0.jobRole.rawValue) < ($1.schoolId.uuidString, $1.jobRole.rawValue) },
                    isActive: try row.decode(column: "is_active", as: Bool.self)
                )
            }

            var links: [UUID: [FamilyContact.Link]] = [:]
            for row in try await db.select().columns("family_id", "student_id", "relationship").from("family_links").all() {
                links[try row.decode(column: "family_id", as: UUID.self), default: []].append(.init(
                    studentId: try row.decode(column: "student_id", as: UUID.self),
                    relationship: FamilyContact.Relationship(rawValue: try row.decode(column: "relationship", as: String.self)) ?? .guardian
                ))
            }
            snapshot.families = try await db.select().columns("*").from("family_contacts").where("sourced_id", .isNot, SQLLiteral.null).all().map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                return FamilyContact(
                    id: id, sourcedId: try row.decode(column: "sourced_id", as: String?.self),
                    name: PersonName(given: try row.decode(column: "given_name", as: String.self), family: try row.decode(column: "family_name", as: String.self)),
                    email: try row.decode(column: "email", as: String?.self), phone: try row.decode(column: "phone", as: String?.self),
                    preferredLanguage: try row.decode(column: "preferred_language", as: String?.self),
                    links: (links[id] ?? []).sorted { $0.studentId.uuidString < $1.studentId.uuidString }, isActive: try row.decode(column: "is_active", as: Bool.self)
                )
            }

            snapshot.enrollments = try await db.select()
                .columns("id", "sourced_id", "class_id", "school_id", "student_id", "staff_id", "role", "is_primary", "begin_date", "end_date", "is_active")
                .from("enrollments").where("sourced_id", .isNot, SQLLiteral.null)
                .collect(Self.enrollment)
            return ExistingRoster(snapshot)
        }
    }

    static func enrollment(_ row: any SQLRow) throws -> Enrollment {
        let student = try row.decode(column: "student_id", as: UUID?.self)
        let staff = try row.decode(column: "staff_id", as: UUID?.self)
        let member: Enrollment.Member = if let student { .student(student) } else { .staff(staff ?? UUID()) }
        return Enrollment(
            id: try row.decode(column: "id", as: UUID.self), sourcedId: try row.decode(column: "sourced_id", as: String?.self),
            classId: try row.decode(column: "class_id", as: UUID.self), schoolId: try row.decode(column: "school_id", as: UUID.self), member: member,
            role: Enrollment.Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .student,
            isPrimary: try row.decode(column: "is_primary", as: Bool.self),
            beginDate: try row.decode(column: "begin_date", as: String?.self).flatMap(CalendarDate.init(iso:)),
            endDate: try row.decode(column: "end_date", as: String?.self).flatMap(CalendarDate.init(iso:)),
            isActive: try row.decode(column: "is_active", as: Bool.self)
        )
    }
}
