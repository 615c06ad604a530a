import BelongCore
import Foundation

/// The library (issue #17): searching it and reading a resource, open to everyone; a school's shortlist and what it
/// tried, for its staff; a district's own resources and hidden built-ins, for its administrators; and the API.
enum LibraryRoutes {
    static let search = Route(.get, "/library", .page, access: .everyone)
    static let resource = Route(.get, "/library/{resource}", .page, access: .everyone)
    static let file = Route(.get, "/library/{resource}/file", .download, access: .everyone)

    static let shortlist = Route(.get, "/schools/{school}/shortlist", .page, access: .school(.markResources))
    static let changeShortlist = Route(.post, "/schools/{school}/shortlist", .form, access: .school(.markResources))
    static let tried = Route(.post, "/schools/{school}/tried", .form, access: .school(.markResources))

    static let manage = Route(.get, "/admin/library", .page, access: .district(.manageLibrary))
    static let newResource = Route(.get, "/admin/library/new", .page, access: .district(.manageLibrary))
    static let create = Route(.post, "/admin/library/new", .form, access: .district(.manageLibrary))
    static let edit = Route(.get, "/admin/library/{resource}", .page, access: .district(.manageLibrary))
    static let update = Route(.post, "/admin/library/{resource}", .form, access: .district(.manageLibrary))
    static let retire = Route(.post, "/admin/library/{resource}/retire", .form, access: .district(.manageLibrary))
    static let hide = Route(.post, "/admin/library/{resource}/hide", .form, access: .district(.manageLibrary))

    static let apiSearch = Route(.get, "/api/v1/library", .api, access: .signedIn)
    static let apiResource = Route(.get, "/api/v1/library/{resource}", .api, access: .signedIn)
    static let apiRecommendations = Route(.get, "/api/v1/schools/{school}/recommendations", .api, access: .school(.viewSchoolAggregates))
}

extension SiteURL {
    static var library: SiteURL { LibraryRoutes.search.link() }
    static func libraryResource(_ id: String) -> SiteURL { LibraryRoutes.resource.link(id) }
    static func libraryFile(_ id: String) -> SiteURL { LibraryRoutes.file.link(id) }
    static func shortlist(school: UUID) -> SiteURL { LibraryRoutes.shortlist.link(school) }
    static func changeShortlist(school: UUID) -> SiteURL { LibraryRoutes.changeShortlist.link(school) }
    static func tried(school: UUID) -> SiteURL { LibraryRoutes.tried.link(school) }
    static var manageLibrary: SiteURL { LibraryRoutes.manage.link() }
    static var newLibraryResource: SiteURL { LibraryRoutes.newResource.link() }
    static func editLibraryResource(_ id: String) -> SiteURL { LibraryRoutes.edit.link(id) }
    static func retireLibraryResource(_ id: String) -> SiteURL { LibraryRoutes.retire.link(id) }
    static func hideLibraryResource(_ id: String) -> SiteURL { LibraryRoutes.hide.link(id) }
}

struct LibraryFeature: Feature {
    let pages: LibraryController
    let admin: LibraryAdminController
    let api: LibraryAPIController

    init(_ app: AppServices) {
        pages = LibraryController(kit: app.kit, library: app.library, organizations: app.organizations, audit: app.audit,
                                  minimumGroupSize: app.configuration.minimumGroupSize)
        admin = LibraryAdminController(kit: app.kit, library: app.library, audit: app.audit)
        api = LibraryAPIController(kit: app.kit, library: app.library, organizations: app.organizations, recommendations: app.recommendations,
                                   minimumGroupSize: app.configuration.minimumGroupSize)
    }

    func register(_ routes: RouteTable) {
        routes.add(LibraryRoutes.search, use: pages.search)
        routes.add(LibraryRoutes.resource, use: pages.resource)
        routes.add(LibraryRoutes.file, use: pages.file)
        routes.add(LibraryRoutes.shortlist, use: pages.shortlist)
        routes.add(LibraryRoutes.changeShortlist, use: pages.changeShortlist)
        routes.add(LibraryRoutes.tried, use: pages.tried)
        routes.add(LibraryRoutes.manage, use: admin.manage)
        routes.add(LibraryRoutes.newResource, use: admin.newForm)
        routes.add(LibraryRoutes.create, use: admin.create)
        routes.add(LibraryRoutes.edit, use: admin.editForm)
        routes.add(LibraryRoutes.update, use: admin.update)
        routes.add(LibraryRoutes.retire, use: admin.retire)
        routes.add(LibraryRoutes.hide, use: admin.hide)
        routes.add(LibraryRoutes.apiSearch, use: api.search)
        routes.add(LibraryRoutes.apiResource, use: api.resource)
        routes.add(LibraryRoutes.apiRecommendations, use: api.recommendations)
    }

    static let navigation = [NavigationEntry(position: 40, labelKey: "library.nav", route: LibraryRoutes.search, shownBeforeSignIn: true)]
}
