import SQLKit

/// OneRoster makes a user's `grades` optional and real exports leave it empty: a student whose grade
/// neither the roster nor their classes give is kept with none ("grade not given"), counted at their
/// school and in no grade. Both databases drop the constraint in place (SQLite since 3.53).
struct AllowStudentsWithoutGrade: Migration {
    let name = "028_allow_students_without_grade"

    func prepare(on db: any SQLDatabase) async throws {
        try await db.raw("ALTER TABLE students ALTER COLUMN grade DROP NOT NULL").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        let ungraded = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("students")
            .where("grade", .is, SQLLiteral.null).first()?.decode(column: "n", as: Int.self) ?? 0
        guard ungraded == 0 else { throw MigrationError.revertRefused("\(ungraded) students have no grade; give them one before going back") }
        try await db.raw("ALTER TABLE students ALTER COLUMN grade SET NOT NULL").run()
    }
}
