import SQLKit

/// The ways a district groups students for reporting (gender, home language, …) and their values.
struct CreateGroupingAttributes: Migration {
    let name = "004_create_grouping_attributes"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "grouping_attributes")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .uuidColumn("district_id", on: db, references: "organizations", required: true)
            .column("key", type: .text, .notNull)
            .column("label_en", type: .text, .notNull)
            .column("label_fr", type: .text, .notNull)
            .column("position", type: .int, .notNull, .default(0))
            .unique("district_id", "key")
            .run()
        try await db.create(table: "grouping_values")
            .uuidColumn("attribute_id", on: db, references: "grouping_attributes", required: true)
            .column("key", type: .text, .notNull)
            .column("label_en", type: .text, .notNull)
            .column("label_fr", type: .text, .notNull)
            .column("position", type: .int, .notNull, .default(0))
            .primaryKey("attribute_id", "key")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "grouping_values").run()
        try await db.drop(table: "grouping_attributes").run()
    }
}
