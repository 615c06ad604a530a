import BelongCore
import Foundation

/// Creating accounts, granting roles and resetting passwords, for the admin pages and `belong users`.
/// Every change is written to the audit log with who made it.
public struct UserAdministration: Sendable {
    public typealias Actor = AuditEvent.Actor

    let accounts: AccountStore
    let organizations: OrganizationStore
    let sessions: SessionStore
    let audit: AuditStore
    let hasher: PasswordHasher
    let tokens: TokenStore

    public init(database: Database, hasher: PasswordHasher) {
        accounts = AccountStore(database: database)
        organizations = OrganizationStore(database: database)
        sessions = SessionStore(database: database)
        tokens = TokenStore(database: database)
        audit = AuditStore(database: database)
        self.hasher = hasher
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalidEmail(String)
        case unknownOrganization(String)
        case ambiguousOrganization(String, matches: [String])
        case wrongKindOfOrganization(role: Role, organization: String)
        case noDistrict
        case password([PasswordRules.Problem])

        public var description: String {
            switch self {
            case .invalidEmail(let email): "'\(email)' is not an email address."
            case .unknownOrganization(let text): "No school or district matches '\(text)'."
            case .ambiguousOrganization(let text, let matches): "'\(text)' matches several: \(matches.joined(separator: ", ")). Use the id."
            case .wrongKindOfOrganization(let role, let organization):
                role.isDistrictWide ? "\(role.rawValue) is a district role, but \(organization) is a school." : "\(role.rawValue) is held at a school, but \(organization) is a district."
            case .noDistrict: "There is no district yet: import a roster or run `belong demo` first."
            case .password(let problems): "The password is not acceptable: \(problems.map(\.rawValue).joined(separator: ", "))."
            }
        }
    }

    /// Finds a district or school by id, roster id, number or name (case-insensitive).
    public func organization(matching text: String) async throws -> Organization {
        let all = try await organizations.all()
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        let matches = all.filter {
            $0.id.uuidString.lowercased() == needle || $0.sourcedId?.lowercased() == needle || $0.identifier?.lowercased() == needle
                || $0.name.lowercased() == needle
        }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            let partial = all.filter { $0.name.lowercased().contains(needle) }
            if partial.count == 1 { return partial[0] }
            if partial.count > 1 { throw Problem.ambiguousOrganization(text, matches: partial.map(\.name)) }
            throw Problem.unknownOrganization(text)
        }
        throw Problem.ambiguousOrganization(text, matches: matches.map(\.name))
    }

    /// Where a role is held: the given organization, or for a district role the only district.
    public func place(for role: Role, at text: String?) async throws -> Organization {
        let organization: Organization
        if let text {
            organization = try await self.organization(matching: text)
        } else {
            let districts = try await organizations.all().filter { $0.kind == .district }
            guard role.isDistrictWide, districts.count == 1 else {
                throw districts.isEmpty ? Problem.noDistrict : Problem.unknownOrganization("(none given)")
            }
            organization = districts[0]
        }
        guard (organization.kind == .district) == role.isDistrictWide else {
            throw Problem.wrongKindOfOrganization(role: role, organization: organization.name)
        }
        return organization
    }

    /// Creates an account with a one-time password, which it returns: the person must change it at first sign-in.
    @discardableResult
    public func create(
        email: String, displayName: String?, role: Role, at organization: Organization, staffId: UUID? = nil,
        password: String? = nil, by actor: Actor
    ) async throws -> (account: UserAccount, password: String) {
        let normalized = UserAccount.normalize(email: email)
        guard Self.looksLikeEmail(normalized) else { throw Problem.invalidEmail(email) }
        let chosen = password ?? Tokens.oneTimePassword()
        if password != nil {
            let problems = PasswordRules.problems(with: chosen, email: normalized)
            guard problems.isEmpty else { throw Problem.password(problems) }
        }
        let account = UserAccount(
            email: normalized, displayName: displayName?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? normalized,
            staffId: staffId, grants: [.init(role: role, organizationId: organization.id)]
        )
        try await accounts.create(account, passwordHash: try await hasher.hash(chosen), mustChangePassword: password == nil)
        let now = Date()
        try await audit.record(.userCreated, by: actor, about: .user(account.id), in: organization.id, detail: normalized, at: now)
        try await audit.record(.roleGranted, by: actor, about: .user(account.id), in: organization.id, detail: "\(role.rawValue) at \(organization.name)",
                                 at: now)
        return (account, chosen)
    }

    /// Sets a new one-time password and signs the person out everywhere: every session and every API token
    /// acting as them (a reset is what one does when an account may be in someone else's hands).
    public func resetPassword(email: String, by actor: Actor) async throws -> String {
        guard let credentials = try await accounts.credentials(email: email) else { throw AccountError.notFound(email) }
        let password = Tokens.oneTimePassword()
        try await accounts.setPassword(userId: credentials.account.id, hash: try await hasher.hash(password), mustChange: true)
        try await sessions.endAll(userId: credentials.account.id)
        try await tokens.revokeAll(userId: credentials.account.id)
        try await audit.record(.passwordReset, by: actor, about: .user(credentials.account.id), detail: credentials.account.email)
        return password
    }

    public func grant(_ role: Role, at organization: Organization, to userId: UUID, by actor: Actor) async throws {
        guard (organization.kind == .district) == role.isDistrictWide else {
            throw Problem.wrongKindOfOrganization(role: role, organization: organization.name)
        }
        try await accounts.grant(.init(role: role, organizationId: organization.id), to: userId)
        try await audit.record(.roleGranted, by: actor, about: .user(userId), in: organization.id, detail: "\(role.rawValue) at \(organization.name)")
    }

    public func revoke(_ grant: UserAccount.Grant, from userId: UUID, by actor: Actor) async throws {
        try await accounts.revoke(grant, from: userId)
        let place = try await organizations.find(id: grant.organizationId)?.name ?? grant.organizationId.uuidString
        try await audit.record(.roleRevoked, by: actor, about: .user(userId), in: grant.organizationId, detail: "\(grant.role.rawValue) at \(place)")
    }

    public func setActive(_ isActive: Bool, userId: UUID, by actor: Actor) async throws {
        try await accounts.setActive(userId: userId, isActive)
        // Deactivating ends sessions and revokes tokens for good: reactivating does not bring them back.
        if !isActive {
            try await sessions.endAll(userId: userId)
            try await tokens.revokeAll(userId: userId)
        }
        try await audit.record(isActive ? .userUpdated : .userDeactivated, by: actor, about: .user(userId), detail: isActive ? "reactivated" : nil)
    }

    public func list() async throws -> [UserAccount] {
        try await accounts.list()
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace }) && text.count <= 254
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension AuditEvent.Actor {
    /// Someone at the server's terminal.
    public static var commandLine: AuditEvent.Actor {
        AuditEvent.Actor(id: nil, label: "command line (\(ProcessInfo.processInfo.userName)@\(ProcessInfo.processInfo.hostName))", ip: nil)
    }
}
