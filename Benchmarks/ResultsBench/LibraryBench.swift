import ArgumentParser
import BelongServer
import Foundation
import Logging

/// The library's benchmark (issue #17): search over a library of `--resources` on SQLite or PostgreSQL, beside a
/// lookup by id in the same run, and what recommendations add to a school's results. Prints one JSON object.
struct LibraryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "library")
    @Option(help: "An SQLite file to create, or a postgres:// URL.") var database: String
    @Option(help: "How many resources the library grows to.") var resources: Int = 10_000
    @Option(help: "How many different queries.") var queries: Int = 300
    @Option(help: "How many times each query runs.") var repetitions: Int = 5

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
    }

    func run() async throws {
        var logger = Logger(label: "library-bench")
        logger.logLevel = .error
        let location: DatabaseLocation = database.hasPrefix("postgres") ? .postgres(url: database) : .sqliteFile(path: database)
        let db = try await Database.open(location, logger: logger)
        _ = try await Migrator(database: db, logger: logger).migrate()
        let figures = try await LibraryBenchmark.run(database: db, size: resources, queries: queries, repetitions: repetitions)
        try await db.close()
        let p = Self.percentile
        let report: [String: Any] = [
            "database": database.hasPrefix("postgres") ? "postgresql" : "sqlite", "resources": figures.resources, "seedSeconds": figures.seedSeconds,
            "searches": figures.searchMilliseconds.count,
            "searchP50": p(figures.searchMilliseconds, 0.5), "searchP90": p(figures.searchMilliseconds, 0.9), "searchP99": p(figures.searchMilliseconds, 0.99),
            "searchMax": figures.searchMilliseconds.max() ?? 0,
            "lookupP50": p(figures.lookupMilliseconds, 0.5), "lookupP99": p(figures.lookupMilliseconds, 0.99),
            "recommendP50": p(figures.recommendMilliseconds, 0.5), "recommendP99": p(figures.recommendMilliseconds, 0.99),
            "schoolResultsP50": p(figures.schoolResultsMilliseconds, 0.5), "recommendations": figures.recommendationsFound,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
    }
}
