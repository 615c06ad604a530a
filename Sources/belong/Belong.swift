import ArgumentParser
import BelongCore
import BelongServer
import Foundation
import Logging

@main
struct Belong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "belong",
        abstract: "Belong: measure and foster school connectedness.",
        discussion: """
            Settings come from command-line flags, then environment variables, then defaults:
            \(BelongConfiguration.environmentVariables.map { "  \($0.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \($0.meaning)" }.joined(separator: "\n"))
            """,
        version: BelongVersion.current,
        subcommands: [Serve.self, Migrate.self, Demo.self, Users.self, Tokens.self, Import.self, Audit.self, Codes.self, Version.self],
        defaultSubcommand: nil
    )
}

/// The options every command that touches the database shares.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "SQLite file path or postgres:// URL. (env: DATABASE_URL; default: belong.sqlite)")
    var database: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical. (env: BELONG_LOG_LEVEL; default: info)")
    var logLevel: String?
}

/// The options of a running server.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "Address to listen on; 0.0.0.0 for every interface. (env: BELONG_HOST; default: 127.0.0.1)")
    var hostname: String?

    @Option(name: .shortAndLong, help: "Port to listen on. (env: BELONG_PORT; default: 8080)")
    var port: Int?

    @Option(name: .customLong("min-n"), help: "Smallest group whose results are shown, at least 5. (env: BELONG_MIN_N; default: 10)")
    var minimumGroupSize: Int?

    @Flag(name: .customLong("no-migrate"), help: "Do not apply pending migrations at start. (env: BELONG_AUTO_MIGRATE=false)")
    var noMigrate = false

    @Option(name: .customLong("public-dir"), help: "Folder of static files. (env: BELONG_PUBLIC_DIR; default: Public)")
    var publicDirectory: String?
}

extension BelongConfiguration {
    static func from(_ database: DatabaseOption, _ server: ServerOptions? = nil) throws -> BelongConfiguration {
        try BelongConfiguration.resolve(.init(
            hostname: server?.hostname, port: server?.port, database: database.database,
            minimumGroupSize: server?.minimumGroupSize, logLevel: database.logLevel,
            autoMigrate: server?.noMigrate == true ? false : nil, publicDirectory: server?.publicDirectory
        ))
    }
}

/// Runs a command's body, turning Belong's own errors into one clear line and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

func bootstrapLogging(_ level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    var logger = Logger(label: "belong")
    logger.logLevel = level
    return logger
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the Belong web server.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await reportingErrors {
            let configuration = try BelongConfiguration.from(database, server)
            let logger = bootstrapLogging(configuration.logLevel)
            try await BelongServer.serve(configuration, logger: logger)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations, or revert applied ones.")

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Revert the most recent migration instead of applying.")
    var revert = false

    @Flag(help: "With --revert: revert every migration, leaving an empty database.")
    var all = false

    @Flag(help: "List applied and pending migrations; change nothing.")
    var status = false

    func validate() throws {
        if all && !revert {
            throw ValidationError("--all only makes sense with --revert.")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try BelongConfiguration.from(database)
            let logger = bootstrapLogging(configuration.logLevel)
            let db = try await Database.open(configuration.database, options: configuration.databaseOptions, logger: logger)
            try await withClosing(db) {
                let migrator = Migrator(database: db, logger: logger)
                if status {
                    let current = try await migrator.status()
                    say("Database: \(configuration.database)")
                    current.applied.forEach { say("  applied  \($0)") }
                    current.pending.forEach { say("  pending  \($0)") }
                } else if revert {
                    let reverted = try await migrator.revert(steps: all ? nil : 1)
                    say(reverted.isEmpty ? "Nothing to revert." : reverted.map { "Reverted \($0)" }.joined(separator: "\n"))
                } else {
                    let applied = try await migrator.migrate()
                    say(applied.isEmpty ? "The database is up to date." : applied.map { "Applied \($0)" }.joined(separator: "\n"))
                }
            }
        }
    }
}

/// Runs `body`, then closes the database whether or not it succeeded.
func withClosing(_ database: Database, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        try? await database.close()
        throw error
    }
    try await database.close()
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo district (four schools, about 2,000 students); safe to run again.",
        discussion: "With --serve, start the web server afterwards."
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var server: ServerOptions

    @Flag(help: "Start the web server once the demo data is loaded.")
    var serve = false

    func run() async throws {
        try await reportingErrors {
            var configuration = try BelongConfiguration.from(database, server)
            let logger = bootstrapLogging(configuration.logLevel)
            let db = try await Database.open(configuration.database, options: configuration.databaseOptions, logger: logger)
            try await withClosing(db) {
                try await Migrator(database: db, logger: logger).migrate()
                let report = try await DemoSeeder(database: db, today: .today(), hasher: PasswordHasher(cost: configuration.passwordHashCost),
                                                  timeZone: configuration.timeZone).run()
                say(report.summary(address: configuration.publicURL ?? "http://localhost:\(configuration.port)"))
            }
            if serve {
                configuration.autoMigrate = true
                try await BelongServer.serve(configuration, logger: logger)
            } else {
                say("Start the server with `belong serve` and open http://localhost:\(configuration.port)/")
            }
        }
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print Belong's version.")

    func run() {
        say("belong \(BelongVersion.current)")
    }
}

/// Writes a line to standard output at once: `print` is buffered when output goes to a file or a
/// pipe, and a server that runs for hours would hold its start-up report back until it stops.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
