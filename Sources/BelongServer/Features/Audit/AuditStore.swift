import BelongCore
import Foundation
import SQLKit

/// The append-only audit log. Events are only ever inserted; migration 013's triggers refuse the rest.
public struct AuditStore: Sendable {
    public static let pageSize = 50

    let database: Database
    /// The clock events are stamped with, so tests can fix the time.
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    /// Records what someone did: the one way Belong writes to its audit log. `time` is for a caller whose
    /// own clock decided the moment (a sign-in and its throttle); otherwise the event is stamped now.
    public func record(
        _ action: AuditEvent.Action, by actor: AuditEvent.Actor, about target: AuditEvent.Target, in organization: UUID? = nil,
        detail: String? = nil, at time: Date? = nil
    ) async throws {
        try await append(AuditEvent(action, by: actor, about: target, in: organization, detail: detail, at: time ?? now()))
    }

    /// What to look for in the log; nil means "any".
    public struct Filter: Sendable, Equatable {
        public var action: AuditEvent.Action?
        /// Part of the actor's email or label.
        public var actor: String?
        public var since: Date?
        public var until: Date?
        public var targetId: String?
        /// Events about these organizations, or about none (sign-ins); nil means every event.
        public var organizations: [UUID]?

        public init(
            action: AuditEvent.Action? = nil, actor: String? = nil, since: Date? = nil, until: Date? = nil, targetId: String? = nil,
            organizations: [UUID]? = nil
        ) {
            self.action = action
            self.actor = actor
            self.since = since
            self.until = until
            self.targetId = targetId
            self.organizations = organizations
        }
    }

    public func append(_ event: AuditEvent) async throws {
        try await database.write { db in try await Self.append(event, on: db) }
    }

    /// Appends inside a caller's transaction, so the event and what it records stand or fall together.
    static func append(_ event: AuditEvent, on db: any SQLDatabase) async throws {
        try await db.insert(into: "audit_events")
            .columns("id", "at", "action", "actor_id", "actor_label", "target_kind", "target_id", "organization_id", "ip", "detail")
            .values(SQLBind(event.id), SQLBind(event.at), SQLBind(event.action.rawValue), bindOrNull(event.actorId), SQLBind(event.actorLabel),
                    bindOrNull(event.targetKind), bindOrNull(event.targetId), bindOrNull(event.organizationId), bindOrNull(event.ip),
                    bindOrNull(event.detail))
            .run()
    }

    /// Newest first, a page at a time.
    public func events(_ filter: Filter, page: Int = 1, pageSize: Int = AuditStore.pageSize) async throws -> (events: [AuditEvent], total: Int) {
        try await database.read { db in
            let total = try await Self.apply(filter, to: db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await Self.apply(filter, to: db.select().columns("*").from("audit_events"))
                .orderBy("at", .descending).orderBy("id", .descending)
                .limit(pageSize).offset(max(page - 1, 0) * pageSize)
                .all()
            return (try rows.map(Self.event), total)
        }
    }

    /// Every matching event, oldest first, one at a time: for CSV export of any size.
    public func forEach(_ filter: Filter, _ body: @escaping @Sendable (AuditEvent) -> Void) async throws {
        try await database.read { db in
            try await Self.apply(filter, to: db.select().columns("*").from("audit_events"))
                .orderBy("at").orderBy("id")
                .run { row in
                    if let event = try? Self.event(row) { body(event) }
                }
        }
    }

    static func apply(_ filter: Filter, to query: SQLSelectBuilder) -> SQLSelectBuilder {
        if let action = filter.action { query.where("action", .equal, action.rawValue) }
        if let actor = filter.actor?.trimmingCharacters(in: .whitespaces), !actor.isEmpty {
            query.where(SQLFunction("LOWER", args: SQLIdentifier("actor_label")), .like, SQLBind("%\(actor.lowercased())%"))
        }
        if let since = filter.since { query.where("at", .greaterThanOrEqual, SQLBind(since)) }
        if let until = filter.until { query.where("at", .lessThan, SQLBind(until)) }
        if let target = filter.targetId { query.where("target_id", .equal, SQLBind(target)) }
        if let organizations = filter.organizations {
            query.where { group in
                group.where(SQLIdentifier("organization_id"), .is, SQLLiteral.null)
                if !organizations.isEmpty { group.orWhere(SQLIdentifier("organization_id"), .in, SQLBind.group(organizations)) }
                return group
            }
        }
        return query
    }

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        AuditEvent(
            id: try row.decode(column: "id", as: UUID.self),
            at: try row.decode(column: "at", as: Date.self),
            action: AuditEvent.Action(rawValue: try row.decode(column: "action", as: String.self)) ?? .exported,
            actorId: try row.decode(column: "actor_id", as: UUID?.self),
            actorLabel: try row.decode(column: "actor_label", as: String.self),
            targetKind: try row.decode(column: "target_kind", as: String?.self),
            targetId: try row.decode(column: "target_id", as: String?.self),
            organizationId: try row.decode(column: "organization_id", as: UUID?.self),
            ip: try row.decode(column: "ip", as: String?.self),
            detail: try row.decode(column: "detail", as: String?.self)
        )
    }
}
