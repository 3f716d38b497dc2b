import Accounts
import Applications
import Assistant
import Authorities
import Catalog
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import Notices
import Payments
import Regions
import Registers
import Rules
import ServiceLifecycle
import Storage

/// The parts of a running Amtsweg, for the command line and tests.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    public let regions: RegionDirectory
    public let authorities: AuthorityStore
    public let jobs: JobQueue
    public let documents: DocumentStore
    public let rateLimiter: RateLimiter
    public let idempotency: IdempotencyStore
    public let clock: any WallClock
    /// The service catalogue with its search index (built once at start).
    public let finder: ServiceFinder
    /// The assistant over the same catalogue.
    public let assistant: Assistant
    /// The assistant's question log (written in batches; one per application).
    public let assistantLog: AssistantLog
    /// The online application forms (FIM schemas with their rules), compiled into the binary.
    public let forms: FormRegistry
    /// Accepted applications (group commit, durable before the answer).
    public let submissions: SubmissionStore
    /// Deployed BPMN processes and their running instances (timers run on the job worker).
    public let processes: ProcessStore
    /// Cases: every submission's case in its authority, the clerk inbox, the electronic file.
    public let cases: CaseStore
    /// Payments of fees (attempts, applied provider events, refunds, the simulator's state).
    public let payments: PaymentStore
    /// The secrets webhooks are signed with (the simulator signs, the webhook endpoint verifies).
    public let paymentWebhookSecrets: WebhookSecrets
    /// Once-only: the registers (demo registers over their own tables) and the retrieval log.
    public let registers: RegisterService
    /// The mailbox; it enqueues notification e-mails when SMTP is configured.
    public var mailbox: Mailbox {
        Mailbox(database: database, clock: clock, notifications: configuration.smtpURL == nil ? nil : jobs)
    }
}

/// Opens the database, migrates and seeds it as configured, and wires the services.
public func makeServices(_ configuration: AppConfiguration, clock: any WallClock = SystemClock(), logger: Logger)
    async throws -> AppServices
{
    let database = try await Database.open(DatabaseLocation(configuration.databaseURL), logger: logger)
    do {
        if configuration.migrateOnStart { try await Migrator(database: database, logger: logger).migrate() }
        let authorities = AuthorityStore(database: database, clock: clock)
        if configuration.migrateOnStart {
            try await Seeder.seedReferenceData(authorities: authorities, database: database)
        }
        let blobs: any BlobStore =
            configuration.documentStorage == "database"
            ? DatabaseBlobStore() : DirectoryBlobStore(root: URL(fileURLWithPath: configuration.documentStorage))
        let finder = ServiceFinder(catalog: try loadCatalog(configuration), regions: .thuringia)
        let processes = ProcessStore(database: database, clock: clock, handlers: CaseStore.taskHandlers)
        try await processes.loadDefinitions()
        let jobs = JobQueue(database: database, clock: clock)
        var notices: NoticeStore?
        do {
            notices = NoticeStore(
                database: database, clock: clock,
                keyring: SealKeyring(directory: URL(fileURLWithPath: configuration.sealKeyDirectory)),
                renderer: try NoticeRenderer(fontDirectory: configuration.fontDirectory))
        } catch {
            logger.warning(
                "no fonts for notices: decisions go out as messages without a sealed PDF",
                metadata: ["fonts": "\(configuration.fontDirectory)", "error": "\(error)"])
        }
        let auditKey = try AuditKey.load(configuration.auditKeyFile, logger: logger)
        let cases = CaseStore(
            database: database, clock: clock, processes: processes,
            mailbox: Mailbox(
                database: database, clock: clock, notifications: configuration.smtpURL == nil ? nil : jobs),
            blobs: blobs, auditKey: auditKey,
            policies: CasePolicies(
                automation: configuration.wohngeldAutomation
                    ? [
                        WohngeldAssessor.leika: WohngeldAssessor.policy(
                            share: configuration.sampleShare, before: configuration.sampleBeforeRelease,
                            seed: configuration.sampleSeed ?? UInt64.random(in: 0...UInt64.max))
                    ] : [:],
                assessors: [WohngeldAssessor.leika: WohngeldAssessor.assess]),
            notices: notices)
        try await cases.deployDefaultProcess()
        let webhookSecret: String
        if let configured = configuration.paymentWebhookSecret {
            webhookSecret = configured
        } else {
            webhookSecret = try await Settings.getOrCreate("payments.webhook.secret", database: database) {
                Identifier.uuidV7() + Identifier.uuidV7()
            }
        }
        // The retrieval log is pruned behind checkpoints signed with the audit checkpoint key.
        let registerStore = RegisterStore(database: database, clock: clock, checkpointKey: auditKey)
        if configuration.demo && configuration.migrateOnStart { try await registerStore.seed(DemoPeople.dataset) }
        let pepper = try await Settings.getOrCreate("registers.subject.pepper", database: database) {
            Identifier.uuidV7() + Identifier.uuidV7()
        }
        // How long a register may take (AMTSWEG_REGISTER_TIMEOUT_MS, default 3 s).
        let timeoutMS = ProcessInfo.processInfo.environment["AMTSWEG_REGISTER_TIMEOUT_MS"].flatMap(Int.init) ?? 3000
        let registers = RegisterService(
            store: registerStore, clock: clock, pepper: SymmetricKey(data: Data(pepper.utf8)),
            timeout: .milliseconds(timeoutMS))
        return AppServices(
            configuration: configuration, database: database, regions: .thuringia, authorities: authorities,
            jobs: jobs,
            documents: DocumentStore(database: database, blobs: blobs, clock: clock),
            rateLimiter: RateLimiter(database: database, clock: clock),
            idempotency: IdempotencyStore(database: database, clock: clock), clock: clock,
            finder: finder, assistant: Assistant(finder: finder),
            assistantLog: AssistantLog(database: database, clock: clock), forms: try FormRegistry.embedded(),
            submissions: SubmissionStore(database: database, clock: clock) { created, enclosures, db in
                try await cases.open(submissions: created, enclosures: enclosures, on: db)
            }, processes: processes, cases: cases, payments: PaymentStore(database: database, clock: clock),
            paymentWebhookSecrets: try WebhookSecrets(
                webhookSecret.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }),
            registers: registers)
    } catch {
        await database.close()
        throw error
    }
}

