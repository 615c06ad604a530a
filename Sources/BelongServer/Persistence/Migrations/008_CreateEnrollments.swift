import SQLKit

struct CreateEnrollments: Migration {
    let name = "008_create_enrollments"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "enrollments")
            .rosterRecordColumns(on: db)
            .uuidColumn("class_id", on: db, references: "classes", required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .uuidColumn("student_id", on: db, references: "students")
            .uuidColumn("staff_id", on: db, references: "staff_members")
            .column("role", type: .text, .notNull)
            .column("is_primary", type: db.boolType, .notNull, .default(false))
            .column("begin_date", type: .text)
            .column("end_date", type: .text)
            // Exactly one kind of member.
            .check(SQLRaw("(student_id IS NULL) <> (staff_id IS NULL)"), named: "enrollments_one_member")
            .run()
        try await db.create(index: "enrollments_class").on("enrollments").column("class_id").run()
        try await db.create(index: "enrollments_student").on("enrollments").column("student_id").run()
        try await db.create(index: "enrollments_staff").on("enrollments").column("staff_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "enrollments").run()
    }
}
