import BelongCore
import Foundation
import SQLKit

/// A resource as the library keeps it: the built-in ones (no district) and each district's own, which a district
/// administrator may retire.
struct LibraryEntry: Sendable, Hashable {
    let resource: Resource
    /// The district that added it; nil for a resource Belong ships.
    let district: UUID?
    var retired = false

    var isBuiltIn: Bool { district == nil }
}

/// Who reads the library: the districts whose own resources they see and whose hidden built-ins they do not.
/// A visitor who is not signed in reads the built-in library.
struct LibraryScope: Sendable, Hashable {
    let districts: Set<UUID>

    static let everyone = LibraryScope(districts: [])

    init(districts: Set<UUID>) {
        self.districts = districts
    }

    init(_ visitor: Visitor?) {
        guard let visitor else { self.init(districts: []); return }
        var districts = visitor.policy.districts
        for grant in visitor.policy.grants where !grant.role.isDistrictWide {
            if let district = visitor.policy.districtOfSchool[grant.organizationId] { districts.insert(district) }
        }
        self.init(districts: districts)
    }
}

/// An uploaded file of a district's resource, kept in the database beside it so a backup holds it.
struct LibraryFile: Sendable, Hashable {
    let name: String
    let mediaType: String
    let bytes: Data

    /// The largest file kept: a handout or a poster, not a video.
    static let maxBytes = 5 * 1_048_576

    /// What the bytes are, by their first bytes rather than their name: PDF, PNG or JPEG, else nil.
    static func mediaType(of bytes: Data) -> String? {
        let head = [UInt8](bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }
}

/// How many schools said they tried a resource, and their ratings.
struct TrialTally: Sendable, Hashable {
    let schools: Int
    let ratingTotal: Int

    static let none = TrialTally(schools: 0, ratingTotal: 0)
    var average: Double? { schools > 0 ? Double(ratingTotal) / Double(schools) : nil }
}

/// What one school said when it tried a resource.
struct Trial: Sendable, Hashable {
    let rating: Int
    let note: String
    let at: Date
}

/// The library in the database: every resource with the columns its filters read and the words it is searched by
/// (SearchText's, so SQLite's FTS5 and PostgreSQL's text search match the same words), districts' hidden built-ins,
/// schools' shortlists and trials.
struct LibraryStore: Sendable {
    let database: Database
    let builtIn: Library
    var now: @Sendable () -> Date = Date.init
    /// Every resource a scope reads, decoded, for recommendations and related resources on every results page. This
    /// store's writes forget it at once; another server sharing PostgreSQL is seen within the lifetime.
    private let everything = RecentCache<LibraryScope, [LibraryEntry]>(lifetime: 10, limit: 64)
    private let indexes = RecentCache<LibraryScope, RecommendationIndex>(lifetime: 10, limit: 64)

    private func forgetCaches() {
        everything.forgetAll()
        indexes.forgetAll()
    }

    init(database: Database, builtIn: Library, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.builtIn = builtIn
        self.now = now
    }

    static let pageSize = 20

    // MARK: Writing resources

