import ArgumentParser
import BelongCore
import BelongServer
import Foundation

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "API tokens for integrations.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token that acts as an account, and print its secret once.",
            discussion: "The token sees what the account's roles allow, in the account's district; --write also lets it import rosters."
        )

        @OptionGroup var database: DatabaseOption
        @Option(help: "The account the token acts as.") var email: String
        @Option(help: "What the token is for, e.g. \"SIS nightly sync\".") var name: String
        @Flag(help: "Allow writes (roster imports) as well as reads.") var write = false

        func run() async throws {
            try await reportingErrors {
                let configuration = try BelongConfiguration.from(database)
                try await withDatabase(configuration) { db in
                    guard let account = try await AccountStore(database: db).credentials(email: email)?.account, account.isActive else {
                        throw ValidationError("No active account with the email \(email).")
                    }
                    let organizations = try await OrganizationStore(database: db).all()
                    let district = account.grants.compactMap { grant -> UUID? in
                        guard let place = organizations.first(where: { $0.id == grant.organizationId }) else { return nil }
                        return place.kind == .district ? place.id : place.districtId
                    }.first
                    guard let district else { throw ValidationError("\(email) holds no role in a district.") }
                    let (token, secret) = try await TokenStore(database: db).create(name: name, userId: account.id, districtId: district,
                                                                                   canWrite: write, createdBy: account.id)
                    try await AuditStore(database: db).record(
                        .tokenCreated, by: AuditEvent.Actor(id: nil, label: "command line", ip: nil), about: .token(token.id), in: district,
                        detail: "\(name): acts as \(account.email), \(write ? "read-write" : "read-only")")
                    say("Token for \(account.email) (\(write ? "read-write" : "read-only")); it is shown only this once:")
                    say(secret)
                }
            }
        }
    }
}
