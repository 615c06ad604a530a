import SQLKit

struct CreateSurveyWaves: Migration {
    let name = "017_create_survey_waves"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "survey_waves")
            .column("id", type: db.uuidType, .primaryKey(autoIncrement: false))
            .uuidColumn("district_id", on: db, references: "organizations")
            .column("title", type: .text, .notNull)
            .column("instrument_id", type: .text, .notNull)
            .column("instrument_version", type: .int, .notNull)
            .column("respondents", type: .text, .notNull)
            .column("grade_from", type: .int)
            .column("grade_to", type: .int)
            .column("opens_at", type: db.timestampType, .notNull)
            .column("closes_at", type: db.timestampType, .notNull)
            .column("time_zone", type: .text, .notNull)
            .column("mode", type: .text, .notNull)
            .column("languages", type: .text, .notNull)
            .column("minimum_n", type: .int, .notNull)
            .column("state", type: .text, .notNull)
            .column("custom_items", type: .text, .notNull, .default("[]"))
            .column("created_by", type: db.uuidType)
            .column("created_at", type: db.timestampType, .notNull)
            .column("updated_at", type: db.timestampType, .notNull)
            .check(SQLRaw("minimum_n >= 5"), named: "survey_waves_minimum_n")
            .check(SQLRaw("closes_at > opens_at"), named: "survey_waves_window")
            .run()
        try await db.create(table: "survey_wave_schools")
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .uuidColumn("school_id", on: db, references: "organizations", required: true)
            .primaryKey("wave_id", "school_id")
            .run()
        try await db.create(index: "survey_wave_schools_school").on("survey_wave_schools").column("school_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "survey_wave_schools").run()
        try await db.drop(table: "survey_waves").run()
    }
}
