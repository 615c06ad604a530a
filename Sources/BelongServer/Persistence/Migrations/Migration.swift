import SQLKit

/// One step in the schema's history. A shipped migration is never edited: change the schema with a new one.
protocol Migration: Sendable {
    /// Recorded in `belong_migrations`; the number fixes the order ("001_create_organizations").
    var name: String { get }
    func prepare(on db: any SQLDatabase) async throws
    func revert(on db: any SQLDatabase) async throws
}

/// Every migration, in the order it runs. Append new ones at the end.
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganizations(),
        CreateAcademicSessions(),
        CreateClasses(),
        CreateGroupingAttributes(),
        CreateStudents(),
        CreateStaffMembers(),
        CreateFamilyContacts(),
        CreateEnrollments(),
        CreateUserAccounts(),
        CreateSessions(),
        CreateSignInThrottles(),
        CreateAPITokens(),
        CreateAuditEvents(),
        CreateServerSecrets(),
        CreateRosterImports(),
        CreateInstruments(),
        CreateSurveyWaves(),
        AddSurveyOptOut(),
        CreateAccessCodes(),
        CreateSurveyResponses(),
        CreateCodeIssues(),
        ClusterAccessCodesByBatch(),
        SealDrafts(),
        CreateHiddenOpenAnswers(),
        CreateHealthProbe(),
        CreateWaveReleases(),
        CreateSchoolHelpMessages(),
        AllowStudentsWithoutGrade(),
        CreateLibrary(),
        LibrarySearchWithoutPendingList(),
        CreateSelfAssessments(),
        CreatePlans(),
        CreatePlanDueDates(),
    ]
}

/// Column types that differ between SQLite and PostgreSQL, decided here and nowhere else.
extension SQLDatabase {
    var isPostgres: Bool { dialect.name == "postgresql" }

    /// PostgreSQL has a native UUID type; SQLite keeps the 36-character text.
    var uuidType: SQLDataType { isPostgres ? .custom(SQLRaw(uuidTypeName)) : .text }

    /// The same, for a migration that writes its table in SQL (to cluster it, or keep it without a rowid).
    var uuidTypeName: String { isPostgres ? "UUID" : "TEXT" }

    /// Bytes: BYTEA on PostgreSQL, BLOB on SQLite.
    var bytesTypeName: String { isPostgres ? "BYTEA" : "BLOB" }

    /// SQLite keeps rows in primary-key order without a hidden rowid: random ids then say nothing of arrival.
    var withoutRowID: String { isPostgres ? "" : " WITHOUT ROWID" }

    /// SQLite stores BOOLEAN as 0 and 1; PostgreSQL has the type.
    var boolType: SQLDataType { .custom(SQLRaw("BOOLEAN")) }

    /// Date-and-time columns: TIMESTAMPTZ on PostgreSQL, seconds since 1970 on SQLite.
    var timestampType: SQLDataType { .timestamp }
}

extension SQLCreateTableBuilder {
    /// The columns every record that can come from a roster shares: its id, the roster's `sourcedId`,
    /// whether it is active (records are deactivated, never deleted) and when it last changed.
    func rosterRecordColumns(on db: any SQLDatabase) -> Self {
        self
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .column("sourced_id", type: .text, .unique)
            .column("is_active", type: db.boolType, .notNull, .default(true))
            .column("created_at", type: db.timestampType, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .column("source_modified_at", type: db.timestampType)
    }

    func uuidColumn(_ name: String, on db: any SQLDatabase, references table: String? = nil, required: Bool = false) -> Self {
        var constraints: [SQLColumnConstraintAlgorithm] = required ? [.notNull] : []
        if let table {
            // NO ACTION (the default) rather than RESTRICT: checked at the end of a statement, so dropping a
            // self-referencing table in a revert works, while deleting a referenced row is still refused.
            constraints.append(.references(table, "id"))
        }
        return column(name, type: db.uuidType, constraints)
    }
}
