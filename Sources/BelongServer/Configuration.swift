import BelongCore
import Foundation
import Logging

/// Everything a Belong server needs to know, read in one place: command-line flags first, then the
/// environment, then defaults.
public struct BelongConfiguration: Sendable {
    public var hostname: String = "127.0.0.1"
    public var port: Int = 8080
    public var database: DatabaseLocation = .defaultFile
    public var databaseOptions = DatabaseOptions()
    /// The smallest group whose results may be shown (DOMAIN.md §4): 10 unless set, never below 5.
    public var minimumGroupSize: Int = 10
    public var logLevel: Logger.Level = .info
    /// Apply pending migrations when the server starts.
    public var autoMigrate: Bool = true
    /// Where the stylesheet, icons and scripts live.
    public var publicDirectory: String = "Public"
    /// bcrypt's work factor for passwords.
    public var passwordHashCost: UInt8 = 12
    /// The largest roster upload accepted, in megabytes.
    public var maxUploadMegabytes: Int = 200
    /// Behind a reverse proxy, the client's address comes from X-Forwarded-For (for sign-in limits and the audit log).
    public var trustProxy: Bool = false
    /// The district's time zone: a survey window "closes on the 30th" at midnight here.
    public var timeZone: String = "America/Toronto"
    /// The address people type to reach Belong, printed on code slips (default: the request's own host).
    public var publicURL: String?
    /// `/metrics` answers loopback requests that came through no proxy, or a request with this bearer token.
    public var metricsToken: String?
    /// The helpline students see at the end of a survey, per language (`BELONG_HELPLINE_EN`, `BELONG_HELPLINE_FR`;
    /// `none` shows none). Canada's Kids Help Phone unless the district names its own.
    public var helpline: [Language: String] = BelongConfiguration.kidsHelpPhone
    public static let kidsHelpPhone: [Language: String] = [
        .english: "Kids Help Phone, any time, day or night: call 1-800-668-6868 or text CONNECT to 686868 (kidshelpphone.ca).",
        .french: "Jeunesse, J’écoute, jour et nuit : appelle le 1-800-668-6868 ou texte PARLER au 686868 (jeunessejecoute.ca).",
    ]
    /// Timeouts and caps on connections (README, "Operations").
    public var connectionLimits = ConnectionLimits()
    /// Below this much free space beside an SQLite file, /healthz fails: submissions would soon fail too.
    public var minimumFreeDiskMegabytes = 64
    /// How long /healthz gives the database to answer a read and take a write, each.
    public var healthDeadline: Duration = .seconds(3)
    /// How often an open wave's next release of figures is tried (DOMAIN.md §4, time); tests try at every look.
    public var releaseEvery: TimeInterval = 30
    /// How long an import page's request waits for the check or the writing before it shows the
    /// progress page instead (a small roster's preview opens straight away).
    public var importProgressAfter: Duration = .seconds(2)
    /// A folder of the district's translation packs (`BELONG_TRANSLATIONS`): one `<code>.json` per
    /// language, offered on survey pages beside English and French once complete.
    public var translationsDirectory: String?

    public init() {}

    public static let smallestAllowedGroupSize = 5

    /// The environment variables Belong reads, with what each sets; `belong --help` prints this list.
    public static let environmentVariables: [(name: String, meaning: String)] = [
        ("DATABASE_URL", "SQLite file path (default belong.sqlite) or postgres://user:password@host:5432/database"),
        ("BELONG_HOST", "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)"),
        ("BELONG_PORT", "port to listen on (default 8080)"),
        ("BELONG_MIN_N", "smallest group whose results are shown (default 10, at least 5)"),
        ("BELONG_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (default info)"),
        ("BELONG_AUTO_MIGRATE", "apply pending migrations at start: true or false (default true)"),
        ("BELONG_PUBLIC_DIR", "folder of static files (default Public)"),
        ("BELONG_SQLITE_READERS", "SQLite reader connections beside the writer (default 4)"),
        ("BELONG_POSTGRES_POOL", "most PostgreSQL connections per server (default 4 per processor core, from 4 to 20)"),
        ("BELONG_BCRYPT_COST", "bcrypt work factor for passwords, 10 to 15 (default 12)"),
        ("BELONG_MAX_UPLOAD_MB", "largest roster upload accepted, in megabytes (default 200)"),
        ("BELONG_TRUST_PROXY", "true behind a reverse proxy: read the client's address from X-Forwarded-For (default false)"),
        ("BELONG_TIME_ZONE", "the district's time zone for survey windows, e.g. America/Vancouver (default America/Toronto)"),
        ("BELONG_PUBLIC_URL", "the address printed on code slips, e.g. https://belong.district.example (default: the address in use)"),
        ("BELONG_IDLE_TIMEOUT", "seconds a kept-alive connection may sit with no request (default 15)"),
        ("BELONG_HEADER_TIMEOUT", "seconds from a request's first byte to the end of its headers (default 10)"),
        ("BELONG_BODY_TIMEOUT", "longest silence inside a request body, and longest an answer may sit unread, in seconds (default 10)"),
        ("BELONG_MIN_BODY_RATE", "bytes a second a request body must average after its first BELONG_BODY_TIMEOUT (default 1024)"),
        ("BELONG_MAX_CONNECTIONS", "connections open at once, in all (default 4096, lowered to fit the open-file limit)"),
        ("BELONG_MAX_CONNECTIONS_PER_ADDRESS", "connections open at once from one address (default half of BELONG_MAX_CONNECTIONS; not applied behind a proxy)"),
        ("BELONG_MIN_FREE_DISK_MB", "below this many megabytes free beside the SQLite file, /healthz fails (default 64)"),
        ("BELONG_SQLITE_SYNCHRONOUS", "full (default: every acknowledged response survives a power cut) or normal (faster; a power cut may lose the last moments)"),
        ("BELONG_METRICS_TOKEN", "a secret of at least 24 characters that lets Prometheus read /metrics from elsewhere than this machine (default: loopback only)"),
    ]

