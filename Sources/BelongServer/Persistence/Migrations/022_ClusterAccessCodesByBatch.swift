import SQLKit

/// SQLite only: access codes move from a table ordered by hash to one in issue order, found by hash
/// through an index. A class's codes are issued together and used together, so claiming them changes
/// the few pages that batch shares instead of one page of the whole table per code: a fifth less
/// written per stored response. Codes are inserted shuffled within their batch (CodeStore), and a code
/// never moves when it is used, so the order says neither whose a code is nor when it was used.
/// PostgreSQL's table is a heap in any case; housekeeping rewrites it in hash order.
struct ClusterAccessCodesByBatch: Migration {
    let name = "022_cluster_access_codes_by_batch"

    func prepare(on db: any SQLDatabase) async throws {
        guard !db.isPostgres else { return }
        try await rebuild(db, key: "code_hash TEXT NOT NULL UNIQUE", withoutRowID: false,
                          order: "wave_id, school_id, class_id, code_hash")
    }

    func revert(on db: any SQLDatabase) async throws {
        guard !db.isPostgres else { return }
        try await rebuild(db, key: "code_hash TEXT NOT NULL PRIMARY KEY", withoutRowID: true, order: "code_hash")
    }

    private func rebuild(_ db: any SQLDatabase, key: String, withoutRowID: Bool, order: String) async throws {
        let columns = "code_hash, wave_id, school_id, grade, class_id, respondent_kind, student_id, used, void"
        try await db.raw(SQLQueryString("""
            CREATE TABLE access_codes_rebuilt (\(unsafeRaw: key),
            wave_id \(unsafeRaw: db.uuidTypeName) NOT NULL REFERENCES survey_waves (id),
            school_id \(unsafeRaw: db.uuidTypeName) NOT NULL REFERENCES organizations (id),
            grade INTEGER,
            class_id \(unsafeRaw: db.uuidTypeName) REFERENCES classes (id),
            respondent_kind TEXT NOT NULL,
            student_id \(unsafeRaw: db.uuidTypeName) REFERENCES students (id),
            used BOOLEAN NOT NULL DEFAULT FALSE,
            void BOOLEAN NOT NULL DEFAULT FALSE)\(unsafeRaw: withoutRowID ? " WITHOUT ROWID" : "")
            """)).run()
        try await db.raw(SQLQueryString(
            "INSERT INTO access_codes_rebuilt (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM access_codes ORDER BY \(unsafeRaw: order)"
        )).run()
        try await db.raw("DROP TABLE access_codes").run()
        try await db.raw("ALTER TABLE access_codes_rebuilt RENAME TO access_codes").run()
        try await db.create(index: "access_codes_wave_class").on("access_codes").column("wave_id").column("class_id").run()
    }
}
