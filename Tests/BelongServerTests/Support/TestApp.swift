import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import BelongServer

/// Boots the real application in-process against a fresh test database.
enum TestApp {
    /// The repository's Public/ folder, found from this file so tests run from any directory.
    static let publicDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Public").path

    static func configuration() -> BelongConfiguration {
        var configuration = BelongConfiguration()
        configuration.publicDirectory = publicDirectory
        configuration.port = 0
        // bcrypt's cost is what makes it slow on purpose; tests check behaviour, not the cost.
        configuration.passwordHashCost = 4
        // Every suite runs at once: the database may take longer than a load balancer would wait.
        configuration.healthDeadline = .seconds(60)
        configuration.releaseEvery = 0
        // An import page answers once its import is done (tests read the preview and the result), unless a test asks for the progress page.
        configuration.importProgressAfter = .seconds(300)
        return configuration
    }

    /// Runs `test` with a client talking to a freshly built app; `prepare` may seed the database first.
    static func run(
        configure: (inout BelongConfiguration) -> Void = { _ in },
        prepare: (Database) async throws -> Void = { _ in },
        logger: Logger = TestDatabase.logger,
        databaseLogger: Logger = TestDatabase.logger,
        requestDeadline: Duration = .seconds(120),
        sqliteFile: Bool = false,
        clock: @escaping @Sendable () -> Date = Date.init,
        _ test: @escaping @Sendable (any TestClientProtocol, Database) async throws -> Void
    ) async throws {
        try await TestDatabase.withEmpty(logger: databaseLogger, requestDeadline: requestDeadline, sqliteFile: sqliteFile) { database in
            var configuration = configuration()
            configure(&configuration)
            let app = try await buildApplication(configuration: configuration, database: database, logger: logger, clock: clock)
            try await prepare(database)
            try await app.test(.router) { client in
                try await test(client, database)
            }
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
