import SQLKit

struct CreateStudents: Migration {
    let name = "005_create_students"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "students")
            .rosterRecordColumns(on: db)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("given_name", type: .text, .notNull)
            .column("family_name", type: .text, .notNull)
            .column("preferred_name", type: .text)
            .column("grade", type: .int, .notNull)
            .column("identifier", type: .text)
            .column("email", type: .text)
            .column("deactivated_at", type: db.timestampType)
            .run()
        try await db.create(index: "students_school_grade").on("students").column("school_id").column("grade").run()
        try await db.create(index: "students_family_name").on("students").column("family_name").run()
        try await db.create(table: "student_attributes")
            .uuidColumn("student_id", on: db, references: "students", required: true)
            .uuidColumn("attribute_id", on: db, references: "grouping_attributes", required: true)
            .column("value_key", type: .text, .notNull)
            .primaryKey("student_id", "attribute_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "student_attributes").run()
        try await db.drop(table: "students").run()
    }
}