    /// Writes the built-in resources as this version ships them: new ones added, changed ones rewritten, ones no
    /// longer shipped taken out of search. Nothing is written when the stored library is already this one.
    func syncBuiltIn() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let wanted = try Dictionary(uniqueKeysWithValues: builtIn.resources.map { ($0.id, String(decoding: try encoder.encode($0), as: UTF8.self)) })
        let stored = try await database.read { db in
            try await db.raw("SELECT r.id, p.payload FROM library_resources r JOIN library_payloads p ON p.resource_id = r.id WHERE r.district_id IS NULL").all()
                .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "payload", as: String.self)) }
        }
        let have = Dictionary(stored, uniquingKeysWith: { a, _ in a })
        let changed = builtIn.resources.filter { have[$0.id] != wanted[$0.id] }
        let gone = have.keys.filter { wanted[$0] == nil }
        guard !changed.isEmpty || !gone.isEmpty else { return }
        defer { forgetCaches() }
        try await database.write(deadline: DatabaseDeadline.background) { db in
            for resource in changed {
                try await Self.write(resource, payload: wanted[resource.id]!, district: nil, on: db)
            }
            for id in gone {
                try await Self.setRetired(id, true, on: db)
            }
        }
    }

    enum SaveError: Error, Equatable {
        case invalid([String])
        case idTaken
        case notYours
    }

    /// Adds or replaces a district's resource (and its file: a new one replaces the old; `removeFile` takes it away).
    func save(_ resource: Resource, district: UUID, file: LibraryFile?, removeFile: Bool = false) async throws {
        let problems = LibraryValidator.problems(in: resource)
        guard problems.isEmpty else { throw SaveError.invalid(problems) }
        guard builtIn[resource.id] == nil else { throw SaveError.idTaken }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = String(decoding: try encoder.encode(resource), as: UTF8.self)
        defer { forgetCaches() }
        try await database.write { db in
            if let owner = try await db.select().column("district_id").from("library_resources").where("id", .equal, resource.id).first() {
                guard try owner.decode(column: "district_id", as: UUID?.self) == district else { throw SaveError.notYours }
            }
            try await Self.write(resource, payload: payload, district: district, on: db)
            if file != nil || removeFile {
                try await db.delete(from: "library_files").where("resource_id", .equal, resource.id).run()
            }
            if let file {
                try await db.insert(into: "library_files").columns("resource_id", "name", "media_type", "bytes")
                    .values(SQLBind(resource.id), SQLBind(file.name), SQLBind(file.mediaType), SQLBind(file.bytes)).run()
            }
        }
    }

    /// Retires a district's resource (or brings it back): a retired resource is out of search, pages and recommendations.
    func setRetired(_ id: String, _ retired: Bool, district: UUID) async throws {
        defer { forgetCaches() }
        try await database.write { db in
            guard let owner = try await db.select().column("district_id").from("library_resources").where("id", .equal, id).first(),
                  try owner.decode(column: "district_id", as: UUID?.self) == district else { throw SaveError.notYours }
            try await Self.setRetired(id, retired, on: db)
        }
    }

    /// Hides a built-in resource from a district's people, or shows it again.
    func setHidden(_ id: String, _ hidden: Bool, district: UUID) async throws {
        guard builtIn[id] != nil else { throw SaveError.notYours }
        defer { forgetCaches() }
        try await database.write { db in
            try await db.delete(from: "library_hidden").where("district_id", .equal, SQLBind(district)).where("resource_id", .equal, id).run()
            if hidden {
                try await db.insert(into: "library_hidden").columns("district_id", "resource_id", "hidden_at")
                    .values(SQLBind(district), SQLBind(id), SQLBind(now())).run()
            }
        }
    }

    private static func setRetired(_ id: String, _ retired: Bool, on db: any SQLDatabase) async throws {
        try await db.update("library_resources").set("retired", to: SQLBind(retired)).where("id", .equal, id).run()
    }

    /// Writes many of a district's resources in one transaction (the benchmark's library of thousands); checked as `save` checks.
    func saveAll(_ resources: [Resource], district: UUID) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for resource in resources {
            let problems = LibraryValidator.problems(in: resource)
            guard problems.isEmpty else { throw SaveError.invalid(problems) }
            guard builtIn[resource.id] == nil else { throw SaveError.idTaken }
        }
        let payloads = try resources.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        defer { forgetCaches() }
        try await database.write(deadline: DatabaseDeadline.background) { db in
            for (resource, payload) in zip(resources, payloads) { try await Self.write(resource, payload: payload, district: district, on: db) }
        }
    }

    private static func write(_ resource: Resource, payload: String, district: UUID?, on db: any SQLDatabase) async throws {
        let index = SearchColumns(resource)
        let fields: [(String, any SQLExpression)] = [
            ("kind", SQLBind(resource.kind.rawValue)), ("evidence", SQLBind(resource.evidence.level.rawValue)),
            ("language", SQLBind(resource.language)), ("minutes", bindOrNull(resource.minutes)),
            ("grade_low", SQLBind(resource.grades.lowerBound.rawValue)), ("grade_high", SQLBind(resource.grades.upperBound.rawValue)),
            ("strategies", SQLBind(index.strategies)), ("measures", SQLBind(index.measures)), ("audiences", SQLBind(index.audiences)),
            ("title_terms", SQLBind(index.titleTerms)),
            ("sort_en", SQLBind(index.sortEnglish)), ("sort_fr", SQLBind(index.sortFrench)), ("retired", SQLBind(false)),
        ]
        var values: [(String, any SQLExpression)] = fields
        if db.isPostgres {
            // Without positions: nothing ranks by them, and the index and rows stay small.
            values.append(("search", SQLFunction("strip", args: SQLFunction("to_tsvector", args: SQLLiteral.string("simple"), SQLBind(index.terms)))))
        }
        let key: Int
        if let row = try await db.select().column("row_key").from("library_resources").where("id", .equal, resource.id).first() {
            key = try row.decode(column: "row_key", as: Int.self)
            let update = db.update("library_resources")
            for (column, value) in values { update.set(SQLIdentifier(column), to: value) }
            try await update.where("row_key", .equal, SQLBind(key)).run()
        } else {
            let insert = db.insert(into: "library_resources").columns(["id", "district_id"] + values.map { $0.0 })
                .values([SQLBind(resource.id), bindOrNull(district)] + values.map { $0.1 })
            guard let row = try await insert.returning("row_key").first() else { throw StorageError(table: "library_resources", underlying: CancellationError()) }
            key = try row.decode(column: "row_key", as: Int.self)
        }
        try await db.delete(from: "library_payloads").where("resource_id", .equal, resource.id).run()
        try await db.insert(into: "library_payloads").columns("resource_id", "payload").values(SQLBind(resource.id), SQLBind(payload)).run()
        if !db.isPostgres {
            try await db.raw("DELETE FROM library_terms WHERE rowid = \(bind: key)").run()
            try await db.raw("INSERT INTO library_terms (rowid, terms) VALUES (\(bind: key), \(bind: index.terms))").run()
        }
    }

    /// What the filters and the search read of a resource, worked out once when it is written.
    struct SearchColumns {
        let strategies, measures, audiences, titleTerms, terms, sortEnglish, sortFrench: String

        init(_ resource: Resource) {
            // Space-padded lists, so `LIKE '% x %'` finds one value the same way on both databases.
            func padded(_ values: [String]) -> String { " " + values.joined(separator: " ") + " " }
            strategies = padded(resource.strategies.map(\.rawValue))
            measures = padded(resource.measures)
            audiences = padded(resource.audiences.map(\.rawValue))
            let titles = resource.title.keys.sorted().compactMap { resource.title[$0] }
            titleTerms = padded(titles.flatMap(SearchText.terms))
            var text = titles + resource.summary.keys.sorted().compactMap { resource.summary[$0] }
            text += resource.tags.keys.sorted().flatMap { resource.tags[$0] ?? [] }
            text.append(resource.source)
            terms = text.flatMap(SearchText.terms).joined(separator: " ")
            sortEnglish = resource.sortTitle(in: .english)
            sortFrench = resource.sortTitle(in: .french)
        }
    }

    // MARK: Reading

    /// A resource the scope may read (retired ones only when `includingRetired`, for their district's administrators).
    func entry(_ id: String, scope: LibraryScope, includingRetired: Bool = false) async throws -> LibraryEntry? {
        let rows = try await database.read { db in
            try await db.raw("SELECT p.payload, r.district_id, r.retired FROM library_resources r JOIN library_payloads p ON p.resource_id = r.id WHERE r.id = \(bind: id) AND \(Self.visible(scope, includingRetired: includingRetired))").all()
        }
        return try rows.first.map(Self.entry)
    }

    /// Every resource the scope reads, in English title order: what recommendations and related resources choose from.
    func all(scope: LibraryScope) async throws -> [LibraryEntry] {
        try await everything.value(for: scope) {
            let rows = try await database.read { db in
                try await db.raw("SELECT p.payload, r.district_id, r.retired FROM library_resources r JOIN library_payloads p ON p.resource_id = r.id WHERE \(Self.visible(scope, includingRetired: false)) ORDER BY r.sort_en \(unsafeRaw: db.isPostgres ? "COLLATE \"C\"" : ""), r.id").all()
            }
            return try rows.map(Self.entry)
        } ?? []
    }

    /// What recommendations choose from for a scope, sorted once (and kept as long as `all`).
    func recommendationIndex(scope: LibraryScope) async throws -> RecommendationIndex {
        try await indexes.value(for: scope) { RecommendationIndex(try await all(scope: scope).map(\.resource)) } ?? RecommendationIndex([])
    }

    /// A district's own resources, retired ones too, and the built-in ones it hides: the administrator's list.
    func districtView(_ district: UUID) async throws -> (own: [LibraryEntry], hidden: Set<String>) {
        try await database.read { db in
            let own = try await db.raw("SELECT p.payload, r.district_id, r.retired FROM library_resources r JOIN library_payloads p ON p.resource_id = r.id WHERE r.district_id = \(bind: district) ORDER BY r.sort_en, r.id").all()
                .map(Self.entry)
            let hidden = try await db.select().column("resource_id").from("library_hidden").where("district_id", .equal, SQLBind(district)).all()
                .map { try $0.decode(column: "resource_id", as: String.self) }
            return (own, Set(hidden))
        }
    }

    func file(of id: String) async throws -> LibraryFile? {
        try await database.read { db in
            try await db.select().columns("name", "media_type", "bytes").from("library_files").where("resource_id", .equal, id).first().map { row in
                LibraryFile(name: try row.decode(column: "name", as: String.self), mediaType: try row.decode(column: "media_type", as: String.self),
                            bytes: try row.decode(column: "bytes", as: Data.self))
            }
        }
    }

    /// The name and size of a resource's file, without its bytes.
    func fileInfo(of id: String) async throws -> (name: String, mediaType: String, bytes: Int)? {
        try await database.read { db in
            try await db.raw("SELECT name, media_type, \(unsafeRaw: db.isPostgres ? "octet_length" : "length")(bytes) AS size FROM library_files WHERE resource_id = \(bind: id)").first()
                .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "media_type", as: String.self), try $0.decode(column: "size", as: Int.self)) }
        }
    }

    private static func entry(_ row: any SQLRow) throws -> LibraryEntry {
        LibraryEntry(resource: try JSONDecoder().decode(Resource.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)),
                     district: try row.decode(column: "district_id", as: UUID?.self), retired: try row.decode(column: "retired", as: Bool.self))
    }

    /// The rows a scope reads: built-in ones its districts do not hide, and its districts' own.
    private static func visible(_ scope: LibraryScope, includingRetired: Bool) -> SQLQueryString {
        let live: SQLQueryString = includingRetired ? "" : "r.retired = \(bind: false) AND "
        guard !scope.districts.isEmpty else { return live + "r.district_id IS NULL" }
        let districts = scope.districts.sorted { $0.uuidString < $1.uuidString }.map { $0 as any Encodable & Sendable }
        return live + """
            ((r.district_id IS NULL AND r.id NOT IN (SELECT h.resource_id FROM library_hidden h WHERE h.district_id IN (\(binds: districts)))) \
            OR r.district_id IN (\(binds: districts)))
            """
    }

    // MARK: Search

    struct Hits: Sendable {
        let entries: [LibraryEntry]
        let total: Int
    }

    /// The resources matching a query's words and filters: those with more of the words in their title first, then
    /// by title in the reader's language, then by id — the same rows in the same order on SQLite and PostgreSQL.
    func search(_ query: LibraryQuery, scope: LibraryScope, language: Language, page: Int = 1, pageSize: Int = LibraryStore.pageSize) async throws -> Hits {
        let terms = query.terms
        if query.hasNoSearchableWords { return Hits(entries: [], total: 0) }
        let sort = language == .french ? "sort_fr" : "sort_en"
        return try await database.read { db in
            var from: SQLQueryString = "FROM library_resources r"
            var conditions: [SQLQueryString] = [Self.visible(scope, includingRetired: false)]
            if !terms.isEmpty {
                // Every word whole but the last, which matches as typed so far (a prefix).
                if db.isPostgres {
                    let tsquery = terms.enumerated().map { index, term in index == terms.count - 1 ? "\(term):*" : term }.joined(separator: " & ")
                    conditions.append("r.search @@ to_tsquery('simple', \(bind: tsquery))")
                } else {
                    let match = terms.enumerated().map { index, term in index == terms.count - 1 ? "\"\(term)\"*" : "\"\(term)\"" }.joined(separator: " AND ")
                    from = "FROM library_terms f JOIN library_resources r ON r.row_key = f.rowid"
                    conditions.append("library_terms MATCH \(bind: match)")
                }
            }
            conditions += Self.filters(query)
            let whereClause = conditions.dropFirst().reduce(conditions[0]) { $0 + " AND " + $1 }
            var score: SQLQueryString = "0"
            for (index, term) in terms.enumerated() {
                let pattern = index == terms.count - 1 ? "% \(term)%" : "% \(term) %"
                score += " + CASE WHEN r.title_terms LIKE \(bind: pattern) THEN 1 ELSE 0 END"
            }
            let collate: SQLQueryString = db.isPostgres ? " COLLATE \"C\"" : ""
            let offset = (max(page, 1) - 1) * pageSize
            // One pass: the page's rows chosen on the small columns, with how many match in all; only those rows are
            // read whole. Byte order on both (PostgreSQL's "C" collation, SQLite's own), carried by the columns.
            let top: SQLQueryString = "SELECT r.row_key AS k, " + score + " AS score, r.\(unsafeRaw: sort)" + collate + " AS s, r.id" + collate + " AS i, "
                + "COUNT(*) OVER () AS total " + from + " WHERE " + whereClause + " ORDER BY score DESC, s, i LIMIT \(literal: pageSize) OFFSET \(literal: offset)"
            let rows = try await db.raw(
                "SELECT p.payload, r.district_id, r.retired, t.total FROM library_resources r JOIN (" + top + ") t ON r.row_key = t.k"
                    + " JOIN library_payloads p ON p.resource_id = r.id ORDER BY t.score DESC, t.s, t.i"
            ).all()
            var total = try rows.first?.decode(column: "total", as: Int.self)
            if total == nil, offset > 0 {
                // A page past the end has no row to carry the count.
                total = try await db.raw("SELECT COUNT(*) AS n " + from + " WHERE " + whereClause).first()?.decode(column: "n", as: Int.self)
            }
            return Hits(entries: try rows.map(Self.entry), total: total ?? 0)
        }
    }

    private static func filters(_ query: LibraryQuery) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let strategy = query.strategy { conditions.append("r.strategies LIKE \(bind: "% \(strategy.rawValue) %")") }
        if let measure = query.measure { conditions.append("r.measures LIKE \(bind: "% \(measure) %")") }
        if let audience = query.audience { conditions.append("r.audiences LIKE \(bind: "% \(audience.rawValue) %")") }
        if let grade = query.grade {
            conditions.append("r.grade_low <= \(bind: grade.rawValue) AND r.grade_high >= \(bind: grade.rawValue)")
        }
        if let kind = query.kind { conditions.append("r.kind = \(bind: kind.rawValue)") }
        if let evidence = query.evidence { conditions.append("r.evidence = \(bind: evidence.rawValue)") }
        if let language = query.language { conditions.append("r.language = \(bind: language)") }
        if let minutes = query.maximumMinutes { conditions.append("r.minutes IS NOT NULL AND r.minutes <= \(bind: minutes)") }
        return conditions
    }

    // MARK: Schools' shortlists and trials

    func shortlist(school: UUID) async throws -> [String] {
        try await database.read { db in
            try await db.select().column("resource_id").from("school_shortlists").where("school_id", .equal, SQLBind(school))
                .orderBy("added_at").orderBy("resource_id").all().map { try $0.decode(column: "resource_id", as: String.self) }
        }
    }

    /// Adds a resource to a school's shortlist or takes it off; false when nothing changed (a double submit).
    @discardableResult
    func setShortlisted(_ id: String, _ listed: Bool, school: UUID) async throws -> Bool {
        try await database.write { db in
            let present = try await db.count("school_shortlists") { $0.where("school_id", .equal, SQLBind(school)).where("resource_id", .equal, id) } > 0
            guard present != listed else { return false }
            if listed {
                try await db.insert(into: "school_shortlists").columns("school_id", "resource_id", "added_at").values(SQLBind(school), SQLBind(id), SQLBind(now())).run()
            } else {
                try await db.delete(from: "school_shortlists").where("school_id", .equal, SQLBind(school)).where("resource_id", .equal, id).run()
            }
            return true
        }
    }

    /// What a school says of a resource it tried; saying it again replaces what it said.
    func recordTrial(_ id: String, school: UUID, rating: Int, note: String) async throws {
        try await database.write { db in
            try await db.delete(from: "resource_trials").where("school_id", .equal, SQLBind(school)).where("resource_id", .equal, id).run()
            try await db.insert(into: "resource_trials").columns("school_id", "resource_id", "rating", "note", "tried_at")
                .values(SQLBind(school), SQLBind(id), SQLBind(rating), SQLBind(note), SQLBind(now())).run()
        }
    }

    func trial(_ id: String, school: UUID) async throws -> Trial? {
        try await database.read { db in
            try await db.select().columns("rating", "note", "tried_at").from("resource_trials")
                .where("school_id", .equal, SQLBind(school)).where("resource_id", .equal, id).first().map { row in
                    Trial(rating: try row.decode(column: "rating", as: Int.self), note: try row.decode(column: "note", as: String.self),
                          at: try row.decode(column: "tried_at", as: Date.self))
                }
        }
    }

    /// Every school's trials of a resource, counted; the page decides whether the count is large enough to show.
    func tally(_ id: String) async throws -> TrialTally {
        try await tallies([id])[id] ?? .none
    }

    func tallies(_ ids: [String]) async throws -> [String: TrialTally] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try await db.raw("SELECT resource_id, COUNT(*) AS schools, SUM(rating) AS total FROM resource_trials WHERE resource_id IN (\(binds: ids)) GROUP BY resource_id").all()
            return Dictionary(uniqueKeysWithValues: try rows.map { row in
                (try row.decode(column: "resource_id", as: String.self),
                 TrialTally(schools: try row.decode(column: "schools", as: Int.self), ratingTotal: try row.decode(column: "total", as: Int.self)))
            })
        }
    }
}
