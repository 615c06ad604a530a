import BelongCore
import Foundation
import Hummingbird

/// The read API for integrations (and the roster import endpoint, in `ImportAPI`). Every answer is
/// shaped by `API` models and checked against the OpenAPI document in tests.
struct APIController {
    let organizations: OrganizationStore
    let people: PeopleStore
    let audit: AuditStore


    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        json(try encoder.encode(value), status: status)
    }

    /// A body already encoded.
    static func json(_ encoded: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: encoded))
        )
    }

    @Sendable func document(request: Request, context: BelongRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try Data(contentsOf: url))))
    }

    @Sendable func me(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let names = Dictionary(uniqueKeysWithValues: try await organizations.all().map { ($0.id, $0.name) })
        let canWrite: Bool = if case .apiToken(_, let write) = visitor.credential { write } else { false }
        return try Self.json(API.Me(
            id: visitor.account.id, email: visitor.account.email, displayName: visitor.account.displayName,
            roles: visitor.account.grants.map { .init(role: $0.role.rawValue, organizationId: $0.organizationId, organizationName: names[$0.organizationId] ?? "") },
            canWrite: canWrite
        ))
    }

    /// Schools whose aggregate results the token's user may see.
    @Sendable func schools(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let schools = try await organizations.all().filter { $0.kind == .school && visitor.may(.viewSchoolAggregates(school: $0.id)) }
        return try Self.json(API.Schools(schools: schools.map {
            API.School(id: $0.id, sourcedId: $0.sourcedId, name: $0.name, identifier: $0.identifier, districtId: $0.districtId,
                       lowestGrade: $0.lowestGrade?.oneRosterCode, highestGrade: $0.highestGrade?.oneRosterCode)
        }))
    }

    /// Named people: student-level data, so role-checked and audited like the directory page.
    @Sendable func schoolPeople(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        guard let id = context.parameters.get("school").flatMap(UUID.init(uuidString:)), let school = try await organizations.find(id: id),
              school.kind == .school else { throw HTTPError(.notFound, message: "No such school.") }
        guard visitor.may(.viewStudentRecords(school: school.id)) else { throw HTTPError(.forbidden, message: "This role cannot see named people at this school.") }
        let parameters = request.uri.queryParameters
        let kindText = parameters.get("kind") ?? "students"
        guard let kind = PeopleStore.Kind(rawValue: kindText) else {
            throw HTTPError(.badRequest, message: "kind must be one of students, staff, families.")
        }
        var grade: Grade?
        if let text = parameters.get("grade") {
            guard let parsed = Grade(code: text) else { throw HTTPError(.badRequest, message: "grade '\(text)' is not a grade code such as KG or 04.") }
            grade = parsed
        }
        let query = PeopleStore.Query(kind: kind, text: parameters.get("q").map { String($0.prefix(100)) }, grade: grade,
                                      includeInactive: parameters.get("includeInactive") == "true", page: Page.number(from: parameters.get("page")))
        let (found, total) = try await people.search(school: school.id, query)
        let actor = context.actor(visitor)
        try await audit.record(.viewedPeople, by: actor, about: .school(school.id), in: school.id,
                                 detail: "api " + PeopleController.describe(query, shown: found.count))
        return try Self.json(API.People(kind: kind.rawValue, page: query.page, pageSize: PeopleStore.pageSize, total: total, people: found.map {
            API.Person(id: $0.id, givenName: $0.name.given, familyName: $0.name.family, preferredName: $0.name.preferred,
                       grade: $0.grade?.oneRosterCode, roles: $0.roles, email: $0.email, identifier: $0.identifier, active: $0.isActive)
        }))
    }
}
