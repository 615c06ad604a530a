import SQLKit

/// Instruments a district adds (the built-in ones ship as resource files). A version, once a wave
/// has used it, is never changed: editing makes the next version.
struct CreateInstruments: Migration {
    let name = "016_create_instruments"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "instruments")
            .column("id", type: .text, .notNull)
            .column("version", type: .int, .notNull)
            .uuidColumn("district_id", on: db, references: "organizations")
            .column("audience", type: .text, .notNull)
            .column("definition", type: .text, .notNull)
            .column("created_by", type: db.uuidType)
            .column("created_at", type: db.timestampType, .notNull)
            .primaryKey("id", "version")
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "instruments").run()
    }
}
