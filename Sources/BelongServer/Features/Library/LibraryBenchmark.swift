import BelongCore
import Foundation

/// How the library measures itself (issue #17), for `ResultsBench library`: a district library grown to a given size
/// from the built-in resources' own words, searched with a mix of queries and filters as people type them, a lookup
/// by id as the reference measured in the same run, and what recommendations add to a school's results.
public enum LibraryBenchmark {
    public struct Figures: Sendable {
        public var resources = 0
        public var seedSeconds = 0.0
        public var searchMilliseconds: [Double] = []
        public var lookupMilliseconds: [Double] = []
        public var recommendMilliseconds: [Double] = []
        public var schoolResultsMilliseconds: [Double] = []
        public var recommendationsFound = 0
    }

    static func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }

    /// Seeds the demo district (its schools, waves and results), grows its library to `size` resources, then times
    /// `queries` searches (each run `repetitions` times after a warm-up), lookups, and recommendations for Maple Grove.
    public static func run(database: Database, size: Int, queries: Int, repetitions: Int, seed: UInt64 = 17) async throws -> Figures {
        var figures = Figures()
        _ = try await DemoSeeder(database: database, today: .init(iso: "2026-12-01")!, hasher: PasswordHasher(cost: 4)).run()
        let organizations = try await OrganizationStore(database: database).all()
        guard let district = organizations.first(where: { $0.kind == .district }),
              let school = organizations.first(where: { $0.name.hasPrefix("Maple Grove") }) else { throw CancellationError() }
        let library = LibraryStore(database: database, builtIn: try Library.builtIn())
        var rng = SeededGenerator(seed: seed)
        let base = library.builtIn.resources
        let have = try await library.all(scope: LibraryScope(districts: [district.id])).count
        let started = ContinuousClock.now
        var batch: [Resource] = []
        for index in 0..<max(0, size - have) {
            // Each made resource takes a built-in one's shape and mixes two others' words, so words recur as in a real library.
            var made = base[index % base.count]
            let other = base[Int.random(in: 0..<base.count, using: &rng)], third = base[Int.random(in: 0..<base.count, using: &rng)]
            made.id = "bench-\(index)"
            for code in ["en", "fr"] {
                let words = (other.title[code] ?? "").split(separator: " ").shuffled(using: &rng).prefix(3).joined(separator: " ")
                made.title[code] = "\(made.title[code] ?? "") — \(words)"
                made.summary[code] = "\(made.summary[code] ?? "") \(third.summary[code] ?? "")"
            }
            made.minutes = [5, 10, 15, 30, 45, 60, 90, nil][Int.random(in: 0..<8, using: &rng)]
            batch.append(made)
            if batch.count == 500 { try await library.saveAll(batch, district: district.id); batch = [] }
        }
        try await library.saveAll(batch, district: district.id)
        figures.seedSeconds = Double((ContinuousClock.now - started).components.seconds)
        if database.dialect == .postgresql {
            // As autovacuum would by the time anyone searches a library grown over months, not seconds.
            try await database.write { db in try await db.raw("ANALYZE library_resources").run() }
        }
        figures.resources = try await library.all(scope: LibraryScope(districts: [district.id])).count

        // Queries: words from the library itself, common and rare, one to three, some cut short as typed, some with filters.
        let vocabulary = Array(Set(base.flatMap { SearchText.words($0.title(in: .english) + " " + $0.title(in: .french) + " " + $0.summary(in: .english)) }
            .filter { $0.count > 3 })).sorted()
        var mix: [(LibraryQuery, Language)] = []
        for _ in 0..<queries {
            let count = [1, 1, 2, 2, 3][Int.random(in: 0..<5, using: &rng)]
            var words = (0..<count).map { _ in vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)] }
            if Bool.random(using: &rng), let last = words.popLast() { words.append(String(last.prefix(max(3, last.count - 2)))) }
            var query = LibraryQuery(text: words.joined(separator: " "))
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: query.strategy = Strategy.allCases.randomElement(using: &rng)
            case 1: query.measure = Resource.measureIds.randomElement(using: &rng)
            case 2: query.audience = Resource.Audience.allCases.randomElement(using: &rng)
            case 3: query.grade = Grade.allCases.randomElement(using: &rng)
            default: break
            }
            mix.append((query, Bool.random(using: &rng) ? .english : .french))
        }
        let scope = LibraryScope(districts: [district.id])
        for (query, language) in mix.prefix(20) { _ = try await library.search(query, scope: scope, language: language) }
        for _ in 0..<repetitions {
            for (query, language) in mix {
                figures.searchMilliseconds.append(try await milliseconds { _ = try await library.search(query, scope: scope, language: language) })
                let id = "bench-\(Int.random(in: 0..<max(1, size - have), using: &rng))"
                figures.lookupMilliseconds.append(try await milliseconds { _ = try await library.entry(id, scope: scope) })
            }
        }

        // Recommendations on Maple Grove's latest student results, against the page's own work for the same results.
        let services = try await AppServices(configuration: BelongConfiguration(), database: database)
        let waves = try await services.surveys.list(schools: [school.id]).filter { $0.state == .closed && $0.respondents.kind == "students" }
        guard let wave = waves.max(by: { $0.closesAt < $1.closesAt }) else { return figures }
        let visitorScope = LibraryScope(districts: [district.id])
        _ = try await services.recommendations.recommend(for: school, scope: visitorScope)
        for _ in 0..<max(20, repetitions * 10) {
            var results: SchoolResults?
            figures.schoolResultsMilliseconds.append(try await milliseconds {
                results = try await services.resultsQueries.school(wave, school: school, grade: nil, includeOpenAnswers: true)
            })
            figures.recommendMilliseconds.append(try await milliseconds {
                figures.recommendationsFound = try await services.recommendations.recommend(for: school, scope: visitorScope, current: results).recommendations.count
            })
        }
        return figures
    }
}
