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
    let services = try await AppServices(configuration: configuration, database: database)
    for (language, problems) in services.kit.translations.refusedPacks.sorted(by: { $0.key < $1.key }) {
        logger.warning("translation \(language.code) is not offered until it is complete: \(problems.prefix(20).joined(separator: "; "))\(problems.count > 20 ? "; … \(problems.count - 20) more" : "")")
    }
    for pack in services.kit.translations.packs.values.sorted(by: { $0.language < $1.language }) where !pack.reviewed {
        logger.notice("translation \(pack.language.code) is offered as a draft: have a fluent speaker review it (\"reviewed\": true once done)")
    }
    let registry = PrometheusCollectorRegistry()
    let router = makeRouter(configuration: configuration, services: services, registry: registry, logger: logger)

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

/// Every route and middleware; apart from `buildApplication` so tests can list the routes.
func makeRouter(
    configuration: BelongConfiguration, services: AppServices, registry: PrometheusCollectorRegistry, logger: Logger
) -> Router<BelongRequestContext> {
    let router = Router(context: BelongRequestContext.self)
    let returnPaths = ReturnPaths()

    router.add(middleware: RequestMetricsMiddleware(registry: registry))
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

    PagesController(kit: services.kit, roster: services.roster, minimumGroupSize: configuration.minimumGroupSize)
        .addRoutes(to: router)
    AccountController(
        kit: services.kit, signIn: services.signIn, sessions: services.sessions, accounts: services.accounts,
        audit: services.audit, hasher: services.hasher, returnPaths: returnPaths
    ).addRoutes(to: router)
    PeopleController(kit: services.kit, people: PeopleStore(database: services.database), organizations: services.organizations, audit: services.audit)
        .addRoutes(to: router)
    UsersController(
        kit: services.kit, administration: UserAdministration(database: services.database, hasher: services.hasher), accounts: services.accounts,
        organizations: services.organizations
    ).addRoutes(to: router)
    TokensController(kit: services.kit, tokens: services.tokens, accounts: services.accounts, organizations: services.organizations, audit: services.audit)
        .addRoutes(to: router)
    AuditController(kit: services.kit, audit: services.audit, organizations: services.organizations, targets: AuditTargets(
        accounts: services.accounts, surveys: services.surveys, organizations: services.organizations, tokens: services.tokens,
        instruments: services.instruments, people: PeopleStore(database: services.database)
    )).addRoutes(to: router)
    ImportController(
        kit: services.kit, importer: RosterImporter(database: services.database), runs: ImportRunStore(database: services.database),
        maxUploadBytes: configuration.maxUploadMegabytes * 1_048_576, waitBeforeProgress: configuration.importProgressAfter
    ).addRoutes(to: router)
    APIController(organizations: services.organizations, people: PeopleStore(database: services.database), audit: services.audit).addRoutes(to: router)
    SurveysController(
        kit: services.kit, surveys: services.surveys, instruments: services.instruments, codes: services.codes,
        participation: ParticipationStore(database: services.database), organizations: services.organizations,
        people: PeopleStore(database: services.database), audit: services.audit, timeZone: configuration.timeZone, publicURL: configuration.publicURL,
        minimumGroupSize: configuration.minimumGroupSize, help: HelpMessageStore(database: services.database), helpline: configuration.helpline
    ).addRoutes(to: router)
    let resultsQueries = ResultsQueries(
        engine: services.results, store: ResultsStore(database: services.database), surveys: services.surveys,
        participation: ParticipationStore(database: services.database), instruments: services.instruments, organizations: services.organizations,
        openAnswers: services.openAnswers)
    DashboardController(kit: services.kit, organizations: services.organizations, summaries: DashboardSummaries(
        queries: resultsQueries, surveys: services.surveys, participation: ParticipationStore(database: services.database),
        people: PeopleStore(database: services.database)
    )).addRoutes(to: router)
    ResultsController(kit: services.kit, queries: resultsQueries, surveys: services.surveys, organizations: services.organizations, audit: services.audit)
        .addRoutes(to: router)
    ResultsAPIController(queries: resultsQueries, surveys: services.surveys).addRoutes(to: router)
    InstrumentsController(kit: services.kit, instruments: services.instruments, audit: services.audit).addRoutes(to: router)
    RespondController(kit: services.kit, taking: services.taking, people: PeopleStore(database: services.database),
                      help: HelpMessageStore(database: services.database), helpline: configuration.helpline).addRoutes(to: router)
    RespondAPIController(kit: services.kit, taking: services.taking, people: PeopleStore(database: services.database),
                         help: HelpMessageStore(database: services.database), helpline: configuration.helpline).addRoutes(to: router)
    OperationsController(database: services.database, writer: services.taking.writer, registry: registry, startedAt: Date(), metricsToken: configuration.metricsToken,
                         freeDisk: registry.makeGauge(name: "belong_database_disk_free_bytes"),
                         lowDiskBytes: UInt64(configuration.minimumFreeDiskMegabytes) * 1_048_576, deadline: configuration.healthDeadline)
        .addRoutes(to: router)

    returnPaths.learn(router.routes)
    return router
}

/// The stores and services the routes share, built once per application.
struct AppServices: Sendable {
    let database: Database
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

    init(configuration: BelongConfiguration, database: Database) async throws {
        self.database = database
        let secret = try await SecretStore(database: database).value(named: "form-token-key")
        kit = PageKit(translations: try Translations.bundled(packsIn: configuration.translationsDirectory), signer: FormTokenSigner(secret: secret))
        roster = RosterStore(database: database)
        organizations = OrganizationStore(database: database)
        accounts = AccountStore(database: database)
        sessions = SessionStore(database: database)
        audit = AuditStore(database: database)
        tokens = TokenStore(database: database)
        hasher = PasswordHasher(cost: configuration.passwordHashCost)
        visitors = VisitorLoader(accounts: accounts, organizations: organizations)
        signIn = SignInService(
            accounts: accounts, sessions: sessions, throttle: ThrottleStore(database: database), audit: audit, hasher: hasher,
            decoy: try await hasher.decoyHash(), now: Date.init
        )
        codes = CodeStore(database: database, hasher: CodeHasher(secret: try await SecretStore(database: database).value(named: "access-code-key")))
        surveys = SurveyStore(database: database)
        instruments = InstrumentStore(database: database, builtIn: kit.translations.applied(to: try BuiltInInstruments.load()))
        openAnswers = try await OpenAnswerStore.make(database: database)
        results = ResultsEngine(store: ResultsStore(database: database), instruments: instruments, minimumGroupSize: configuration.minimumGroupSize,
                                releaseEvery: configuration.releaseEvery)
        taking = SurveyTaking(
            codes: codes, surveys: surveys, instruments: instruments, drafts: try await DraftStore.make(database: database),
            writer: ResponseWriter(database: database), limiter: CodeAttemptLimiter(), now: Date.init
        )
    }
}
