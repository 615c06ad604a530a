import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("API tokens and the JSON API")
struct APITests {
    static func document() throws -> [String: Any] {
        let path = FixturePaths.repository.appendingPathComponent("Sources/BelongServer/Resources/openapi.json").path
        return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    /// Checks a JSON object against a schema's required properties, recursively for arrays of referenced items.
    static func conforms(_ value: Any, to schemaName: String, in document: [String: Any]) -> [String] {
        let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
        guard let schema = schemas[schemaName] as? [String: Any], let object = value as? [String: Any] else { return ["\(schemaName): not an object"] }
        var problems: [String] = []
        for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
            problems.append("\(schemaName).\(key) missing")
        }
        let properties = (schema["properties"] as? [String: Any]) ?? [:]
        for key in object.keys where properties[key] == nil && schema["additionalProperties"] == nil {
            problems.append("\(schemaName).\(key) not documented")
        }
        for (key, property) in properties {
            guard let items = (property as? [String: Any])?["items"] as? [String: Any], let ref = items["$ref"] as? String,
                  let array = object[key] as? [Any] else { continue }
            for element in array { problems += conforms(element, to: String(ref.split(separator: "/").last!), in: document) }
        }
        return problems
    }

    @Test("a token made on the tokens page is shown once, works as its user, and stops working when revoked")
    func tokenLifecycle() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let team = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.schoolTeam]!)?.account)
            try await admin.get("/admin/tokens")
            let created = try await admin.post("/admin/tokens", form: [("name", "Nightly sync"), ("user", team.id.uuidString.lowercased())])
            #expect(created.status == .created)
            let secret = try #require(AdministrationTests.oneTimePassword(in: created.text))
            #expect(secret.hasPrefix("blg_"))
            let list = try await admin.get("/admin/tokens")
            #expect(!list.text.contains(secret), "shown once, never again")
            #expect(list.text.contains("Nightly sync"))

            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(me.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: me.body)) as! [String: Any]
            #expect(body["email"] as? String == fixture.emails[.schoolTeam]!)
            #expect(body["canWrite"] as? Bool == false)
            #expect(Self.conforms(body, to: "Me", in: try Self.document()).isEmpty)

            let token = try #require(try await TokenStore(database: database).list(districtId: fixture.district.id).first)
            try await admin.get("/admin/tokens")
            let revoked = try await admin.post("/admin/tokens/\(token.id.uuidString.lowercased())/revoke", form: [])
            #expect(revoked.status == .seeOther)
            let after = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(after.status == .unauthorized)
            #expect(after.headers[.wwwAuthenticate] == "Bearer")

            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .tokenCreated)).total == 1)
            #expect(try await audit.events(.init(action: .tokenUsed)).total == 1)
            #expect(try await audit.events(.init(action: .tokenRevoked)).total == 1)
        }
    }

    @Test("deactivating a person or resetting their password revokes their tokens too: reactivating brings none back")
    func tokensEndWithTheAccount() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let tokens = TokenStore(database: database)
            let administration = UserAdministration(database: database, hasher: PasswordHasher(cost: 4))
            let team = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.schoolTeam]!)?.account)
            let staff = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.staff]!)?.account)
            func works(_ secret: String) async throws -> Bool {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"]).status == .ok
            }
            let first = try await tokens.create(name: "sync", userId: team.id, districtId: fixture.district.id, canWrite: false, createdBy: team.id).secret
            #expect(try await works(first))
            try await administration.setActive(false, userId: team.id, by: .commandLine)
            #expect(try await !works(first))
            try await administration.setActive(true, userId: team.id, by: .commandLine)
            #expect(try await !works(first), "a reactivated account's old token stays revoked")

            let second = try await tokens.create(name: "sync", userId: staff.id, districtId: fixture.district.id, canWrite: false, createdBy: staff.id).secret
            #expect(try await works(second))
            _ = try await administration.resetPassword(email: fixture.emails[.staff]!, by: .commandLine)
            #expect(try await !works(second), "a password reset signs out everywhere, tokens included")
            let listed = try await tokens.list(districtId: fixture.district.id)
            #expect(listed.count == 2 && listed.allSatisfy { !$0.isActive }, "the tokens page shows them revoked")
        }
    }

    @Test("API answers match the OpenAPI document, and named people are role-checked and audited")
    func shapes() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let tokens = TokenStore(database: database)
            let team = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.schoolTeam]!)?.account)
            let secret = try await tokens.create(name: "t", userId: team.id, districtId: fixture.district.id, canWrite: false, createdBy: team.id).secret
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            let document = try Self.document()

            let schools = try await client.execute(uri: "/api/v1/schools", method: .get, headers: headers)
            let schoolsBody = try JSONSerialization.jsonObject(with: Data(buffer: schools.body)) as! [String: Any]
            #expect(Self.conforms(schoolsBody, to: "Schools", in: document).isEmpty)
            #expect((schoolsBody["schools"] as? [Any])?.count == 1, "a school team member sees their own school")

            let people = try await client.execute(uri: "/api/v1/schools/\(fixture.north.id.uuidString.lowercased())/people?grade=04", method: .get, headers: headers)
            #expect(people.status == .ok)
            let peopleBody = try JSONSerialization.jsonObject(with: Data(buffer: people.body)) as! [String: Any]
            #expect(Self.conforms(peopleBody, to: "People", in: document) == [])
            #expect(peopleBody["total"] as? Int == 1)

            let other = try await client.execute(uri: "/api/v1/schools/\(fixture.south.id.uuidString.lowercased())/people", method: .get, headers: headers)
            #expect(other.status == .forbidden)
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: other.body)) as! [String: Any]
            #expect(Self.conforms(problem, to: "Problem", in: document).isEmpty)

            let bad = try await client.execute(uri: "/api/v1/schools/\(fixture.north.id.uuidString.lowercased())/people?kind=pets", method: .get, headers: headers)
            #expect(bad.status == .badRequest)

            let write = try await client.execute(uri: "/api/v1/imports/oneroster", method: .post, headers: headers, body: ByteBuffer(string: "x"))
            #expect(write.status == .forbidden, "a school team token may not import")
            #expect(try await AuditStore(database: database).events(.init(action: .viewedPeople)).total == 1)
        }
    }

    @Test("every path in the OpenAPI document is served: staff paths want a token, respondent paths a code")
    func documentPaths() async throws {
        let paths = (try Self.document()["paths"] as? [String: Any])?.keys.sorted() ?? []
        #expect(paths.count == 13)
        try await TestApp.run { client, _ in
            let served = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(served.status == .ok)
            for path in paths {
                let concrete = path
                    .replacingOccurrences(of: "{school}", with: UUID().uuidString.lowercased())
                    .replacingOccurrences(of: "{code}", with: "ZZZ-ZZZ-ZZZ")
                    .replacingOccurrences(of: "{wave}", with: UUID().uuidString.lowercased())
                    .replacingOccurrences(of: "{dimension}", with: "grade")
                    .replacingOccurrences(of: "{resource}", with: "relationship-mapping")
                let response = try await client.execute(uri: concrete, method: path.contains("imports") ? .post : .get)
                if path.hasPrefix("/api/v1/respond/") {
                    // No token needed: the code is the credential, and this one was never issued.
                    #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(path) answers for codes")
                } else {
                    #expect(response.status == .unauthorized, "\(path) exists and wants a token")
                }
            }
        }
    }

    @Test("a writable administrator token imports a OneRoster zip; a refused bundle answers 422 with every problem")
    func apiImport() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.districtAdministrator]!)?.account)
            let tokens = TokenStore(database: database)
            let readOnly = try await tokens.create(name: "r", userId: admin.id, districtId: fixture.district.id, canWrite: false, createdBy: admin.id).secret
            let writable = try await tokens.create(name: "w", userId: admin.id, districtId: fixture.district.id, canWrite: true, createdBy: admin.id).secret
            let zip = try Self.zipFolder(FixturePaths.oneRoster("lakeside-1.1"))

            let refusedRO = try await client.execute(uri: "/api/v1/imports/oneroster", method: .post, headers: [.authorization: "Bearer \(readOnly)"],
                                                     body: ByteBuffer(data: zip))
            #expect(refusedRO.status == .forbidden)

            let dry = try await client.execute(uri: "/api/v1/imports/oneroster?dryRun=true", method: .post, headers: [.authorization: "Bearer \(writable)"],
                                               body: ByteBuffer(data: zip))
            #expect(dry.status == .ok)
            let report = try JSONSerialization.jsonObject(with: Data(buffer: dry.body)) as! [String: Any]
            #expect(Self.conforms(report, to: "ImportReport", in: try Self.document()) == [])
            #expect(report["applied"] as? Bool == false)

            let applied = try await client.execute(uri: "/api/v1/imports/oneroster", method: .post, headers: [.authorization: "Bearer \(writable)"],
                                                   body: ByteBuffer(data: zip))
            #expect(applied.status == .ok)
            #expect(try await ImportTests.count(database, "students") == 6)

            let broken = try await client.execute(uri: "/api/v1/imports/oneroster", method: .post, headers: [.authorization: "Bearer \(writable)"],
                                                  body: ByteBuffer(string: "not a zip"))
            #expect(broken.status == .unprocessableContent)
            #expect(String(buffer: broken.body).contains("not a zip archive"))
        }
    }

    static func zipFolder(_ path: String) throws -> Data {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return try BundleSource.zip(files)
    }
}
