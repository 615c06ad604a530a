import SQLKit

/// An open wave's figures go out in steps (DOMAIN.md §4, time): each release is numbered, and each
/// response says in which release it went out (NULL: not yet). The number is no finer than the day a
/// response already keeps: every release a reader can see moved each shown figure by none or by at least
/// N respondents. `holds` lists, as JSON, the groups and figures the release withholds beyond its plan.
struct CreateWaveReleases: Migration {
    let name = "026_create_wave_releases"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "wave_releases")
            .uuidColumn("wave_id", on: db, references: "survey_waves", required: true)
            .column("number", type: .int, .notNull)
            .column("released_at", type: db.timestampType, .notNull)
            .column("responses", type: .int, .notNull)
            .column("closing", type: db.boolType, .notNull, .default(false))
            .column("holds", type: .text, .notNull)
            .primaryKey("wave_id", "number")
            .run()
        try await db.alter(table: "survey_responses").column("released_in", type: .int).run()
    }

    func revert(on db: any SQLDatabase) async throws {
        try await db.alter(table: "survey_responses").dropColumn("released_in").run()
        try await db.drop(table: "wave_releases").run()
    }
}
