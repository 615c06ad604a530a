import SQLKit

struct CreateOrganizations: Migration {
    let name = "001_create_organizations"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "organizations")
            .rosterRecordColumns(on: db)
            .column("kind", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("identifier", type: .text)
            .uuidColumn("district_id", on: db, references: "organizations")
            .column("lowest_grade", type: .int)
            .column("highest_grade", type: .int)
            .check(SQLRaw("kind IN ('district', 'school')"), named: "organizations_kind")
            // A district sits at the top; only a school has a district.
            .check(SQLRaw("kind = 'school' OR district_id IS NULL"), named: "organizations_district_has_no_district")
            .run()
        try await db.create(index: "organizations_district").on("organizations").column("district_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "organizations").run()
    }
}
