import SQLKit

/// A family may opt their child out of surveys: the child then gets no code.
struct AddSurveyOptOut: Migration {
    let name = "018_add_survey_opt_out"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.alter(table: "students").column("survey_opt_out", type: db.boolType, .notNull, .default(false)).run()
        try await db.alter(table: "students").column("survey_opt_out_at", type: db.timestampType).run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.alter(table: "students").dropColumn("survey_opt_out_at").run()
        try await db.alter(table: "students").dropColumn("survey_opt_out").run()
    }
}
