import SQLKit

/// Access codes, kept only as a keyed hash with their batch (school, grade, class). No time is kept,
/// and SQLite stores the rows by hash rather than in the order codes are used, so neither the columns
/// nor the storage order tells when a code was used.
struct CreateAccessCodes: Migration {
    let name = "019_create_access_codes"

    func prepare(on db: any SQLDatabase) async throws {
        let body = """
            code_hash TEXT NOT NULL PRIMARY KEY,
            wave_id \(db.uuidTypeName) NOT NULL REFERENCES survey_waves (id),
            school_id \(db.uuidTypeName) NOT NULL REFERENCES organizations (id),
            grade INTEGER,
            class_id \(db.uuidTypeName) REFERENCES classes (id),
            respondent_kind TEXT NOT NULL,
            student_id \(db.uuidTypeName) REFERENCES students (id),
            used BOOLEAN NOT NULL DEFAULT FALSE,
            void BOOLEAN NOT NULL DEFAULT FALSE
            """
        try await db.raw(SQLQueryString("CREATE TABLE access_codes (\(unsafeRaw: body))\(unsafeRaw: db.withoutRowID)")).run()
        try await db.create(index: "access_codes_wave_class").on("access_codes").column("wave_id").column("class_id").run()
        // The keep-alive of a survey in progress: answers so far, against the code, until submit.
        try await db.create(table: "response_drafts")
            .column("code_hash", type: .text, .primaryKey(autoIncrement: false))
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("language", type: .text, .notNull)
            .column("answers", type: .text, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "response_drafts").run()
        try await db.drop(table: "access_codes").run()
    }
}
