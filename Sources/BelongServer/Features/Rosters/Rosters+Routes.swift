import BelongCore
import Foundation

/// Roster imports: the upload page, a run's preview and outcome, the CSV templates, and the API import.
enum RostersRoutes {
    static let imports = Route(.get, "/admin/import", .page, access: .district(.importRoster))
    static let upload = Route(.post, "/admin/import", .form, access: .district(.importRoster))
    static let template = Route(.get, "/admin/import/templates/{name}", .download, access: .district(.importRoster))
    static let run = Route(.get, "/admin/import/{import}", .page, access: .district(.importRoster))
    static let confirm = Route(.post, "/admin/import/{import}/confirm", .form, access: .district(.importRoster))
    static let cancel = Route(.post, "/admin/import/{import}/cancel", .form, access: .district(.importRoster))
    static let apiImport = Route(.post, "/api/v1/imports/oneroster", .api, access: .district(.importRoster))
}

extension PlainCSVReader.Template: PathValue {
    public var pathSegment: String { fileName.pathSegment }
}

extension SiteURL {
    static var imports: SiteURL { RostersRoutes.imports.link() }
    static func importRun(_ id: UUID) -> SiteURL { RostersRoutes.run.link(id) }
    static func confirmImport(_ id: UUID) -> SiteURL { RostersRoutes.confirm.link(id) }
    static func cancelImport(_ id: UUID) -> SiteURL { RostersRoutes.cancel.link(id) }
    static func importTemplate(_ template: PlainCSVReader.Template) -> SiteURL { RostersRoutes.template.link(template) }
}

struct RostersFeature: Feature {
    let imports: ImportController

    init(_ app: AppServices) {
        imports = ImportController(
            kit: app.kit, importer: RosterImporter(database: app.database), runs: ImportRunStore(database: app.database),
            maxUploadBytes: app.configuration.maxUploadMegabytes * 1_048_576, waitBeforeProgress: app.configuration.importProgressAfter, clock: app.now
        )
    }

    func register(_ routes: RouteTable) {
        routes.add(RostersRoutes.imports, use: imports.page)
        routes.add(RostersRoutes.upload, use: imports.upload)
        routes.add(RostersRoutes.template, use: imports.template)
        routes.add(RostersRoutes.run, use: imports.show)
        routes.add(RostersRoutes.confirm, use: imports.confirm)
        routes.add(RostersRoutes.cancel, use: imports.cancel)
        routes.add(RostersRoutes.apiImport, use: imports.apiImport)
    }

    static let navigation = [NavigationEntry(position: 60, labelKey: "nav.import", route: RostersRoutes.imports)]
}
