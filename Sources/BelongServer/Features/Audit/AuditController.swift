import BelongCore
import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// The audit log for district administrators: a filtered page, and the same selection as CSV.
struct AuditController {
    let kit: PageKit
    let audit: AuditStore
    let organizations: OrganizationStore
    let targets: AuditTargets
    /// The clock, injected so tests can fix the time.
    var clock: @Sendable () -> Date = Date.init


    struct Selection {
        var filter: AuditStore.Filter
        var action = "", actor = "", from = "", to = ""
        var problem: String?
    }

    private func selection(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, Selection) {
        let visitor = try context.requireVisitor(request)
        let districts = visitor.policy.districts.filter { visitor.may(.readAuditLog(district: $0)) }
        guard !districts.isEmpty else { throw HTTPError(.forbidden) }
        let places = try await organizations.all().filter { districts.contains($0.id) || ($0.districtId.map(districts.contains) ?? false) }.map(\.id)
        let parameters = request.uri.queryParameters
        var selection = Selection(filter: .init(organizations: places))
        selection.action = parameters.get("action") ?? ""
        selection.actor = String((parameters.get("actor") ?? "").prefix(100))
        selection.from = parameters.get("from") ?? ""
        selection.to = parameters.get("to") ?? ""
        selection.filter.action = AuditEvent.Action(rawValue: selection.action)
        selection.filter.actor = selection.actor.isEmpty ? nil : selection.actor
        let t = kit.t(context)
        if !selection.from.isEmpty {
            if let date = AuditCSV.parseMoment(selection.from) { selection.filter.since = date } else { selection.problem = t("audit.badDate") }
        }
        if !selection.to.isEmpty {
            // "To" includes the whole day.
            if let date = AuditCSV.parseMoment(selection.to) { selection.filter.until = date.addingTimeInterval(86_400) } else { selection.problem = t("audit.badDate") }
        }
        return (visitor, selection)
    }

    @Sendable func page(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, selection) = try await selection(request, context)
        let number = Page.number(from: request.uri.queryParameters.get("page"))
        let (events, total) = try await audit.events(selection.filter, page: number)
        let query: @Sendable (Int?) -> String = { page in
            queryString([("action", selection.action), ("actor", selection.actor), ("from", selection.from), ("to", selection.to), ("page", page.map(String.init))])
        }
        let model = AuditViewModel(
            chrome: kit.chrome(request, context, titleKey: "audit.title"), events: events,
            records: try await targets.labels(for: events, kit.t(context)),
            page: Page(number: number, size: AuditStore.pageSize, total: total),
            action: selection.action, actor: selection.actor, from: selection.from, to: selection.to, problem: selection.problem,
            exportURL: SiteURL.auditExport.path + query(nil), link: { SiteURL.audit.path + query($0) }
        )
        return HTMLPage(html: AuditView.render(model), status: selection.problem == nil ? .ok : .badRequest)
    }

    @Sendable func export(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, selection) = try await selection(request, context)
        if let problem = selection.problem { throw HTTPError(.badRequest, message: problem) }
        let actor = context.actor(visitor)
        let buffer = NIOLockedValueBox(ByteBuffer())
        try await AuditCSV.export(from: audit, filter: selection.filter, actor: actor) { line in
            buffer.withLockedValue { _ = $0.writeString(line) }
        }
        let day = Date.ISO8601FormatStyle().year().month().day().format(clock())
        return Download.csv(buffer.withLockedValue { $0 }, named: "belong-audit-\(day).csv")
    }
}
