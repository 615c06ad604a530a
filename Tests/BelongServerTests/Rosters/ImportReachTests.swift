import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// Issue #13, High: one district's writable token rewrote another district's roster. An import may
/// change only the uploader's district; rows naming anything else are refused by name, and neither a
/// dry run nor a refusal describes the other district.
@Suite("An import reaches its own district only")
struct ImportReachTests {
    /// A second district, as the command line imports it, beside the test fixture's Lakeside District.
    static func secondDistrict(_ database: Database) async throws -> ImportReport {
        try await RosterImporter(database: database).run(.path(FixturePaths.oneRoster("lakeside-1.1")), format: .oneRoster, options: .init(),
                                                         homeDistrict: nil, actor: .commandLine, label: "cli")
    }

    /// The second district's bundle as an attacker edits it: one student renamed, the others left out of
    /// the bulk users file (which would deactivate them).
    static func attack() throws -> Data {
        let folder = FixturePaths.oneRoster("lakeside-1.1")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        let users = String(decoding: files["users.csv"]!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = users.filter { $0.hasPrefix("sourcedId") || $0.hasPrefix("lk-s-1,") || $0.hasPrefix("lk-t-1,") }
        files["users.csv"] = Data(kept.joined(separator: "\n").replacingOccurrences(of: "Amara,Okafor", with: "Renamed,ByAttacker").utf8)
        return try BundleSource.zip(files)
    }

    static func secondDistrictState(_ database: Database) async throws -> [String] {
        try await database.read { db in
            try await db.raw("SELECT given_name, family_name, is_active FROM students WHERE sourced_id LIKE 'lk-%' ORDER BY sourced_id").all()
                .map { "\(try $0.decode(column: "given_name", as: String.self)) \(try $0.decode(column: "family_name", as: String.self)) \(try $0.decode(column: "is_active", as: Bool.self))" }
        }
    }

    @Test("another district's writable token cannot rename or deactivate its people: the rows are refused by name, the dry run describes nothing of it")
    func tokenOfAnotherDistrict() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let setup = try await Self.secondDistrict(database)
            #expect(setup.applied)
            let before = try await Self.secondDistrictState(database)
            #expect(before.count == 4 && before.allSatisfy { $0.hasSuffix("true") })
            let admin = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.districtAdministrator]!)?.account)
            let token = try await TokenStore(database: database).create(name: "w", userId: admin.id, districtId: fixture.district.id, canWrite: true,
                                                                        createdBy: admin.id).secret
            let zip = try Self.attack()
            func post(_ query: String) async throws -> (status: HTTPResponse.Status, report: ImportReport) {
                let response = try await client.execute(uri: "/api/v1/imports/oneroster\(query)", method: .post, headers: [.authorization: "Bearer \(token)"],
                                                        body: ByteBuffer(data: zip))
                return (response.status, try JSONDecoder().decode(ImportReport.self, from: Data(buffer: response.body)))
            }

            let dry = try await post("?dryRun=true")
            #expect(dry.report.coveredSchools.isEmpty, "the other district's schools: \(dry.report.coveredSchools)")
            for table in ["students", "staff", "families", "classes", "enrollments", "organizations"] {
                let counts = dry.report.counts[table] ?? ImportCounts()
                #expect(counts.updated == 0 && counts.deactivated == 0 && counts.unchanged == 0, "\(table): \(counts) describes the other district")
            }
            let refused = Set(dry.report.errors.filter { $0.reason.contains("outside the district you import into") }.compactMap(\.value))
            #expect(refused.isSuperset(of: ["lk-district", "lk-birch", "lk-harbour", "lk-s-1", "lk-t-1"]), "\(refused)")

            let applied = try await post("")
            #expect(applied.status == .unprocessableContent)
            #expect(!applied.report.applied)
            let validOnly = try await post("?validRowsOnly=true")
            #expect(validOnly.status == .ok)
            #expect(try await Self.secondDistrictState(database) == before, "the other district's students changed")
            let staff = try await database.read { db in
                try await db.raw("SELECT given_name, is_active FROM staff_members WHERE sourced_id LIKE 'lk-%'").all()
                    .map { try $0.decode(column: "is_active", as: Bool.self) }
            }
            #expect(staff.allSatisfy { $0 }, "the other district's staff were deactivated")
        }
    }

    @Test("an administrator's upload of their own district's export keeps working when the bundle names the district differently")
    func ownDistrictUnderAnotherName() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let report = try await RosterImporter(database: database).run(.path(FixturePaths.oneRoster("lakeside-1.1")), format: .oneRoster,
                                                                          options: .init(), homeDistrict: fixture.district.id, actor: .commandLine, label: "own")
            #expect(report.applied && report.errors.isEmpty, "\(report.errors)")
            let schools = try await OrganizationStore(database: database).all().filter { $0.kind == .school }
            #expect(schools.filter { $0.sourcedId?.hasPrefix("lk-") == true }.allSatisfy { $0.districtId == fixture.district.id })
            #expect(try await OrganizationStore(database: database).all().filter { $0.kind == .district }.count == 1, "no second district was made")
            _ = client
        }
    }

    @Test("the command line with a district named is held to that district too")
    func commandLineWithDistrict() async throws {
        try await TestApp.run { _, database in
            let fixture = try await Fixture.make(on: database)
            _ = try await Self.secondDistrict(database)
            let before = try await Self.secondDistrictState(database)
            let report = try await RosterImporter(database: database).run(.zip(try Self.attack()), format: .oneRoster, options: .init(validRowsOnly: true),
                                                                          homeDistrict: fixture.district.id, actor: .commandLine, label: "cli")
            #expect(report.errors.contains { $0.value == "lk-s-1" })
            #expect(try await Self.secondDistrictState(database) == before)
        }
    }
}
