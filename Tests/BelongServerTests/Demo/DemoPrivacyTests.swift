import BelongCore
import Foundation
import Testing
@testable import BelongServer

/// The demo district as the outsiders of issue #12 tried it: every wave, every group any page, CSV or
/// API answer can show, taken together as a district reader takes them. Nothing small can be worked
/// out, and the big schools' own grades are shown.
@Suite("Privacy in the demo district")
struct DemoPrivacyTests {
    @Test("in every demo wave no small group or cell can be worked out from all shown groups, and Riverbend's and Maple Grove's grades are shown")
    func demoWaves() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-12-01")!).run()
            let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                       minimumGroupSize: 10)
            let levels = try await engine.schoolLevels()
            let schools = try await OrganizationStore(database: database).all().filter { $0.kind == .school }
            let id = { (name: String) in schools.first { $0.name.hasPrefix(name) }!.id }
            var report: [String] = []
            for wave in try await SurveyStore(database: database).list(schools: Set(schools.map(\.id))) where wave.state != .draft {
                let loaded = try await engine.results(for: wave)
                let plan = loaded.results.filter.plan
                let cells = loaded.answers.cells
                let counts = loaded.answers.summarizeCells().map(\.respondents)
                let found = WorkedOut.smallFigures(shown: plan.groups.filter(plan.isShown), plan: plan, cells: cells, counts: counts, levels: levels,
                                                   minimumN: plan.minimumN)
                #expect(found.isEmpty, "\(wave.title): \(found.prefix(5)) can be worked out")
                let reasons = plan.groups.map(plan.reason)
                if ProcessInfo.processInfo.environment["BELONG_PRINT_PLAN"] != nil {
                    for key in plan.groups { print("  \(wave.title) \(key) n=\(plan.respondents(in: key)!) \(plan.reason(key)?.rawValue ?? "shown")") }
                }
                report.append("\(wave.title): \(plan.groups.count) groups, \(reasons.filter { $0 == nil }.count) shown, "
                              + "\(reasons.filter { $0 == .fewerThanMinimum }.count) fewer than n, \(reasons.filter { $0 == .protectsSmallerGroup }.count) withheld to protect")
                // The big schools' own grades (issue #12, found 6), wherever the wave reaches them with enough respondents.
                for name in ["Riverbend", "Maple Grove"] {
                    let school = GroupKey.school(id(name), level: levels[id(name)]!)
                    for grade in loaded.results.breakdown(school, by: .grade) where plan.respondents(in: grade)! >= 40 {
                        #expect(plan.isShown(grade), "\(wave.title): \(name) \(grade.grade!) (\(plan.respondents(in: grade)!)) is \(plan.reason(grade).map(\.rawValue) ?? "shown")")
                    }
                }
            }
            print(report.joined(separator: "\n"))
            #expect(report.count >= 4)
        }
    }
}
