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
        ("BELONG_POSTGRES_POOL", "most PostgreSQL connections per server (default 20)"),
        ("BELONG_BCRYPT_COST", "bcrypt work factor for passwords, 10 to 15 (default 12)"),
        ("BELONG_MAX_UPLOAD_MB", "largest roster upload accepted, in megabytes (default 200)"),
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

        if let (text, _) = value(overrides.hostname, "BELONG_HOST") {
            configuration.hostname = text
        }
        if let port = overrides.port {
            configuration.port = try checkPort(port, text: String(port), setting: "--port")
        } else if let text = environment["BELONG_PORT"], !text.isEmpty {
            guard let port = Int(text) else {
                throw ConfigurationError.invalid(setting: "BELONG_PORT", value: text, reason: "it must be a whole number from 1 to 65535")
            }
            configuration.port = try checkPort(port, text: text, setting: "BELONG_PORT")
        }
        if let (text, _) = value(overrides.database, "DATABASE_URL") {
            configuration.database = try DatabaseLocation(parsing: text)
        }
        if let minimum = overrides.minimumGroupSize {
            configuration.minimumGroupSize = try checkMinimum(minimum, text: String(minimum), setting: "--min-n")
        } else if let text = environment["BELONG_MIN_N"], !text.isEmpty {
            guard let minimum = Int(text) else {
                throw ConfigurationError.invalid(setting: "BELONG_MIN_N", value: text, reason: "it must be a whole number, 5 or more")
            }
            configuration.minimumGroupSize = try checkMinimum(minimum, text: text, setting: "BELONG_MIN_N")
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
        if let (text, _) = value(overrides.publicDirectory, "BELONG_PUBLIC_DIR") {
            configuration.publicDirectory = text
        }
        if let text = environment["BELONG_SQLITE_READERS"], !text.isEmpty {
            guard let readers = Int(text), (1...64).contains(readers) else {
                throw ConfigurationError.invalid(setting: "BELONG_SQLITE_READERS", value: text, reason: "use a number from 1 to 64")
            }
            configuration.databaseOptions.sqliteReaders = readers
        }
        if let text = environment["BELONG_POSTGRES_POOL"], !text.isEmpty {
            guard let size = Int(text), (1...500).contains(size) else {
                throw ConfigurationError.invalid(setting: "BELONG_POSTGRES_POOL", value: text, reason: "use a number from 1 to 500")
            }
            configuration.databaseOptions.postgresMaxConnections = size
        }
        if let text = environment["BELONG_MAX_UPLOAD_MB"], !text.isEmpty {
            guard let megabytes = Int(text), (1...2048).contains(megabytes) else {
                throw ConfigurationError.invalid(setting: "BELONG_MAX_UPLOAD_MB", value: text, reason: "use a number of megabytes from 1 to 2048")
            }
            configuration.maxUploadMegabytes = megabytes
        }
        if let text = environment["BELONG_BCRYPT_COST"], !text.isEmpty {
            guard let cost = UInt8(text), (10...15).contains(cost) else {
                throw ConfigurationError.invalid(setting: "BELONG_BCRYPT_COST", value: text, reason: "use a number from 10 to 15")
            }
            configuration.passwordHashCost = cost
        }
        return configuration
    }

    private static func checkPort(_ port: Int, text: String, setting: String) throws -> Int {
        guard (1...65535).contains(port) else {
            throw ConfigurationError.invalid(setting: setting, value: text, reason: "a port is a number from 1 to 65535")
        }
        return port
    }

    private static func checkMinimum(_ minimum: Int, text: String, setting: String) throws -> Int {
        guard minimum >= smallestAllowedGroupSize else {
            throw ConfigurationError.invalid(
                setting: setting, value: text,
                reason: "groups smaller than \(smallestAllowedGroupSize) could identify a student, so the minimum cannot go below \(smallestAllowedGroupSize)"
            )
        }
        return minimum
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