    /// Values given on the command line; nil means "not given".
    public struct Overrides: Sendable {
        public var hostname: String?
        public var port: Int?
        public var database: String?
        public var minimumGroupSize: Int?
        public var logLevel: String?
        public var autoMigrate: Bool?
        public var publicDirectory: String?

        public init(
            hostname: String? = nil, port: Int? = nil, database: String? = nil, minimumGroupSize: Int? = nil,
            logLevel: String? = nil, autoMigrate: Bool? = nil, publicDirectory: String? = nil
        ) {
            self.hostname = hostname
            self.port = port
            self.database = database
            self.minimumGroupSize = minimumGroupSize
            self.logLevel = logLevel
            self.autoMigrate = autoMigrate
            self.publicDirectory = publicDirectory
        }
    }

    /// Flags win over the environment, which wins over defaults. Invalid values are refused with a
    /// message naming the setting, never silently replaced.
    public static func resolve(
        _ overrides: Overrides = .init(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> BelongConfiguration {
        var configuration = BelongConfiguration()
        func value(_ flag: String?, _ variable: String) -> (text: String, source: String)? {
            if let flag { return (flag, "flag") }
            if let text = environment[variable], !text.isEmpty { return (text, variable) }
            return nil
        }
        /// A whole number from a flag or the environment, refused outside `range` with `reason`.
        func number(_ flag: Int?, flagName: String? = nil, _ variable: String, in range: ClosedRange<Int>, _ reason: String) throws -> Int? {
            if let flag {
                guard range.contains(flag) else { throw ConfigurationError.invalid(setting: flagName ?? variable, value: String(flag), reason: reason) }
                return flag
            }
            guard let text = environment[variable], !text.isEmpty else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw ConfigurationError.invalid(setting: variable, value: text, reason: reason)
            }
            return number
        }

        if let (text, _) = value(overrides.hostname, "BELONG_HOST") {
            configuration.hostname = text
        }
        if let port = try number(overrides.port, flagName: "--port", "BELONG_PORT", in: 1...65535, "a port is a whole number from 1 to 65535") {
            configuration.port = port
        }
        if let (text, _) = value(overrides.database, "DATABASE_URL") {
            configuration.database = try DatabaseLocation(parsing: text)
        }
        let smallest = smallestAllowedGroupSize
        if let minimum = try number(
            overrides.minimumGroupSize, flagName: "--min-n", "BELONG_MIN_N", in: smallest...1_000,
            "groups smaller than \(smallest) could identify a student, so the minimum is a whole number, \(smallest) or more"
        ) {
            configuration.minimumGroupSize = minimum
        }
        if let (text, source) = value(overrides.logLevel, "BELONG_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ConfigurationError.invalid(
                    setting: source == "flag" ? "--log-level" : source, value: text,
                    reason: "use one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            configuration.logLevel = level
        }
        if let migrate = overrides.autoMigrate {
            configuration.autoMigrate = migrate
        } else if let text = environment["BELONG_AUTO_MIGRATE"], !text.isEmpty {
            guard let flag = parseBool(text) else {
                throw ConfigurationError.invalid(setting: "BELONG_AUTO_MIGRATE", value: text, reason: "use true or false")
            }
            configuration.autoMigrate = flag
        }
        if let text = environment["BELONG_TRUST_PROXY"], !text.isEmpty {
            guard let flag = parseBool(text) else {
                throw ConfigurationError.invalid(setting: "BELONG_TRUST_PROXY", value: text, reason: "use true or false")
            }
            configuration.trustProxy = flag
        }
        if let text = environment["BELONG_TIME_ZONE"], !text.isEmpty {
            guard TimeZone(identifier: text) != nil else {
                throw ConfigurationError.invalid(setting: "BELONG_TIME_ZONE", value: text, reason: "use a time zone name such as America/Toronto or Europe/Paris")
            }
            configuration.timeZone = text
        }
        if let text = environment["BELONG_PUBLIC_URL"], !text.isEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError.invalid(setting: "BELONG_PUBLIC_URL", value: text, reason: "use a full address such as https://belong.district.example")
            }
            configuration.publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        for (language, variable) in [(Language.english, "BELONG_HELPLINE_EN"), (.french, "BELONG_HELPLINE_FR")] {
            guard let text = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
            guard text.count <= 400 else {
                throw ConfigurationError.invalid(setting: variable, value: "…", reason: "use at most 400 characters: a name, a number, an address")
            }
            configuration.helpline[language] = text.lowercased() == "none" ? nil : text
        }
        if let text = environment["BELONG_TRANSLATIONS"], !text.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ConfigurationError.invalid(setting: "BELONG_TRANSLATIONS", value: text, reason: "name a folder holding translation files such as ar.json")
            }
            configuration.translationsDirectory = text
        }
        if let text = environment["BELONG_METRICS_TOKEN"], !text.isEmpty {
            guard text.count >= 24, text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError.invalid(setting: "BELONG_METRICS_TOKEN", value: "…", reason: "use at least 24 characters without spaces, e.g. from `openssl rand -hex 24`")
            }
            configuration.metricsToken = text
        }
        if let (text, _) = value(overrides.publicDirectory, "BELONG_PUBLIC_DIR") {
            configuration.publicDirectory = text
        }
        if let readers = try number(nil, "BELONG_SQLITE_READERS", in: 1...64, "use a number from 1 to 64") {
            configuration.databaseOptions.sqliteReaders = readers
        }
        if let size = try number(nil, "BELONG_POSTGRES_POOL", in: 1...500, "use a number from 1 to 500") {
            configuration.databaseOptions.postgresMaxConnections = size
        }
        if let megabytes = try number(nil, "BELONG_MAX_UPLOAD_MB", in: 1...2048, "use a number of megabytes from 1 to 2048") {
            configuration.maxUploadMegabytes = megabytes
        }
        if let cost = try number(nil, "BELONG_BCRYPT_COST", in: 10...15, "use a number from 10 to 15") {
            configuration.passwordHashCost = UInt8(cost)
        }
        if let seconds = try number(nil, "BELONG_IDLE_TIMEOUT", in: 1...3600, "use a number of seconds from 1 to 3600") {
            configuration.connectionLimits.idleTimeout = .seconds(seconds)
        }
        if let seconds = try number(nil, "BELONG_HEADER_TIMEOUT", in: 1...600, "use a number of seconds from 1 to 600") {
            configuration.connectionLimits.headerTimeout = .seconds(seconds)
        }
        if let seconds = try number(nil, "BELONG_BODY_TIMEOUT", in: 1...600, "use a number of seconds from 1 to 600") {
            configuration.connectionLimits.bodyTimeout = .seconds(seconds)
        }
        if let rate = try number(nil, "BELONG_MIN_BODY_RATE", in: 0...10_000_000, "use a number of bytes a second from 0 to 10000000") {
            configuration.connectionLimits.minimumBodyRate = rate
        }
        if let count = try number(nil, "BELONG_MAX_CONNECTIONS", in: 16...1_000_000, "use a number from 16 to 1000000") {
            configuration.connectionLimits.maximumConnections = count
        }
        if let count = try number(nil, "BELONG_MAX_CONNECTIONS_PER_ADDRESS", in: 1...1_000_000, "use a number from 1 to 1000000") {
            configuration.connectionLimits.maximumPerAddress = count
        }
        if let megabytes = try number(nil, "BELONG_MIN_FREE_DISK_MB", in: 1...1_000_000, "use a number of megabytes from 1 to 1000000") {
            configuration.minimumFreeDiskMegabytes = megabytes
        }
        if let text = environment["BELONG_SQLITE_SYNCHRONOUS"], !text.isEmpty {
            guard let mode = SQLiteSynchronous(rawValue: text.lowercased()) else {
                throw ConfigurationError.invalid(setting: "BELONG_SQLITE_SYNCHRONOUS", value: text,
                                                 reason: "use full (the default: a response acknowledged survives a power cut) or normal")
            }
            configuration.databaseOptions.sqliteSynchronous = mode
        }
        return configuration
    }

    private static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }
}

public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(setting: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let setting, let value, let reason):
            "Invalid \(setting) '\(value)': \(reason)."
        }
    }
}
