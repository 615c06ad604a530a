import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The library for integrations: the same search, scope and counts as the pages, in the shapes the OpenAPI document gives.
@Suite("The library's API")
struct LibraryAPITests {
    @Test("search, a resource and a school's recommendations answer as documented; another district's resource and school are not given")
    func answers() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let own = try await LibraryFixture.add(on: database, district: fixture.district.id)
            let principal = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.schoolAdministrator]!)?.account)
            let token = try await TokenStore(database: database).create(name: "t", userId: principal.id, districtId: fixture.district.id, canWrite: false,
                                                                        createdBy: principal.id).secret
            let headers: HTTPFields = [.authorization: "Bearer \(token)"]
            let document = try APITests.document()
            func json(_ path: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                let response = try await client.execute(uri: path, method: .get, headers: headers)
                return (response.status, (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:])
            }
            let (status, search) = try await json("/api/v1/library?q=morning+circle&strategy=relationships")
            #expect(status == .ok)
            #expect(APITests.conforms(search, to: "LibrarySearch", in: document).isEmpty, "\(APITests.conforms(search, to: "LibrarySearch", in: document))")
            let first = try #require((search["resources"] as? [[String: Any]])?.first)
            #expect((first["resource"] as? [String: Any])?["id"] as? String == own.id)
            #expect(first["districtId"] as? String == fixture.district.id.uuidString)

            let (one, resource) = try await json("/api/v1/library/relationship-mapping")
            #expect(one == .ok && APITests.conforms(resource, to: "LibraryResource", in: document).isEmpty)
            #expect(resource["triedBySchools"] as? Int == 0)
            #expect(try await json("/api/v1/library/no-such").0 == .notFound)
            #expect(try await json("/api/v1/library?q=%22%20OR%201%3D1%20--").0 == .ok)

            let (given, recommendations) = try await json("/api/v1/schools/\(fixture.north.id.pathSegment)/recommendations")
            #expect(given == .ok && APITests.conforms(recommendations, to: "Recommendations", in: document).isEmpty)
            #expect(recommendations["hadFigures"] as? Bool == false, "no wave yet")
            #expect(try await json("/api/v1/schools/\(fixture.south.id.pathSegment)/recommendations").0 == .forbidden)
            #expect(try await json("/api/v1/schools/\(UUID().pathSegment)/recommendations").0 == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/library", method: .get).status == .unauthorized)
        }
    }
}
