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
    clock: @escaping @Sendable () -> Date = Date.init,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    if configuration.autoMigrate {
        try await Migrator(database: database, logger: logger).migrate()
    }
    let registry = PrometheusCollectorRegistry()
    let services = try await AppServices(configuration: configuration, database: database, registry: registry, now: clock)
    for (language, problems) in services.kit.translations.refusedPacks.sorted(by: { $0.key < $1.key }) {
        logger.warning("translation \(language.code) is not offered until it is complete: \(problems.prefix(20).joined(separator: "; "))\(problems.count > 20 ? "; … \(problems.count - 20) more" : "")")
    }
    for pack in services.kit.translations.packs.values.sorted(by: { $0.language < $1.language }) where !pack.reviewed {
        logger.notice("translation \(pack.language.code) is offered as a draft: have a fluent speaker review it (\"reviewed\": true once done)")
    }
    let router = makeRouter(services: services, logger: logger).router

    let connections = ConnectionRegistry(
        limits: configuration.connectionLimits, openFileLimit: ConnectionLimits.raiseOpenFileLimit(), trustProxy: configuration.trustProxy,
        registry: registry, logger: logger
    )
    return Application(
        router: router,
        server: .guardedHTTP1(registry: connections),
        // A class connecting at once waits in the kernel's queue: past a full queue (Hummingbird's default is
        // 256) a client's handshake is dropped and retried seconds later, and it sits connected but unseen.
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "Belong", backlog: 4096),
        services: [SurveyHousekeepingService(housekeeping: SurveyHousekeeping(database: database), logger: logger)],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// Belong's features, each with its routes, handlers and navigation entries (`<Feature>+Routes.swift`).
let belongFeatures: [any Feature.Type] = [
    HomeFeature.self, AboutFeature.self, AccountsFeature.self, PeopleFeature.self, AuditFeature.self, RostersFeature.self, APIFeature.self,
    SurveyWavesFeature.self, DashboardFeature.self, ResultsFeature.self, LibraryFeature.self, AssessmentFeature.self, PlanFeature.self, SurveyTakingFeature.self, OperationsFeature.self,
]

/// Every route and middleware; apart from `buildApplication` so tests can list the routes and their definitions.
func makeRouter(services: AppServices, logger: Logger) -> (router: Router<BelongRequestContext>, routes: [Route]) {
    let configuration = services.configuration
    let router = Router(context: BelongRequestContext.self)

    router.add(middleware: RequestMetricsMiddleware(registry: services.registry))
    router.add(middleware: DatabaseBudgetMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    if configuration.trustProxy { router.add(middleware: ClientAddressMiddleware()) }
    router.add(middleware: SessionMiddleware(sessions: services.sessions, people: services.visitors))
    router.add(middleware: ErrorPageMiddleware(kit: services.kit))
    // Inside the error pages: FileMiddleware serves a file when the routes answer 404, so it must see that 404 thrown.
    router.add(middleware: FileMiddleware(
        configuration.publicDirectory,
        cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3600)])]),
        logger: logger
    ))
    router.add(middleware: APITokenMiddleware(tokens: services.tokens, visitors: services.visitors, audit: services.audit))
    router.add(middleware: FormProtectionMiddleware(signer: services.kit.signer))

    let table = RouteTable(router: router)
    for feature in belongFeatures {
        feature.init(services).register(table)
    }
    services.returnPaths.learn(router.routes)
    return (router, table.routes)
}

/// The stores and services the routes share, built once per application.
struct AppServices: Sendable {
    let configuration: BelongConfiguration
    let database: Database
    let registry: PrometheusCollectorRegistry
    /// The clock every feature reads, so tests can fix the time.
    let now: @Sendable () -> Date
    let returnPaths = ReturnPaths()
    let kit: PageKit
    let roster: RosterStore
    let organizations: OrganizationStore
    let accounts: AccountStore
    let sessions: SessionStore
    let audit: AuditStore
    let tokens: TokenStore
    let hasher: PasswordHasher
    let visitors: VisitorLoader
    let signIn: SignInService
    let codes: CodeStore
    let surveys: SurveyStore
    let instruments: InstrumentStore
    let taking: SurveyTaking
    let results: ResultsEngine
    let openAnswers: OpenAnswerStore
    let people: PeopleStore
    let participation: ParticipationStore
    let help: HelpMessageStore
    let resultsQueries: ResultsQueries
    let library: LibraryStore
    let recommendations: SchoolRecommendations
    let assessments: AssessmentStore
    let plans: PlanStore

    init(
        configuration: BelongConfiguration, database: Database, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        self.configuration = configuration
        self.database = database
        self.registry = registry
        self.now = now
        let secrets = SecretStore(database: database)
        let secret = try await secrets.value(named: "form-token-key")
        kit = PageKit(
            translations: try Translations.bundled(packsIn: configuration.translationsDirectory), signer: FormTokenSigner(secret: secret),
            navigation: belongFeatures.flatMap { $0.navigation }.sorted { $0.position < $1.position }
        )
        roster = RosterStore(database: database)
        organizations = OrganizationStore(database: database)
        accounts = AccountStore(database: database)
        sessions = SessionStore(database: database)
        audit = AuditStore(database: database, now: now)
        tokens = TokenStore(database: database)
        hasher = PasswordHasher(cost: configuration.passwordHashCost)
        visitors = VisitorLoader(accounts: accounts, organizations: organizations)
        signIn = SignInService(
            accounts: accounts, sessions: sessions, throttle: ThrottleStore(database: database), audit: audit, hasher: hasher,
            decoy: try await hasher.decoyHash(), now: now
        )
        codes = CodeStore(database: database, hasher: CodeHasher(secret: try await secrets.value(named: "access-code-key")))
        surveys = SurveyStore(database: database)
        instruments = InstrumentStore(database: database, builtIn: kit.translations.applied(to: try BuiltInInstruments.load()))
        openAnswers = try await OpenAnswerStore.make(database: database)
        let resultsStore = ResultsStore(database: database)
        results = ResultsEngine(store: resultsStore, instruments: instruments, minimumGroupSize: configuration.minimumGroupSize,
                                releaseEvery: configuration.releaseEvery)
        taking = SurveyTaking(
            codes: codes, surveys: surveys, instruments: instruments, drafts: try await DraftStore.make(database: database),
            writer: ResponseWriter(database: database), limiter: CodeAttemptLimiter(), now: now
        )
        people = PeopleStore(database: database)
        participation = ParticipationStore(database: database)
        help = HelpMessageStore(database: database)
        resultsQueries = ResultsQueries(
            engine: results, store: resultsStore, surveys: surveys, participation: participation, instruments: instruments,
            organizations: organizations, openAnswers: openAnswers
        )
        library = LibraryStore(database: database, builtIn: try Library.builtIn(), now: now)
        try await library.syncBuiltIn()
        assessments = AssessmentStore(database: database, now: now)
        plans = PlanStore(database: database, now: now)
        recommendations = SchoolRecommendations(queries: resultsQueries, surveys: surveys, library: library, assessments: assessments)
    }
}
