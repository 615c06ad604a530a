import Benchmark
import BelongCore
import BelongServer
import Foundation
import HummingbirdTesting
import Logging

/// Run with `swift package benchmark` (release build). Figures are compared as ratios between
/// baselines: `swift package benchmark baseline update main`, then `… baseline compare main`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 50
    )

    let names = try! NameBook.bundled()
    var quiet = Logger(label: "benchmark")
    quiet.logLevel = .error

    // The deterministic demo district: 2,000 students, 150 staff, 446 classes, 13,241 enrollments.
    Benchmark("Demo district: generate") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(DemoDistrict(schoolYear: 2027, names: names).generate())
        }
    }

    // Storing a whole district in one transaction: the path a roster import takes.
    Benchmark("Demo district: store in SQLite", configuration: .init(maxIterations: 10)) { benchmark in
        let roster = DemoDistrict(schoolYear: 2027, names: names).generate()
        for _ in benchmark.scaledIterations {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
            let database = try await Database.open(.sqliteFile(path: path), logger: quiet)
            try await Migrator(database: database, logger: quiet).migrate()
            benchmark.startMeasurement()
            try await RosterStore(database: database).insertNew(roster)
            benchmark.stopMeasurement()
            try await database.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    // The landing page through the whole middleware stack and a database count, in process.
    Benchmark("Landing page: 100 requests in process", configuration: .init(maxIterations: 20)) { benchmark in
        let database = try await Database.open(.sqliteMemory, logger: quiet)
        var configuration = BelongConfiguration()
        configuration.port = 0
        let app = try await buildApplication(configuration: configuration, database: database, logger: quiet)
        _ = try await DemoSeeder(database: database, today: CalendarDate(iso: "2026-11-29")!).run()
        // The test client runs its closure as @Sendable; the benchmark is only used from that one task.
        let benchmark = UncheckedSendable(benchmark)
        try await app.test(.router) { client in
            for _ in benchmark.value.scaledIterations {
                benchmark.value.startMeasurement()
                for _ in 0..<100 {
                    let response = try await client.execute(uri: "/", method: .get, headers: [:], body: nil)
                    blackHole(response)
                }
                benchmark.value.stopMeasurement()
            }
        }
        try await database.close()
    }
}

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
