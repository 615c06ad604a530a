/// The API's own document, who the caller is, and the schools and people they may read.
enum APIRoutes {
    static let document = Route(.get, "/api/openapi.json", .api, access: .everyone)
    /// The same document where tools look for it first.
    static let rootDocument = Route(.get, "/openapi.json", .api, access: .everyone)
    static let me = Route(.get, "/api/v1/me", .api, access: .signedIn)
    static let schools = Route(.get, "/api/v1/schools", .api, access: .signedIn)
    static let schoolPeople = Route(.get, "/api/v1/schools/{school}/people", .api, access: .school(.viewStudentRecords))
}

struct APIFeature: Feature {
    let api: APIController

    init(_ app: AppServices) {
        api = APIController(organizations: app.organizations, people: app.people, audit: app.audit)
    }

    func register(_ routes: RouteTable) {
        routes.add(APIRoutes.document, use: api.document)
        routes.add(APIRoutes.rootDocument, use: api.document)
        routes.add(APIRoutes.me, use: api.me)
        routes.add(APIRoutes.schools, use: api.schools)
        routes.add(APIRoutes.schoolPeople, use: api.schoolPeople)
    }
}
