import Foundation
import Logging
import Testing
@testable import BelongServer

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: SQLite file, port 8080, localhost, minimum group of 10")
    func defaults() throws {
        let configuration = try BelongConfiguration.resolve(environment: [:])
        #expect(configuration.database == .sqliteFile(path: "belong.sqlite"))
        #expect(configuration.port == 8080)
        #expect(configuration.hostname == "127.0.0.1")
        #expect(configuration.minimumGroupSize == 10)
        #expect(configuration.logLevel == .info)
        #expect(configuration.autoMigrate)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(configuration.databaseOptions.postgresMaxConnections == min(20, max(4, 4 * cores)), "four PostgreSQL connections a core, 4 to 20")
        #expect(try BelongConfiguration.resolve(environment: ["BELONG_POSTGRES_POOL": "50"]).databaseOptions.postgresMaxConnections == 50)
    }

    @Test("the environment overrides defaults, and flags override the environment")
    func precedence() throws {
        let environment = [
            "DATABASE_URL": "postgres://u:p@db:5432/belong", "BELONG_PORT": "9000", "BELONG_HOST": "0.0.0.0",
            "BELONG_MIN_N": "12", "BELONG_LOG_LEVEL": "debug", "BELONG_AUTO_MIGRATE": "false",
        ]
        let fromEnvironment = try BelongConfiguration.resolve(environment: environment)
        #expect(fromEnvironment.database == .postgres(url: "postgres://u:p@db:5432/belong"))
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.hostname == "0.0.0.0")
        #expect(fromEnvironment.minimumGroupSize == 12)
        #expect(fromEnvironment.logLevel == .debug)
        #expect(!fromEnvironment.autoMigrate)

        let flags = BelongConfiguration.Overrides(hostname: "127.0.0.1", port: 8181, database: "school.sqlite", minimumGroupSize: 15, logLevel: "warning")
        let fromFlags = try BelongConfiguration.resolve(flags, environment: environment)
        #expect(fromFlags.database == .sqliteFile(path: "school.sqlite"))
        #expect(fromFlags.port == 8181)
        #expect(fromFlags.hostname == "127.0.0.1")
        #expect(fromFlags.minimumGroupSize == 15)
        #expect(fromFlags.logLevel == .warning)
    }

    @Test("bad values are refused with a message naming the setting", arguments: [
        ["BELONG_PORT": "eighty"], ["BELONG_PORT": "70000"], ["BELONG_MIN_N": "3"], ["BELONG_MIN_N": "ten"],
        ["BELONG_LOG_LEVEL": "loud"], ["BELONG_AUTO_MIGRATE": "maybe"], ["DATABASE_URL": "mysql://db/belong"],
        ["DATABASE_URL": "postgres://"], ["BELONG_SQLITE_READERS": "0"],
    ])
    func refused(environment: [String: String]) {
        #expect {
            try BelongConfiguration.resolve(environment: environment)
        } throws: { error in
            guard let error = error as? ConfigurationError, case .invalid(let setting, _, let reason) = error else { return false }
            return environment.keys.contains(setting) || setting == "database" && !reason.isEmpty
        }
    }

    @Test("the minimum group size can never go below five, from a flag either")
    func minimumFloor() {
        #expect(throws: ConfigurationError.self) {
            try BelongConfiguration.resolve(.init(minimumGroupSize: 4), environment: [:])
        }
        #expect((try? BelongConfiguration.resolve(.init(minimumGroupSize: 5), environment: [:]))?.minimumGroupSize == 5)
    }

    @Test("database locations are read from paths and URLs", arguments: [
        ("belong.sqlite", DatabaseLocation.sqliteFile(path: "belong.sqlite")),
        ("/var/lib/belong/data.sqlite", .sqliteFile(path: "/var/lib/belong/data.sqlite")),
        ("sqlite:///tmp/x.sqlite", .sqliteFile(path: "/tmp/x.sqlite")),
        (":memory:", .sqliteMemory),
        ("postgresql://belong@localhost/belong", .postgres(url: "postgresql://belong@localhost/belong")),
    ])
    func locations(text: String, expected: DatabaseLocation) throws {
        #expect(try DatabaseLocation(parsing: text) == expected)
    }

    @Test("a PostgreSQL password never appears when the location is printed")
    func redaction() {
        let location = DatabaseLocation.postgres(url: "postgres://belong:s3cret@db.example:5432/belong")
        #expect(!location.description.contains("s3cret"))
        #expect(location.description.contains("db.example"))
    }
}
