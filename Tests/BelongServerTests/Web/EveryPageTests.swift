import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("Every page, in both languages")
struct EveryPageTests {
    @Test("every page a district administrator or school team member opens is whole in English and French")
    func everyPageTranslated() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let zip = try APITests.zipFolder(FixturePaths.oneRoster("lakeside-1.1"))
            let run = try #require(try await ImportPageTests.upload(admin, [("l.zip", zip)]).location)
            let account = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.staff]!)?.account)
            let north = fixture.north.id.uuidString.lowercased()
            let pages = [
                "/", "/privacy", "/dashboard", "/account/password", "/schools/\(north)/people",
                "/schools/\(north)/people?kind=staff", "/schools/\(north)/people?kind=families", "/schools/\(north)/people?q=nobody",
                "/schools/\(north)/students/\(fixture.northStudent.id.uuidString.lowercased())", "/admin/users",
                "/admin/users/\(account.id.uuidString.lowercased())", "/admin/tokens", "/admin/audit", "/admin/import", run, "/no/such/page",
                "/schools/\(fixture.south.id.uuidString.lowercased())/students/\(UUID().uuidString.lowercased())",
            ]
            for page in pages {
                for language in Language.interface {
                    let separator = page.contains("?") ? "&" : "?"
                    let result = try await admin.get("\(page)\(separator)lang=\(language.code)")
                    #expect(!result.text.contains("⟦"), "\(page) in \(language.code): \(Self.missing(in: result.text))")
                    #expect(result.text.contains(#"<html lang="\#(language.code)">"#), "\(page)")
                    #expect(result.status.code < 500, "\(page)")
                }
            }
        }
    }

    static func missing(in html: String) -> [String] {
        html.components(separatedBy: "⟦").dropFirst().compactMap { $0.components(separatedBy: "⟧").first }
    }
}
