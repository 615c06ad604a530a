// swift-tools-version: 6.1
import PackageDescription

// Every dependency here is named in docs/ENGINEERING.md ("The stack, and why"); add one only with a reason.
let package = Package(
    name: "belong",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "belong", targets: ["belong"]),
        .library(name: "BelongCore", targets: ["BelongCore"]),
        .library(name: "BelongServer", targets: ["BelongServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // SHA-256 and HMAC for session and API token fingerprints; already built for PostgresNIO's SCRAM.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"5.0.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already built for Hummingbird; its HTTP request and response parts let the connection guard
        // (Web/Connections) see where a request's headers and body end (issue #14).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Roster import: streaming CSV, zip bundles, multipart uploads (issue #3).
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Tests only: each page's HTML from a fixed view model, kept as a file so a change shows in review as a diff (issue #16).
        // Only its SnapshotTesting library is built; the inline-snapshot parts that need swift-syntax are not.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        // Benchmarks only (Benchmarks/); the trait keeps the malloc counters without jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BelongCore", resources: [.copy("Resources/demo-names.json"), .copy("Resources/instruments"), .copy("Resources/strategies.json"), .copy("Resources/library"), .copy("Resources/rubric.json")]),
        .target(
            name: "BelongServer",
            dependencies: [
                "BelongCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources/locales"), .copy("Resources/translations"), .copy("Resources/openapi.json")]
        ),
        .executableTarget(
            name: "belong",
            dependencies: [
                "BelongServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BelongCoreTests", dependencies: ["BelongCore"],
            // Read from the source tree: the expected statistics and the script that made them.
            exclude: ["Statistics/expected.json", "Statistics/make_expected.py"]
        ),
        .testTarget(
            name: "BelongServerTests",
            dependencies: [
                "BelongServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .executableTarget(
            name: "ResultsBench",
            dependencies: [
                "BelongCore",
                "BelongServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Benchmarks/ResultsBench"
        ),
        .executableTarget(
            name: "BelongBenchmarks",
            dependencies: [
                "BelongCore",
                "BelongServer",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Benchmarks/BelongBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
