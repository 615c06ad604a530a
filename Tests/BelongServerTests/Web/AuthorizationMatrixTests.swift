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

    struct Case {
        let route: Route
        /// The concrete calls; for routes that concern a school, one at the caller's own school and one at another.
        let samples: [Sample]
        var method: HTTPRequest.Method { route.method }
        var api: Bool { route.path.description.hasPrefix("/api/") }
        /// Calls that end the caller's session go last.
        var last: Bool { route.path.description == "/signout" }
    }

    struct Sample {
        let label: String
        let path: String
        /// The school the call concerns; nil when it concerns none (a district page, a list).
        let school: UUID?
    }

    /// The routes the application registers, with their definitions: the one list this matrix walks.
    static func routes(on database: Database) async throws -> (registered: Set<String>, defined: [Route]) {
        let services = try await AppServices(configuration: TestApp.configuration(), database: database)
        let (router, routes) = makeRouter(services: services, logger: TestDatabase.logger)
        return (Set(router.routes.map { "\($0.method) \(Self.pattern($0.path.description))" }), routes)
    }

    /// Sample values for every parameter a route may name, at the caller's own school (north) and at another (south).
    static func cases(_ routes: [Route], _ f: Fixture, target: UUID, waves: (north: UUID, south: UUID) = (UUID(), UUID())) -> [Case] {
        routes.map { route in
            let names = route.path.parameters
            let concernsSchool = names.contains { ["school", "student", "wave"].contains($0) }
            func fill(own: Bool, dimension: String = "grade") -> String {
                let values: [String] = names.map { name in
                    switch name {
                    case "school": (own ? f.north.id : f.south.id).pathSegment
                    case "student": (own ? f.northStudent.id : f.southStudent.id).pathSegment
                    case "wave": (own ? waves.north : waves.south).pathSegment
                    case "user": target.pathSegment
                    case "token", "import", "assessment", "goal", "action": UUID().pathSegment
                    case "name": "students.csv"
                    case "instrument": "belong-student"
                    case "version", "page": "1"
                    case "code": "K7M2QX9PA"
                    case "table": names.contains("school") ? "feelings.csv" : "schools.csv"
                    case "dimension": dimension
                    case "resource": "relationship-mapping"
                    default: "{no sample value for \(name)}"
                    }
                }
                return route.path.filled(values.map { RawSegment(pathSegment: $0) })
            }
            guard concernsSchool else { return Case(route: route, samples: [Sample(label: "", path: fill(own: true), school: nil)]) }
            // The results API names its school in the query, and answers for the district without one.
            if route.path.description.hasPrefix("/api/v1/waves/{wave}/") {
                return Case(route: route, samples: [
                    Sample(label: "own school", path: fill(own: true) + "?school=\(f.north.id.pathSegment)", school: f.north.id),
                    Sample(label: "other school", path: fill(own: false) + "?school=\(f.south.id.pathSegment)", school: f.south.id),
                    Sample(label: "district", path: fill(own: true, dimension: "school"), school: nil),
                ])
            }
            return Case(route: route, samples: [
                Sample(label: "own school", path: fill(own: true), school: f.north.id),
                Sample(label: "other school", path: fill(own: false), school: f.south.id),
            ])
        }
    }

    struct RawSegment: PathValue {
        let pathSegment: String
    }

    /// What the permission model says the caller may do: the fixture gives school roles at north, district roles at the district.
    static func policy(_ who: Who, _ f: Fixture) -> AccessPolicy? {
        guard case .role(let role) = who else { return nil }
        return AccessPolicy(grants: [.init(role: role, organizationId: role.isDistrictWide ? f.district.id : f.north.id)],
                            districtOfSchool: [f.north.id: f.district.id, f.south.id: f.district.id])
    }

    /// A denied call is a 403 (401 for an API call without a token); an anonymous page call goes to sign-in.
    static func isDenied(_ page: TestBrowser.Page, api: Bool) -> Bool {
        page.status == .forbidden || page.status == .unauthorized
            || (page.status == .seeOther && page.location?.hasPrefix("/signin") == true && page.location?.contains("signedOut") == false)
    }

    @Test("every route the router has comes from a route definition, and every definition has sample values")
    func everyRouteListed() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let (registered, defined) = try await Self.routes(on: database)
            let listed = Set(defined.map(\.description))
            #expect(registered.subtracting(listed).isEmpty, "routes registered without a definition: \(registered.subtracting(listed).sorted())")
            #expect(listed.subtracting(registered).isEmpty, "definitions the router does not serve: \(listed.subtracting(registered).sorted())")
            #expect(defined.count == listed.count, "a route is defined twice")
            let fixture = Fixture(district: .init(kind: .district, name: ""), north: .init(kind: .school, name: ""), south: .init(kind: .school, name: ""),
                                  northStudent: .init(schoolId: UUID(), name: .init(given: "", family: ""), grade: .grade1),
                                  southStudent: .init(schoolId: UUID(), name: .init(given: "", family: ""), grade: .grade1), emails: [:])
            let unfilled = Self.cases(defined, fixture, target: UUID()).flatMap(\.samples).map(\.path).filter { $0.contains("{") }
            #expect(unfilled.isEmpty, "\(unfilled)")
            #expect(defined.count >= 75, "the matrix walks \(defined.count) routes")
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
            let defined = try await Self.routes(on: database).defined
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
                let cases = Self.cases(defined, fixture, target: target.id, waves: (waves[0], waves[1])).sorted { !$0.last && $1.last }
                for item in cases {
                    for sample in item.samples {
                        let (label, path) = (sample.label, sample.path)
                        var headers: HTTPFields = [:]
                        if item.api, let bearer { headers[.authorization] = "Bearer \(bearer)" }
                        if item.route.path.description == "/signin", item.method == .post { continue }
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
                        let expected = item.route.access.allows(Self.policy(who, fixture), school: sample.school, district: fixture.district.id)
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
