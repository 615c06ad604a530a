import SQLKit

/// The append-only audit log. Triggers refuse every UPDATE and DELETE, so not even a bug in Belong
/// can rewrite history; only dropping the table (a revert) removes it.
struct CreateAuditEvents: Migration {
    let name = "013_create_audit_events"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "audit_events")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .column("at", type: db.timestampType, .notNull)
            .column("action", type: .text, .notNull)
            .column("actor_id", type: db.uuidType)
            .column("actor_label", type: .text, .notNull)
            .column("target_kind", type: .text)
            .column("target_id", type: .text)
            .column("organization_id", type: db.uuidType)
            .column("ip", type: .text)
            .column("detail", type: .text)
            .run()
        try await db.create(index: "audit_events_at").on("audit_events").column("at").run()
        try await db.create(index: "audit_events_actor").on("audit_events").column("actor_id").run()
        if db.isPostgres {
            try await db.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """).run()
            try await db.raw("""
                CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        } else {
            for operation in ["UPDATE", "DELETE"] {
                try await db.raw("""
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                    """).run()
            }
        }
    }

    func revert(on db: any SQLDatabase) async throws {
        // Drop the table first: its row-level DELETE trigger would otherwise refuse SQLite's implicit delete.
        if !db.isPostgres {
            try await db.raw("DROP TRIGGER IF EXISTS audit_events_no_delete").run()
            try await db.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
        }
        try await db.drop(table: "audit_events").run()
        if db.isPostgres {
            try await db.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
