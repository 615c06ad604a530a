import SQLKit

/// One row `/healthz` writes to: a database that answers reads but cannot write (a full disk, a read-only
/// file system, a stuck writer) is not healthy.
struct CreateHealthProbe: Migration {
    let name = "025_create_health_probe"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "health_probe")
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("checked_at", type: db.timestampType, .notNull)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "health_probe").run()
    }
}
