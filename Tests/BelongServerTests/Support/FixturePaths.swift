import Foundation

/// Where the rosters the tests read live.
enum FixturePaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func oneRoster(_ name: String) -> String {
        repository.appendingPathComponent("Tests/Fixtures/oneroster/\(name)").path
    }

    static var plainCSV: String { repository.appendingPathComponent("Tests/Fixtures/csv").path }

    /// Real-world bundles kept beside the project (../shared/fixtures/oneroster), when this checkout has them.
    static var shared: URL { repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/oneroster") }

    static var sharedBundles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: shared.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }
}
