import BelongCore
import Foundation
import Testing
@testable import BelongServer

/// Searching the library through the database (FTS5 on SQLite, text search on PostgreSQL: the suite runs on
/// whichever TestDatabase opens). Every answer is checked against the same search worked out plainly in Swift
/// from the resources and SearchText, so both databases give the same resources in the same order.
@Suite("Searching the library")
struct LibrarySearchTests {
    /// The search as the store promises it, done by hand: every word but the last whole, the last as typed so far;
    /// more of the words in a title first, then the title in the reader's language, then the id.
    static func expected(_ query: LibraryQuery, in resources: [Resource], language: Language) -> [String] {
        let terms = query.terms
        if query.hasNoSearchableWords { return [] }
        let matching = resources.filter { resource in
            guard query.admits(resource) else { return false }
            let columns = LibraryStore.SearchColumns(resource)
            let words = Set(columns.terms.split(separator: " ").map(String.init))
            return terms.enumerated().allSatisfy { index, term in
                index == terms.count - 1 ? words.contains { $0.hasPrefix(term) } : words.contains(term)
            }
        }
        func score(_ resource: Resource) -> Int {
            let title = LibraryStore.SearchColumns(resource).titleTerms
            return terms.enumerated().filter { index, term in title.contains(index == terms.count - 1 ? " \(term)" : " \(term) ") }.count
        }
        func sortKey(_ resource: Resource) -> String {
            let columns = LibraryStore.SearchColumns(resource)
            return language == .french ? columns.sortFrench : columns.sortEnglish
        }
        return matching.sorted { a, b in
            let (x, y) = (score(a), score(b))
            if x != y { return x > y }
            if sortKey(a) != sortKey(b) { return Array(sortKey(a).utf8).lexicographicallyPrecedes(Array(sortKey(b).utf8)) }
            return Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
        }.map(\.id)
    }

    static func ids(_ store: LibraryStore, _ query: LibraryQuery, scope: LibraryScope = .everyone, language: Language = .english) async throws -> [String] {
        var all: [String] = []
        var page = 1
        while true {
            let hits = try await store.search(query, scope: scope, language: language, page: page, pageSize: 25)
            all += hits.entries.map(\.resource.id)
            if all.count >= hits.total || hits.entries.isEmpty { break }
            page += 1
        }
        return all
    }

    static func store(_ database: Database) async throws -> LibraryStore {
        let store = try LibraryFixture.store(database)
        try await store.syncBuiltIn()
        return store
    }

