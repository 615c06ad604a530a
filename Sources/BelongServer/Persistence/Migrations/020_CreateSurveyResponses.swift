import SQLKit

/// Responses: a random id, the batch's attributes, the day (not the time) and the answers packed one
/// byte per item. Nothing here can lead back to a code. In confidential waves `student_id` links the
/// response to the student for follow-up. SQLite stores rows by their random id, not by arrival.
struct CreateSurveyResponses: Migration {
    let name = "020_create_survey_responses"

    func prepare(on db: any SQLDatabase) async throws {
        let uuid = db.uuidTypeName
        let blob = db.bytesTypeName
        let body = """
            id \(uuid) NOT NULL PRIMARY KEY,
            wave_id \(uuid) NOT NULL REFERENCES survey_waves (id),
            school_id \(uuid) NOT NULL REFERENCES organizations (id),
            grade INTEGER,
            class_id \(uuid) REFERENCES classes (id),
            respondent_kind TEXT NOT NULL,
            language TEXT NOT NULL,
            day TEXT NOT NULL,
            answers \(blob) NOT NULL,
            texts TEXT,
            adults TEXT,
            student_id \(uuid) REFERENCES students (id)
            """
        try await db.raw(SQLQueryString("CREATE TABLE survey_responses (\(unsafeRaw: body))\(unsafeRaw: db.withoutRowID)")).run()
        try await db.create(index: "survey_responses_wave").on("survey_responses").column("wave_id").column("school_id").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.drop(table: "survey_responses").run()
    }
}
