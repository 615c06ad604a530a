/// The district's audit log, as a page and as CSV.
enum AuditRoutes {
    static let log = Route(.get, "/admin/audit", .page, access: .district(.readAuditLog))
    static let export = Route(.get, "/admin/audit.csv", .download, access: .district(.readAuditLog))
}

extension SiteURL {
    static var audit: SiteURL { AuditRoutes.log.link() }
    static var auditExport: SiteURL { AuditRoutes.export.link() }
}

struct AuditFeature: Feature {
    let audit: AuditController

    init(_ app: AppServices) {
        audit = AuditController(kit: app.kit, audit: app.audit, organizations: app.organizations, targets: AuditTargets(
            accounts: app.accounts, surveys: app.surveys, organizations: app.organizations, tokens: app.tokens,
            instruments: app.instruments, people: app.people
        ), clock: app.now)
    }

    func register(_ routes: RouteTable) {
        routes.add(AuditRoutes.log, use: audit.page)
        routes.add(AuditRoutes.export, use: audit.export)
    }

    static let navigation = [NavigationEntry(position: 70, labelKey: "nav.audit", route: AuditRoutes.log)]
}