/// The seed catalogue, or the JSON export named in the configuration (validated like the seed).
func loadCatalog(_ configuration: AppConfiguration) throws -> ServiceCatalog {
    guard let path = configuration.catalogPath else { return .seed }
    return try ServiceCatalog.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Builds the whole application: middleware, routes, background services. Reading this function
/// tells a newcomer everything that runs.
public func buildApplication(
    _ services: AppServices, logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let configuration = services.configuration
    _ = Observability.bootstrap
    let csrfSecret: String
    if let configured = configuration.csrfSecret {
        csrfSecret = configured
    } else {
        csrfSecret = try await Settings.getOrCreate("csrf.secret", database: services.database) {
            Identifier.uuidV7() + Identifier.uuidV7()
        }
    }
    // What the forms' import found: a FIM rule without an executable binding is applied by a clerk,
    // so it is reported here, never silently ignored.
    for form in services.forms.forms {
        let manual = form.rules.report.filter { $0.status == .notExecutable }.map(\.rule)
        logger.info(
            "form \(form.id) \(form.version): \(form.rules.report.count - manual.count) executable rule(s), \(manual.count) not executable\(manual.isEmpty ? "" : " (\(manual.joined(separator: ", ")))"), \(form.warnings.count) import warning(s)"
        )
    }
    let views = try Views(publicBaseURL: configuration.publicBaseURL)
    let secureCookies = configuration.production || configuration.hsts

    let router = Router(context: AppRequestContext.self)
    // Outermost first: request id and log line, metrics, security headers, language, errors.
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(hsts: configuration.hsts))
    router.add(middleware: LanguageMiddleware(secureCookies: secureCookies))
    router.add(middleware: ErrorMiddleware(views: views))
    let accounts = AccountStore(database: services.database, clock: services.clock)
    router.add(middleware: SessionMiddleware(accounts: accounts))

    OpsRoutes(database: services.database, jobs: services.jobs).register(on: router)
    StaticRoutes().register(on: router)
    PageRoutes(
        regions: services.regions, authorities: services.authorities, views: views,
        csrf: CSRF(secret: csrfSecret, secureCookies: secureCookies), database: services.database,
        rateLimiter: services.rateLimiter, clock: services.clock, rateLimit: configuration.formRateLimit
    ).register(on: router)
    CatalogRoutes(
        finder: services.finder, authorities: services.authorities, views: views,
        publicBaseURL: configuration.publicBaseURL, onlineForms: Set(services.forms.forms.flatMap(\.services))
    ).register(on: router)
    let base = configuration.publicBaseURL ?? "http://\(configuration.host):\(configuration.port)"
    var oidc: OIDCProvider? = nil
    if let issuer = configuration.oidcIssuer, let clientID = configuration.oidcClientID {
        oidc = OIDCProvider(
            settings: OIDCSettings(
                issuer: issuer, clientID: clientID, clientSecret: configuration.oidcClientSecret,
                redirectURI: configuration.oidcRedirectURI ?? base + "/anmelden/eid/callback",
                mapping: configuration.oidcACRMap.flatMap(OIDCSettings.mapping) ?? .bundID))
    }
    var staffOIDC: OIDCProvider? = nil
    if let issuer = configuration.staffOidcIssuer, let clientID = configuration.staffOidcClientID {
        var settings = OIDCSettings(
            issuer: issuer, clientID: clientID, clientSecret: configuration.staffOidcClientSecret,
            redirectURI: base + "/mitarbeiter/anmelden/oidc/callback", mapping: TrustLevelMapping([:]))
        settings.scope = "openid email profile"
        settings.claimsRequest = #"{"id_token":{"email":{"essential":true}}}"#
        staffOIDC = OIDCProvider(settings: settings)
    }
    let accountRoutes = AccountRoutes(
        accounts: accounts, oidc: oidc, staffOIDC: staffOIDC,
        audit: AuditTrail(database: services.database, clock: services.clock),
        mailbox: services.mailbox, documents: services.documents, authorities: services.authorities,
        views: views, csrf: CSRF(secret: csrfSecret, secureCookies: secureCookies), rateLimiter: services.rateLimiter,
        loginRateLimit: configuration.loginRateLimit, demo: configuration.demo, secureCookies: secureCookies
    )
    accountRoutes.register(on: router)
    StaffRoutes(
        pages: accountRoutes, teams: TeamStore(database: services.database, clock: services.clock),
        catalog: services.finder.catalog
    ).register(on: router)
    MandateRoutes(
        pages: accountRoutes, mandates: MandateStore(database: services.database, clock: services.clock),
        mailbox: services.mailbox
    ).register(on: router)
    OrganisationRoutes(
        pages: accountRoutes, organisations: OrganisationStore(database: services.database, clock: services.clock),
        mailbox: services.mailbox
    ).register(on: router)
    MailboxAPIRoutes(accounts: accounts, mailbox: services.mailbox, documents: services.documents).register(on: router)
    AssistantRoutes(
        assistant: services.assistant, authorities: services.authorities,
        log: services.assistantLog, views: views,
        csrf: CSRF(secret: csrfSecret, secureCookies: secureCookies), rateLimiter: services.rateLimiter,
        rateLimit: configuration.assistantRateLimit
    ).register(on: router)
    let intake = SubmissionIntake(
        catalog: services.finder.catalog, authorities: services.authorities, store: services.submissions)
    let paymentDesk = PaymentDesk(
        store: services.payments, fees: try .standard(services.finder.catalog), secrets: services.paymentWebhookSecrets,
        clock: services.clock)
    let applicationRoutes = ApplicationRoutes(
        pages: accountRoutes, forms: services.forms, catalog: services.finder.catalog, regions: services.regions,
        authorities: services.authorities,
        drafts: DraftStore(
            database: services.database, clock: services.clock,
            lifetime: TimeInterval(configuration.draftLifetimeDays) * 86_400),
        submissions: services.submissions, documents: services.documents, intake: intake,
        mandates: MandateStore(database: services.database, clock: services.clock), secureCookies: secureCookies,
        payments: paymentDesk,
        registers: services.registers
    )
    applicationRoutes.register(on: router)
    PaymentRoutes(
        pages: accountRoutes, applications: applicationRoutes, desk: paymentDesk,
        clock: services.clock
    ).register(on: router)
    if let notices = services.cases.notices {
        NoticeRoutes(
            pages: accountRoutes, notices: notices, authorities: services.authorities,
            limiter: LocalRateLimiter(RateLimit(limit: 120, window: 60))
        ).register(on: router)
    }
    RulesRoutes(
        pages: accountRoutes, regions: services.regions,
        limiter: LocalRateLimiter(RateLimit(limit: 600, window: 60)),
        today: { [clock = services.clock] in
            let c = Calendar(identifier: .gregorian).dateComponents(
                in: TimeZone(identifier: "Europe/Berlin") ?? .gmt, from: clock.now())
            return Rules.LocalDate(year: c.year ?? 2025, month: c.month ?? 1, day: c.day ?? 1)
        }
    ).register(on: router)
    let caseRoutes = CaseRoutes(
        pages: accountRoutes, applications: applicationRoutes, cases: services.cases,
        submissions: services.submissions, catalog: services.finder.catalog, authorities: services.authorities,
        clock: services.clock, payments: paymentDesk
    )
    caseRoutes.register(on: router)
    OnceOnlyRoutes(
        pages: accountRoutes, applications: applicationRoutes, caseRoutes: caseRoutes, registers: services.registers

    ).register(on: router)
    let tokenSecret = try await Settings.getOrCreate("api.token.secret", database: services.database) {
        Identifier.uuidV7() + Identifier.uuidV7()
    }
    SubmissionAPIRoutes(
        forms: services.forms, clients: APIClientStore(database: services.database, clock: services.clock),
        intake: intake, submissions: services.submissions, documents: services.documents, regions: services.regions,
        tokens: await APITokens(secret: tokenSecret), rateLimiter: services.rateLimiter,
        tokenRateLimit: configuration.tokenRateLimit,
        submissionLimiter: LocalRateLimiter(configuration.submissionRateLimit), baseURL: base
    ).register(on: router)
    let signingKeys = SigningKeyProvider(
        configuredPEM: configuration.signingKeyPEM, database: services.database, commonName: "Amtsweg Routing")
    RoutingRoutes(
        catalog: services.finder.catalog, authorities: services.authorities,
        finder: RouteFinderProvider(
            keys: signingKeys, catalog: services.finder.catalog, issuer: base,
            submissionHost: URLComponents(string: base)?.host ?? configuration.host)
    ).register(on: router)
    APIRoutes(
        regions: services.regions, authorities: services.authorities, database: services.database,
        rateLimiter: services.rateLimiter, idempotency: services.idempotency, clock: services.clock,
        rateLimit: configuration.apiWriteRateLimit
    ).register(on: router)

    var backgroundServices: [any ServiceLifecycle.Service] = [
        DatabaseService(database: services.database), AssistantLogFlusher(log: services.assistantLog, logger: logger),
    ]
    if configuration.runWorker {
        try await Maintenance.schedule(queue: services.jobs)
        try await services.cases.scheduleRetention(queue: services.jobs)
        try await services.registers.store.scheduleRetention(queue: services.jobs)
        let workerID = Identifier.uuidV7()
        var effects: [String: JobEffect] = [:]
        if let url = configuration.smtpURL, let smtp = SMTPSettings(url: url) {
            effects[Mailbox.notifyJobKind] = Notifications.effect(
                smtp: smtp, from: configuration.mailFrom, baseURL: base, clock: services.clock)
        }
        backgroundServices.append(
            JobWorker(
                queue: services.jobs,
                handlers: [
                    Maintenance.jobKind: Maintenance.handler(queue: services.jobs),
                    Probe.jobKind: Probe.handler(workerID: workerID, clock: services.clock),
                    ProcessStore.timerJobKind: services.processes.timerHandler,
                    ProcessStore.startJobKind: services.processes.startHandler,
                    ProcessStore.signalJobKind: services.processes.signalHandler,
                    CaseStore.retentionJobKind: services.cases.retentionHandler(queue: services.jobs),
                    NoticeStore.printJobKind: services.cases.notices?.printHandler ?? noJobWork,
                    RegisterStore.retentionJobKind: services.registers.store.retentionHandler(queue: services.jobs),
                ],
                effects: effects, workerID: workerID, lease: TimeInterval(configuration.jobLeaseSeconds),
                logger: logger))
    }

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Amtsweg"),
        services: backgroundServices,
        onServerRunning: onServerRunning,
        logger: logger)
}

/// Keeps the database open while the application runs and closes it last on shutdown.
struct DatabaseService: ServiceLifecycle.Service {
    let database: Database
    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}

/// Reference data every installation needs: the authorities derived from the regions.
public enum Seeder {
    public static func seedReferenceData(authorities: AuthorityStore, database: Database) async throws {
        let existing = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM authorities").first(decodingColumn: "n", as: Int.self) ?? 0
        }
        let derived = AuthoritySeed.authorities(from: .thuringia)
        if existing < derived.count { try await authorities.upsert(derived) }
    }
}

/// A job handler that does nothing (for a job kind whose feature is switched off).
let noJobWork: JobHandler = { _, _ in }
