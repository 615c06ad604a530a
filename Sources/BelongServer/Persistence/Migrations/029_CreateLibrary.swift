import SQLKit

/// The library (issue #17): every resource — the built-in ones, written here at start, and each district's own —
/// with the columns its filters read, and beside it the resource itself; a full-text index over its words
/// (FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL); a district's uploaded files, kept in the
/// database so a backup holds them; the built-in resources a district hides; each school's shortlist; and
/// what each school said when it tried a resource.
struct CreateLibrary: Migration {
    let name = "029_create_library"

    func prepare(on db: any SQLDatabase) async throws {
        let uuid = db.uuidTypeName
        // A number for each row, so the full-text index finds its row by key, not by text. The row holds only what
        // a search filters and ranks on; the resource itself (a few kilobytes) is in library_payloads, read for the
        // page's twenty rows only.
        let rowKey = db.isPostgres ? "row_key BIGSERIAL PRIMARY KEY" : "row_key INTEGER PRIMARY KEY"
        let search = db.isPostgres ? ",\n search TSVECTOR NOT NULL" : ""
        try await db.raw(SQLQueryString("""
            CREATE TABLE library_resources (
            \(unsafeRaw: rowKey),
            id TEXT NOT NULL UNIQUE,
            district_id \(unsafeRaw: uuid) REFERENCES organizations (id),
            kind TEXT NOT NULL,
            evidence TEXT NOT NULL,
            language TEXT NOT NULL,
            minutes INTEGER,
            grade_low INTEGER NOT NULL,
            grade_high INTEGER NOT NULL,
            strategies TEXT NOT NULL,
            measures TEXT NOT NULL,
            audiences TEXT NOT NULL,
            title_terms TEXT NOT NULL,
            sort_en TEXT NOT NULL,
            sort_fr TEXT NOT NULL,
            retired BOOLEAN NOT NULL DEFAULT FALSE\(unsafeRaw: search))
            """)).run()
        try await db.create(table: "library_payloads")
            .column("resource_id", type: .text, .primaryKey(autoIncrement: false), .references("library_resources", "id"))
            .column("payload", type: .text, .notNull)
            .run()
        try await db.create(index: "library_resources_district").on("library_resources").column("district_id").run()
        if db.isPostgres {
            try await db.raw("CREATE INDEX library_resources_search ON library_resources USING GIN (search)").run()
        } else {
            // Words only, already folded and stemmed by SearchText: the tokenizer just splits at spaces.
            try await db.raw("CREATE VIRTUAL TABLE library_terms USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')").run()
        }
        try await db.raw(SQLQueryString("""
            CREATE TABLE library_files (
            resource_id TEXT NOT NULL PRIMARY KEY REFERENCES library_resources (id),
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            bytes \(unsafeRaw: db.bytesTypeName) NOT NULL)
            """)).run()
        try await db.create(table: "library_hidden")
            .uuidColumn("district_id", on: db, references: "organizations", required: true)
            .column("resource_id", type: .text, .notNull)
            .column("hidden_at", type: db.timestampType, .notNull)
            .primaryKey("district_id", "resource_id")
            .run()
        try await db.create(table: "school_shortlists")
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("resource_id", type: .text, .notNull)
            .column("added_at", type: db.timestampType, .notNull)
            .primaryKey("school_id", "resource_id")
            .run()
        try await db.create(table: "resource_trials")
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .column("resource_id", type: .text, .notNull)
            .column("rating", type: .int, .notNull)
            .column("note", type: .text, .notNull)
            .column("tried_at", type: db.timestampType, .notNull)
            .primaryKey("school_id", "resource_id")
            .run()
        try await db.create(index: "resource_trials_resource").on("resource_trials").column("resource_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "resource_trials").run()
        try await db.drop(table: "school_shortlists").run()
        try await db.drop(table: "library_hidden").run()
        try await db.drop(table: "library_files").run()
        try await db.drop(table: "library_payloads").run()
        if !db.isPostgres { try await db.raw("DROP TABLE library_terms").run() }
        try await db.drop(table: "library_resources").run()
    }
}
