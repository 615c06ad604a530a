import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing
@testable import BelongServer

/// Every route, called as every role, at the role's own school and at another school.
@Suite("Who may use which route")
struct AuthorizationMatrixTests {
    enum Who: Hashable, CustomStringConvertible {
        case anonymous
        case role(Role)

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .role(let role): role.rawValue
            }
        }
    }

    /// Who may call a route: everyone, anyone signed in, or only some roles.
    enum Allowed {
        case everyone
        case signedIn
        case roles(Set<Role>)

        func allows(_ who: Who) -> Bool {
            switch (self, who) {
            case (.everyone, _): true
            case (.signedIn, .role): true
            case (.roles(let roles), .role(let role)): roles.contains(role)
            default: false
            }
        }
    }

    struct Case {
        let method: HTTPRequest.Method
        /// The route pattern, as the router lists it.
        let route: String
        /// The concrete path called; for school routes, one per school (own, other).
        let paths: [(label: String, path: String, allowed: Allowed)]
        var api = false
        /// Calls that end the caller's session go last.
        var last = false
    }

    static let readers: Set<Role> = [.districtAdministrator, .schoolAdministrator, .schoolTeam]
    static let admins: Set<Role> = [.districtAdministrator]
    static let planners: Set<Role> = [.districtAdministrator, .schoolAdministrator]

    static func cases(_ f: Fixture, target: UUID, token: UUID, waves: (north: UUID, south: UUID) = (UUID(), UUID())) -> [Case] {
        let north = f.north.id.uuidString.lowercased(), south = f.south.id.uuidString.lowercased()
        let northStudent = f.northStudent.id.uuidString.lowercased(), southStudent = f.southStudent.id.uuidString.lowercased()
        let user = target.uuidString.lowercased(), run = UUID().uuidString.lowercased()
        let northWave = waves.north.uuidString.lowercased(), southWave = waves.south.uuidString.lowercased()
        func wave(_ method: HTTPRequest.Method, _ suffix: String, own: Set<Role>) -> Case {
            Case(method: method, route: "/surveys/{wave}\(suffix)", paths: [
                ("own school", "/surveys/\(northWave)\(suffix)", .roles(own)), ("other school", "/surveys/\(southWave)\(suffix)", .roles(admins)),
            ])
        }
        let everyRole = Set(Role.allCases), district: Set<Role> = [.districtAdministrator, .analyst]
        func results(_ suffix: String, path: String? = nil, own: Set<Role>) -> Case {
            Case(method: .get, route: "/results/{wave}\(suffix)", paths: [
                ("own school", "/results/\(northWave)\(path ?? suffix)", .roles(own)), ("other school", "/results/\(southWave)\(path ?? suffix)", .roles(district)),
            ])
        }
        func schoolResults(_ suffix: String, path: String? = nil) -> Case {
            Case(method: .get, route: "/results/{wave}/schools/{school}\(suffix)", paths: [
                ("own school", "/results/\(northWave)/schools/\(north)\(path ?? suffix)", .roles(everyRole)),
                ("other school", "/results/\(southWave)/schools/\(south)\(path ?? suffix)", .roles(district)),
            ])
        }
        func one(_ method: HTTPRequest.Method, _ route: String, _ path: String? = nil, _ allowed: Allowed, api: Bool = false, last: Bool = false) -> Case {
            Case(method: method, route: route, paths: [("", path ?? route, allowed)], api: api, last: last)
        }
        return [
            one(.get, "/", nil, .everyone),
            one(.get, "/privacy", nil, .everyone),
            one(.get, "/healthz", nil, .everyone),
            // No role reads metrics: only this machine or the holder of BELONG_METRICS_TOKEN (HealthTests).
            one(.get, "/metrics", nil, .roles([])),
            one(.get, "/signin", nil, .everyone),
            one(.post, "/signin", nil, .everyone),
            one(.get, "/api/openapi.json", nil, .everyone),
            one(.get, "/openapi.json", nil, .everyone),
            // Survey pages: anyone with a code; a made-up code is a 404, never a sign-in.
            one(.get, "/s", nil, .everyone),
            one(.post, "/s", nil, .everyone),
            one(.get, "/s/thanks", nil, .everyone),
            one(.get, "/s/{code}", "/s/K7M2QX9PA", .everyone),
            one(.post, "/s/{code}", "/s/K7M2QX9PA", .everyone),
            one(.get, "/s/{code}/{page}", "/s/K7M2QX9PA/1", .everyone),
            one(.post, "/s/{code}/{page}", "/s/K7M2QX9PA/1", .everyone),
            one(.get, "/s/{code}/review", "/s/K7M2QX9PA/review", .everyone),
            one(.post, "/s/{code}/submit", "/s/K7M2QX9PA/submit", .everyone),
            one(.get, "/api/v1/respond/{code}", "/api/v1/respond/K7M2QX9PA", .everyone, api: true),
            one(.post, "/api/v1/respond/{code}", "/api/v1/respond/K7M2QX9PA", .everyone, api: true),
            one(.put, "/api/v1/respond/{code}/draft", "/api/v1/respond/K7M2QX9PA/draft", .everyone, api: true),
            one(.get, "/dashboard", nil, .signedIn),
            one(.get, "/account/password", nil, .signedIn),
            one(.post, "/account/password", nil, .signedIn),
            // Signing out is harmless for anyone: it ends whatever session there is.
            one(.post, "/signout", nil, .everyone, last: true),
            Case(method: .get, route: "/schools/{school}/people", paths: [
                ("own school", "/schools/\(north)/people", .roles(readers)), ("other school", "/schools/\(south)/people", .roles(admins)),
            ]),
            Case(method: .get, route: "/schools/{school}/students/{student}", paths: [
                ("own school", "/schools/\(north)/students/\(northStudent)", .roles(readers)),
                ("other school", "/schools/\(south)/students/\(southStudent)", .roles(admins)),
            ]),
            one(.get, "/admin/users", nil, .roles(admins)),
            one(.post, "/admin/users", nil, .roles(admins)),
            one(.get, "/admin/users/{user}", "/admin/users/\(user)", .roles(admins)),
            one(.post, "/admin/users/{user}/grant", "/admin/users/\(user)/grant", .roles(admins)),
            one(.post, "/admin/users/{user}/revoke", "/admin/users/\(user)/revoke", .roles(admins)),
            one(.post, "/admin/users/{user}/reset-password", "/admin/users/\(user)/reset-password", .roles(admins)),
            one(.post, "/admin/users/{user}/deactivate", "/admin/users/\(user)/deactivate", .roles(admins)),
            one(.post, "/admin/users/{user}/reactivate", "/admin/users/\(user)/reactivate", .roles(admins)),
            one(.get, "/admin/tokens", nil, .roles(admins)),
            one(.post, "/admin/tokens", nil, .roles(admins)),
            one(.post, "/admin/tokens/{token}/revoke", "/admin/tokens/\(UUID().uuidString.lowercased())/revoke", .roles(admins)),
            one(.get, "/admin/audit", nil, .roles(admins)),
            one(.get, "/admin/audit.csv", nil, .roles(admins)),
            one(.get, "/admin/import", nil, .roles(admins)),
            one(.post, "/admin/import", nil, .roles(admins)),
            one(.get, "/admin/import/templates/{name}", "/admin/import/templates/students.csv", .roles(admins)),
            one(.get, "/admin/import/{import}", "/admin/import/\(run)", .roles(admins)),
            one(.post, "/admin/import/{import}/confirm", "/admin/import/\(run)/confirm", .roles(admins)),
            one(.post, "/admin/import/{import}/cancel", "/admin/import/\(run)/cancel", .roles(admins)),
            one(.get, "/api/v1/me", nil, .signedIn, api: true),
            one(.get, "/api/v1/schools", nil, .signedIn, api: true),
            Case(method: .get, route: "/api/v1/schools/{school}/people", paths: [
                ("own school", "/api/v1/schools/\(north)/people", .roles(readers)), ("other school", "/api/v1/schools/\(south)/people", .roles(admins)),
            ], api: true),
            one(.post, "/api/v1/imports/oneroster", nil, .roles(admins), api: true),
            one(.get, "/api/v1/waves", nil, .signedIn, api: true),
            Case(method: .get, route: "/api/v1/waves/{wave}/results", paths: [
                ("own school", "/api/v1/waves/\(northWave)/results?school=\(north)", .roles(everyRole)),
                ("other school", "/api/v1/waves/\(southWave)/results?school=\(south)", .roles(district)),
                ("district", "/api/v1/waves/\(northWave)/results", .roles(district)),
            ], api: true),
            Case(method: .get, route: "/api/v1/waves/{wave}/breakdowns/{dimension}", paths: [
                ("own school", "/api/v1/waves/\(northWave)/breakdowns/grade?school=\(north)", .roles(everyRole)),
                ("other school", "/api/v1/waves/\(southWave)/breakdowns/grade?school=\(south)", .roles(district)),
                ("district", "/api/v1/waves/\(northWave)/breakdowns/school", .roles(district)),
            ], api: true),
            one(.get, "/surveys", nil, .roles(readers)),
            one(.post, "/surveys", nil, .roles(planners)),
            one(.post, "/surveys/help", nil, .roles(planners)),
            one(.get, "/surveys/new", nil, .roles(planners)),
            wave(.get, "", own: readers),
            wave(.get, "/participation", own: readers),
            wave(.post, "/slips", own: readers),
            wave(.post, "/codes.csv", own: readers),
            wave(.post, "/replace-codes", own: readers),
            wave(.post, "/open", own: planners),
            wave(.post, "/closing", own: planners),
            wave(.post, "/close", own: readers),
            Case(method: .post, route: "/schools/{school}/students/{student}/survey-opt-out", paths: [
                ("own school", "/schools/\(north)/students/\(northStudent)/survey-opt-out", .roles(readers)),
                ("other school", "/schools/\(south)/students/\(southStudent)/survey-opt-out", .roles(admins)),
            ]),
            one(.get, "/results", nil, .signedIn),
            results("", own: everyRole),
            results("/{table}", path: "/schools.csv", own: district),
            schoolResults(""),
            schoolResults("/report"),
            schoolResults("/you-said"),
            schoolResults("/{table}", path: "/feelings.csv"),
            // Open answers are the school team's, at their own school only: no district role reads or hides them.
            Case(method: .post, route: "/results/{wave}/schools/{school}/hide-answer", paths: [
                ("own school", "/results/\(northWave)/schools/\(north)/hide-answer", .roles([.schoolAdministrator, .schoolTeam])),
                ("other school", "/results/\(southWave)/schools/\(south)/hide-answer", .roles([])),
            ]),
            one(.get, "/admin/instruments", nil, .roles(admins)),
            one(.post, "/admin/instruments", nil, .roles(admins)),
            one(.get, "/admin/instruments/{instrument}/{version}", "/admin/instruments/belong-student/1", .roles(admins)),
        ]
    }

    /// A denied call is a 403 (401 for an API call without a token); an anonymous page call goes to sign-in.
    static func isDenied(_ page: TestBrowser.Page, api: Bool) -> Bool {
        page.status == .forbidden || page.status == .unauthorized
            || (page.status == .seeOther && page.location?.hasPrefix("/signin") == true && page.location?.contains("signedOut") == false)
    }

    @Test("every route the router has is in this table")
    func everyRouteListed() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let services = try await AppServices(configuration: TestApp.configuration(), database: database)
            let router = makeRouter(configuration: TestApp.configuration(), services: services, registry: PrometheusCollectorRegistry(), logger: TestDatabase.logger)
            let registered = Set(router.routes.map { "\($0.method) \(Self.pattern($0.path.description))" })
            let fixture = Fixture(district: .init(kind: .district, name: ""), north: .init(kind: .school, name: ""), south: .init(kind: .school, name: ""),
                                  northStudent: .init(schoolId: UUID(), name: .init(given: "", family: ""), grade: .grade1),
                                  southStudent: .init(schoolId: UUID(), name: .init(given: "", family: ""), grade: .grade1), emails: [:])
            let listed = Set(Self.cases(fixture, target: UUID(), token: UUID()).map { "\($0.method) \($0.route)" })
            #expect(registered.subtracting(listed).isEmpty, "routes with no access rule in the matrix: \(registered.subtracting(listed).sorted())")
            #expect(listed.subtracting(registered).isEmpty, "rules for routes that no longer exist: \(listed.subtracting(registered).sorted())")
        }
    }

    /// "/schools/:school/people" and "/schools/{school}/people" are the same route.
    static func pattern(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    @Test("each role is allowed exactly where its role allows, at its own school and at another")
    func matrix() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let administration = UserAdministration(database: database, hasher: PasswordHasher(cost: 4))
            let target = try await administration.create(email: "target@lakeside.example", displayName: "Target", role: .staff, at: fixture.south,
                                                         password: Fixture.password, by: .commandLine).account
            var waves: [UUID] = []
            for school in [fixture.north, fixture.south] {
                let wave = SurveyWave(districtId: fixture.district.id, title: "Matrix", instrumentId: "belong-student", instrumentVersion: 1,
                                      respondents: .students(from: .grade4, to: .grade12), schoolIds: [school.id], opensAt: Date().addingTimeInterval(-3_600),
                                      closesAt: Date().addingTimeInterval(86_400), timeZone: "America/Toronto")
                try await SurveyStore(database: database).create(wave, by: nil)
                waves.append(wave.id)
            }
            let accounts = AccountStore(database: database)
            let tokens = TokenStore(database: database)
            var failures: [String] = []
            let everyone: [Who] = [.anonymous] + Role.allCases.map { .role($0) }
            for who in everyone {
                let browser = TestBrowser(client)
                var bearer: String?
                if case .role(let role) = who {
                    let email = fixture.emails[role]!
                    let result = try await browser.signIn(email, Fixture.password)
                    #expect(result.location == "/dashboard", "\(who) signs in")
                    let account = try #require(try await accounts.credentials(email: email)?.account)
                    bearer = try await tokens.create(name: "matrix", userId: account.id, districtId: fixture.district.id, canWrite: true,
                                                     createdBy: account.id).secret
                }
                try await browser.get("/dashboard")
                let cases = Self.cases(fixture, target: target.id, token: UUID(), waves: (waves[0], waves[1])).sorted { !$0.last && $1.last }
                for item in cases {
                    for (label, path, allowed) in item.paths {
                        var headers: HTTPFields = [:]
                        if item.api, let bearer { headers[.authorization] = "Bearer \(bearer)" }
                        if item.route == "/signin", item.method == .post { continue }
                        let page: TestBrowser.Page
                        if item.method == .get {
                            page = try await browser.get(path, headers: headers)
                        } else if item.api {
                            page = try await browser.send(path, method: item.method, headers: headers, body: nil)
                        } else {
                            if item.last { try await browser.get("/dashboard") }
                            page = try await browser.post(path, form: [], headers: headers)
                        }
                        let denied = Self.isDenied(page, api: item.api)
                        let expected = allowed.allows(who)
                        if denied == expected || page.status.code >= 500 {
                            failures.append("\(who) \(item.method) \(path) \(label): got \(page.status.code) \(page.location ?? ""), expected \(expected ? "allowed" : "denied")")
                        }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("a browser session does not open the API: only a bearer token does")
    func sessionIsNotAPIAuth() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let browser = TestBrowser(client)
            try await browser.signIn(fixture.emails[.districtAdministrator]!, Fixture.password)
            #expect(try await browser.get("/dashboard").status == .ok)
            let api = try await browser.get("/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}