    @Test("accents and word forms: 'ecoute' finds 'écoute', 'relationships' finds 'Relationship mapping', in either language")
    func accentsAndStems() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let store = try await Self.store(database)
            let ecoute = try await Self.ids(store, LibraryQuery(text: "ecoute"))
            #expect(!ecoute.isEmpty)
            #expect(ecoute == (try await Self.ids(store, LibraryQuery(text: "ÉCOUTE"))), "case and accents do not matter")
            let relationships = try await Self.ids(store, LibraryQuery(text: "relationships"))
            #expect(relationships.contains("relationship-mapping"))
            #expect(relationships.first == "relationship-mapping" || relationships.prefix(3).contains("relationship-mapping"), "a title match comes first")
            #expect(try await Self.ids(store, LibraryQuery(text: "relationship")) == relationships)
            let french = try await Self.ids(store, LibraryQuery(text: "cartographie des relations"), language: .french)
            #expect(french.first == "relationship-mapping")
            #expect(try await Self.ids(store, LibraryQuery(text: "mentor")).contains { $0.contains("mentor") })
        }
    }

    @Test("every query and filter gives what the plain search gives, in the same order, on this database, in English and French")
    func sameAsPlain() async throws {
        // One database for every case: each test database is a PostgreSQL schema with a pool of its own.
        try await TestDatabase.withMigrated { (database: Database) async throws in
          for language in [Language.english, .french] {
            let store = try await Self.store(database)
            let resources = store.builtIn.resources
            var queries: [LibraryQuery] = ["", "safe", "heard listening", "écoute", "family", "familles", "teachers", "circle", "rest", "check",
                                           "relationships", "mentor", "student voice", "brain", "toolkit", "2x10", "belonging", "soci"].map { LibraryQuery(text: $0) }
            queries += Strategy.allCases.map { LibraryQuery(strategy: $0) }
            queries += Resource.measureIds.map { LibraryQuery(measure: $0) }
            queries += Resource.Audience.allCases.map { LibraryQuery(audience: $0) }
            queries += [Grade.kindergarten, .grade3, .grade9, .grade12].map { LibraryQuery(grade: $0) }
            queries += Resource.Kind.allCases.map { LibraryQuery(kind: $0) }
            queries += Resource.Evidence.Level.allCases.map { LibraryQuery(evidence: $0) }
            queries += [LibraryQuery(language: "fr"), LibraryQuery(language: "en"), LibraryQuery(maximumMinutes: 15), LibraryQuery(maximumMinutes: 60)]
            queries += [LibraryQuery(text: "students", strategy: .relationships, audience: .staff, grade: .grade7, maximumMinutes: 60),
                        LibraryQuery(text: "class", measure: "heard", kind: .practice)]
            for query in queries {
                let found = try await Self.ids(store, query, language: language)
                #expect(found == Self.expected(query, in: resources, language: language), "\(query)")
            }
            #expect(try await Self.ids(store, LibraryQuery(), language: language).count == resources.count, "no words and no filters: the whole library")
          }
        }
    }

    static let hostileQueries = [
        "\"", "\"\"", "'", "NEAR(safe heard)", "safe AND", "OR", "NOT heard", "*", "heard*", "^safe", "title:safe", "(safe", "safe)", "a & b | !c",
        "'; DROP TABLE library_resources; --", "%", "_", "\\", "😀😀", "🏫 école", "\u{0}", "safe\u{202E}heard", "l’école", "---", "::", "5:*",
    ]

    @Test("odd and hostile queries find something or nothing, never an error")
    func hostile() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let store = try await Self.store(database)
            for text in Self.hostileQueries {
                let query = LibraryQuery(text: text)
                let found = try await Self.ids(store, query)
                #expect(found == Self.expected(query, in: store.builtIn.resources, language: .english), "\(text.debugDescription)")
            }
            #expect(try await database.read { db in try await db.count("library_resources") } >= store.builtIn.resources.count)
        }
    }

    @Test("ten kilobytes of text are searched by their first words, quickly")
    func longQuery() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let store = try await Self.store(database)
            let text = String(repeating: "students feel heard when adults listen ", count: 260)
            #expect(text.utf8.count > 10_000)
            let query = LibraryQuery(text: text)
            #expect(query.terms.count <= SearchText.maximumQueryTerms)
            #expect(try await Self.ids(store, query) == Self.expected(query, in: store.builtIn.resources, language: .english))
            #expect(LibraryQuery(text: "🙂 !!").hasNoSearchableWords)
            #expect(try await store.search(LibraryQuery(text: "🙂 !!"), scope: .everyone, language: .english).total == 0)
        }
    }

    @Test("a district's own resources are found by its people only; a hidden built-in and a retired one are not")
    func districtScope() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let fixture = try await Fixture.make(on: database)
            let store = try await Self.store(database)
            let own = try await LibraryFixture.add(on: database, district: fixture.district.id,
                                                   LibraryFixture.resource(title: "Lunchtime listening tables", titleFr: "Tables d’écoute du midi"))
            let district = LibraryScope(districts: [fixture.district.id])
            #expect(try await Self.ids(store, LibraryQuery(text: "lunchtime"), scope: district) == [own.id])
            #expect(try await Self.ids(store, LibraryQuery(text: "tables ecoute midi"), scope: district, language: .french) == [own.id])
            #expect(try await Self.ids(store, LibraryQuery(text: "lunchtime")).isEmpty, "not to a visitor")
            #expect(try await Self.ids(store, LibraryQuery(text: "lunchtime"), scope: LibraryScope(districts: [UUID()])).isEmpty, "not to another district")

            try await store.setHidden("relationship-mapping", true, district: fixture.district.id)
            #expect(!(try await Self.ids(store, LibraryQuery(text: "relationship mapping"), scope: district)).contains("relationship-mapping"))
            #expect(try await Self.ids(store, LibraryQuery(text: "relationship mapping")).contains("relationship-mapping"), "still there for everyone else")
            #expect(try await store.entry("relationship-mapping", scope: district) == nil)

            try await store.setRetired(own.id, true, district: fixture.district.id)
            #expect(try await Self.ids(store, LibraryQuery(text: "lunchtime"), scope: district).isEmpty)
            #expect(try await store.entry(own.id, scope: district, includingRetired: true)?.retired == true)
            await #expect(throws: LibraryStore.SaveError.self) { try await store.setRetired(own.id, false, district: UUID()) }
            await #expect(throws: LibraryStore.SaveError.idTaken) {
                try await store.save(LibraryFixture.resource(id: "relationship-mapping"), district: fixture.district.id, file: nil)
            }
        }
    }

    @Test("writing the built-in library twice writes nothing the second time; a changed resource is rewritten and found by its new words")
    func syncing() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let store = try await Self.store(database)
            let count = try await database.read { db in try await db.count("library_resources") }
            try await store.syncBuiltIn()
            #expect(try await database.read { db in try await db.count("library_resources") } == count)
            var resources = store.builtIn.resources
            resources[0].tags["en"] = ["zebrafish"]
            let changed = LibraryStore(database: database, builtIn: Library(resources: resources))
            try await changed.syncBuiltIn()
            #expect(try await Self.ids(changed, LibraryQuery(text: "zebrafish")) == [resources[0].id])
            let fewer = LibraryStore(database: database, builtIn: Library(resources: Array(resources.dropFirst())))
            try await fewer.syncBuiltIn()
            #expect(try await Self.ids(fewer, LibraryQuery(text: "zebrafish")).isEmpty, "a resource no longer shipped leaves the search")
        }
    }
}
