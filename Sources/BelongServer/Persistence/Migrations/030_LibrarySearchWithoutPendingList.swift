import SQLKit

/// PostgreSQL's GIN index keeps new entries in a pending list that every search reads through until a
/// vacuum merges it: a library freshly grown by thousands searched three times slower than the same
/// library vacuumed. A library is written rarely and searched often, so its index takes each entry in
/// place as it is written. SQLite's FTS5 index has no such list.
struct LibrarySearchWithoutPendingList: Migration {
    let name = "030_library_search_without_pending_list"

    func prepare(on db: any SQLDatabase) async throws {
        guard db.isPostgres else { return }
        try await db.raw("ALTER INDEX library_resources_search SET (fastupdate = off)").run()
        try await db.raw("SELECT gin_clean_pending_list('library_resources_search'::regclass) AS merged").run()
    }

    func revert(on db: any SQLDatabase) async throws {
        guard db.isPostgres else { return }
        try await db.raw("ALTER INDEX library_resources_search RESET (fastupdate)").run()
    }
}
