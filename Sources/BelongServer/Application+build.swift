import BelongCore
import Foundation
import Hummingbird
import Logging
import Prometheus

/// The Belong application as one function of its configuration and its open database.
/// Tests call this with an in-memory SQLite database or a PostgreSQL schema of their own.
public func buildApplication(
    configuration: BelongConfiguration,
    database: Database,
    logger: Logger = Logger(label: "belong"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    if configuration.autoMigrate {
        try await Migrator(database: database, logger: logger).migrate()
    }
    let translations = try Translations.bundled()
    let registry = PrometheusCollectorRegistry()
    let router = Router(context: BelongRequestContext.self)

    router.add(middleware: RequestMetricsMiddleware(registry: registry))
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorPageMiddleware(translations: translations))
    router.add(middleware: FileMiddleware(
        configuration.publicDirectory,
        cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3600)])]),
        logger: logger
    ))

    let roster = RosterStore(database: database)
    PagesController(translations: translations, roster: roster, minimumGroupSize: configuration.minimumGroupSize)
        .addRoutes(to: router)
    OperationsController(database: database, registry: registry, startedAt: Date())
        .addRoutes(to: router)

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "Belong"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
