import BelongCore
import Foundation
import Plot
import SnapshotTesting
import Testing
@testable import BelongServer

/// Views are pure functions of their view models: each page's HTML from a fixed model is kept in
/// `Tests/BelongServerTests/__Snapshots__/<Feature>/`, so a change to a page shows in review as a diff, with no
/// database and no sign-in. A missing snapshot is recorded (and the test says so); `SNAPSHOT_TESTING_RECORD=all`
/// records them all again after a change meant to be seen.
enum PageSnapshots {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")

    static let translations: Translations = try! Translations.bundled()

    /// Lines of HTML, one element per line, so a diff shows what moved.
    static var html: Snapshotting<String, String> {
        Snapshotting<String, String>(pathExtension: "html", diffing: .lines).pullback { (page: String) in
            page.replacingOccurrences(of: "><", with: ">\n<") + "\n"
        }
    }

    /// The frame of a page as a fixed visitor sees it: no random ids, no version number, the real navigation.
    static func chrome(
        _ language: BelongCore.Language, titleKey: String, titleArguments: [String: String] = [:], path: String, visitor: Visitor? = nil,
        respondent: Bool = false
    ) -> PageChrome {
        PageChrome(
            t: translations.localizer(for: language), titleKey: titleKey, titleArguments: titleArguments, currentPath: path, visitor: visitor,
            navigation: belongFeatures.flatMap { $0.navigation }.sorted { $0.position < $1.position }, formToken: "form-token",
            version: "snapshot", isRespondent: respondent
        )
    }

    /// A principal of North Elementary, signed in.
    static let principal = Visitor(
        account: UserAccount(id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, email: "principal@north.example",
                             displayName: "Dana Principal", grants: [.init(role: .schoolAdministrator, organizationId: north)]),
        policy: AccessPolicy(grants: [.init(role: .schoolAdministrator, organizationId: north)], districtOfSchool: [north: district]),
        credential: .session(tokenHash: "fixed"), mustChangePassword: false
    )
    /// A district administrator of the same district.
    static let administrator = Visitor(
        account: UserAccount(id: UUID(uuidString: "00000000-0000-4000-8000-000000000002")!, email: "admin@district.example",
                             displayName: "Alex Administrator", grants: [.init(role: .districtAdministrator, organizationId: district)]),
        policy: AccessPolicy(grants: [.init(role: .districtAdministrator, organizationId: district)], districtOfSchool: [north: district]),
        credential: .session(tokenHash: "fixed"), mustChangePassword: false
    )
    /// 2026-11-30 14:05 UTC: every date on a snapshot is this one or counted from it.
    static let day = Date(timeIntervalSince1970: 1_796_047_500)
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))! }
    static let north = UUID(uuidString: "00000000-0000-4000-8000-0000000000a1")!
    static let district = UUID(uuidString: "00000000-0000-4000-8000-0000000000d1")!

    /// Compares `page` with its snapshot `<feature>/<test>.<name>.html`.
    static func check(
        _ page: HTML, named name: String, feature: String,
        fileID: StaticString = #fileID, filePath: StaticString = #filePath, testName: String = #function, line: UInt = #line, column: UInt = #column
    ) {
        let failure = verifySnapshot(
            of: page.render(), as: html, named: name, snapshotDirectory: directory.appendingPathComponent(feature).path,
            fileID: fileID, file: filePath, testName: testName, line: line, column: column
        )
        #expect(failure == nil, "\(failure ?? "")", sourceLocation: SourceLocation(fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
    }
}
