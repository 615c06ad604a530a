import SQLKit

struct CreateFamilyContacts: Migration {
    let name = "007_create_family_contacts"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "family_contacts")
            .rosterRecordColumns(on: db)
            .column("given_name", type: .text, .notNull)
            .column("family_name", type: .text, .notNull)
            .column("email", type: .text)
            .column("phone", type: .text)
            .column("preferred_language", type: .text)
            .column("deactivated_at", type: db.timestampType)
            .run()
        try await db.create(table: "family_links")
            .uuidColumn("family_id", on: db, references: "family_contacts", required: true)
            .uuidColumn("student_id", on: db, references: "students", required: true)
            .column("relationship", type: .text, .notNull)
            .primaryKey("family_id", "student_id")
            .run()
        try await db.create(index: "family_links_student").on("family_links").column("student_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "family_links").run()
        try await db.drop(table: "family_contacts").run()
    }
}
