import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("Every page, in both languages")
struct EveryPageTests {
    @Test("every page the router defines is whole in English and French, opened by a district administrator")
    func everyPageTranslated() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let fixture = survey.base
            let admin = try await AdministrationTests.admin(client, fixture)
            let zip = try APITests.zipFolder(FixturePaths.oneRoster("lakeside-1.1"))
            let run = try #require(try await ImportPageTests.upload(admin, [("l.zip", zip)]).location)
            let account = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.staff]!)?.account)
            var values: [String: String] = [
                "school": fixture.north.id.pathSegment, "student": fixture.northStudent.id.pathSegment, "wave": survey.wave.id.pathSegment,
                "user": account.id.pathSegment, "import": String(run.split(separator: "/").last ?? ""), "code": survey.codes[0], "page": "1",
            ]
            let own = try await LibraryFixture.add(on: database, district: fixture.district.id)
            values["resource"] = own.id
            values["assessment"] = try await AssessmentStore(database: database).start(school: fixture.north.id, title: "Fall 2026", by: nil).id.pathSegment
            let action = PlanAction(id: UUID(), schoolId: fixture.north.id, goalId: nil, what: "Greet every student", strategy: .relationships,
                                    ownerId: account.id, starts: nil, due: CalendarDate(iso: "2026-01-15"), status: .underWay, updatedAt: Date())
            try await PlanStore(database: database).addAction(action, by: nil)
            values["action"] = action.id.pathSegment
            let defined = try await AuthorizationMatrixTests.routes(on: database).defined
            let pages = defined.filter { $0.answer == .page && $0.method == .get }
            #expect(pages.count >= 25, "\(pages.count) pages")
            var paths = pages.map { route in
                route.path.filled(route.path.parameters.map { AuthorizationMatrixTests.RawSegment(pathSegment: values[$0] ?? "{\($0)}") })
            }
            #expect(paths.filter { $0.contains("{") }.isEmpty, "pages with a parameter this test has no value for: \(paths.filter { $0.contains("{") })")
            let north = fixture.north.id.pathSegment
            paths += [
                "/schools/\(north)/people?kind=staff", "/schools/\(north)/people?kind=families", "/schools/\(north)/people?q=nobody", "/no/such/page",
                "/schools/\(fixture.south.id.pathSegment)/students/\(UUID().pathSegment)", "/s/K7M2QX9PA",
            ]
            for page in paths {
                for language in Language.interface {
                    let separator = page.contains("?") ? "&" : "?"
                    var result = try await admin.get("\(page)\(separator)lang=\(language.code)")
                    // A page that sends the reader on (a survey page before its code is entered) is checked where it leads.
                    if result.status == .seeOther, let next = result.location, SiteURL.isLocal(next) { result = try await admin.get(next) }
                    #expect(!result.text.contains("⟦"), "\(page) in \(language.code): \(Self.missing(in: result.text))")
                    #expect(result.text.contains(#"<html lang="\#(language.code)">"#), "\(page) in \(language.code): \(result.status.code)")
                    #expect(result.status.code < 500, "\(page)")
                }
            }
        }
    }

    static func missing(in html: String) -> [String] {
        html.components(separatedBy: "⟦").dropFirst().compactMap { $0.components(separatedBy: "⟧").first }
    }
}
