import SQLKit

struct CreateClasses: Migration {
    let name = "003_create_classes"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "classes")
            .rosterRecordColumns(on: db)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("title", type: .text, .notNull)
            .column("class_code", type: .text)
            .column("kind", type: .text, .notNull)
            .column("course_title", type: .text)
            // OneRoster grade codes, comma-separated ("06,07"): read with the class, never queried alone.
            .column("grades", type: .text, .notNull, .default(""))
            .run()
        try await db.create(index: "classes_school").on("classes").column("school_id").run()
        // A class may run in several terms.
        try await db.create(table: "class_sessions")
            .uuidColumn("class_id", on: db, references: "classes", required: true)
            .uuidColumn("session_id", on: db, references: "academic_sessions", required: true)
            .primaryKey("class_id", "session_id")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "class_sessions").run()
        try await db.drop(table: "classes").run()
    }
}
