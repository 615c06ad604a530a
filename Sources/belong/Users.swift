import ArgumentParser
import BelongCore
import BelongServer
import Foundation

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and reset user accounts.",
        subcommands: [Create.self, ResetPassword.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with a role, and print its one-time password.",
            discussion: """
                Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).
                District roles are held at a district (the only one, when --school is left out); the others at a school.
                --school takes a school's or district's name, roster id, number or Belong id.
                """
        )

        @OptionGroup var database: DatabaseOption
        @Option(help: "The person's email address; they sign in with it.") var email: String
        @Option(help: "What the person does.") var role: String
        @Option(help: "The school (or district) where the role is held.") var school: String?
        @Option(help: "The name shown in Belong (default: the email).") var name: String?

        func run() async throws {
            try await reportingErrors {
                guard let role = Role(rawValue: role) else {
                    throw ValidationError("Unknown role '\(role)'. Use one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                let configuration = try BelongConfiguration.from(database)
                try await withDatabase(configuration) { db in
                    let administration = UserAdministration(database: db, hasher: PasswordHasher(cost: configuration.passwordHashCost))
                    let place = try await administration.place(for: role, at: school)
                    let (account, password) = try await administration.create(email: email, displayName: name, role: role, at: place, by: .commandLine)
                    say("Created \(account.email) as \(role.rawValue) at \(place.name).")
                    say("One-time password: \(password)")
                    say("They will be asked to choose their own password when they first sign in.")
                }
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Give an account a new one-time password and sign it out everywhere."
        )

        @OptionGroup var database: DatabaseOption
        @Option(help: "The account's email address.") var email: String

        func run() async throws {
            try await reportingErrors {
                let configuration = try BelongConfiguration.from(database)
                try await withDatabase(configuration) { db in
                    let administration = UserAdministration(database: db, hasher: PasswordHasher(cost: configuration.passwordHashCost))
                    let password = try await administration.resetPassword(email: email, by: .commandLine)
                    say("One-time password for \(UserAccount.normalize(email: email)): \(password)")
                    say("They will be asked to choose their own password when they sign in.")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts and their roles.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await reportingErrors {
                let configuration = try BelongConfiguration.from(database)
                try await withDatabase(configuration) { db in
                    let accounts = try await UserAdministration(database: db, hasher: PasswordHasher()).list()
                    let places = Dictionary(uniqueKeysWithValues: try await OrganizationStore(database: db).all().map { ($0.id, $0.name) })
                    if accounts.isEmpty { say("No accounts yet. Create one with `belong users create`.") }
                    for account in accounts {
                        let roles = account.grants.map { "\($0.role.rawValue) at \(places[$0.organizationId] ?? "?")" }.joined(separator: "; ")
                        say("\(account.email)\(account.isActive ? "" : " (deactivated)") — \(account.displayName) — \(roles.isEmpty ? "no role" : roles)")
                    }
                }
            }
        }
    }
}

/// Opens the configured database, applies pending migrations, runs `body`, and closes it.
func withDatabase(_ configuration: BelongConfiguration, _ body: (Database) async throws -> Void) async throws {
    let logger = bootstrapLogging(configuration.logLevel)
    let db = try await Database.open(configuration.database, options: configuration.databaseOptions, logger: logger)
    try await withClosing(db) {
        try await Migrator(database: db, logger: logger).migrate()
        try await body(db)
    }
}
