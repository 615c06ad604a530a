import SQLKit

struct CreateStaffMembers: Migration {
    let name = "006_create_staff_members"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "staff_members")
            .rosterRecordColumns(on: db)
            .column("given_name", type: .text, .notNull)
            .column("family_name", type: .text, .notNull)
            .column("preferred_name", type: .text)
            .column("email", type: .text)
            .column("identifier", type: .text)
            .column("deactivated_at", type: db.timestampType)
            .run()
        // A person may work at several schools, in a different job at each.
        try await db.create(table: "staff_assignments")
            .uuidColumn("staff_id", on: db, references: "staff_members", required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("job_role", type: .text, .notNull)
            .primaryKey("staff_id", "school_id", "job_role")
            .run()
        try await db.create(index: "staff_assignments_school").on("staff_assignments").column("school_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "staff_assignments").run()
        try await db.drop(table: "staff_members").run()
    }
}
