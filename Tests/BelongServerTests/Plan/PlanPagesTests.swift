import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The action plan as a school uses it: the principal sets a goal on a survey measure and an action with an owner;
/// the owner finds it on their home page, overdue when it is, and says where it stands; the goal reads its measure
/// across waves through the privacy filter.
@Suite("The action plan's pages")
struct PlanPagesTests {
    static func account(_ email: String, _ database: Database) async throws -> UserAccount {
        try #require(try await AccountStore(database: database).credentials(email: email)?.account)
    }

    @Test("a goal on students' 'heard' reads its baseline and every later wave with the results' own figures and verdict")
    func goalProgress() async throws {
        try await TestApp.run { client, database in
            let fixture = try await ResultsFixture.make(on: database)
            let north = fixture.base.north.id.pathSegment
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.base.emails[.schoolAdministrator]!, Fixture.password)
            _ = try await principal.get("/schools/\(north)/plan")
            let added = try await principal.post("/schools/\(north)/plan/goals", form: [
                ("goal-strategy", "relationships"), ("goal-measure", "students:heard"), ("goal-target", "90"), ("goal-byWhen", "2099-06-15"),
            ])
            #expect(added.status == .seeOther)
            #expect(try await principal.post("/schools/\(north)/plan/goals", form: [
                ("goal-strategy", "relationships"), ("goal-measure", "students:heard"), ("goal-target", "90"), ("goal-byWhen", "2099-06-15"),
            ]).status == .seeOther)
            let goals = try await PlanStore(database: database).goals(school: fixture.base.north.id)
            #expect(goals.count == 1, "a double submit adds the goal once")
            let goal = try #require(goals.first)
            #expect(goal.baselineWave == fixture.spring.id, "the baseline is the latest closed wave of students")

            // A goal set in the fall reads fall as its baseline and spring against it.
            let earlier = PlanGoal(id: UUID(), schoolId: goal.schoolId, strategy: .relationships, measure: GoalMeasure(audience: .students, measure: "heard")!,
                               baselineWave: fixture.fall.id, target: 0.9, byWhen: goal.byWhen, createdAt: Date())
            try await PlanStore(database: database).addGoal(earlier, by: nil)
            let page = try await principal.get("/schools/\(north)/plan?lang=en")
            #expect(page.status == .ok)

            let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                       minimumGroupSize: 10)
            let level = try await engine.schoolLevels()[fixture.base.north.id] ?? .combined
            let t = PlanPagesTests.localizer(.english)
            var figures: [ProportionEstimate] = []
            for wave in [fixture.fall, fixture.spring] {
                figures.append(try #require(try await engine.results(for: wave).results.figures(.school(fixture.base.north.id, level: level)).value?
                    .scale("heard")?.favourable.value))
            }
            for figure in figures { #expect(page.text.contains(PlanText.figure(figure, t)), "\(PlanText.figure(figure, t)) is on the page") }
            let verdict = try #require(Change.between(figures[0], figures[1])).verdict
            #expect(page.text.contains("Since the baseline: \(t("plan.verdict.\(verdict.rawValue)"))."))
            #expect(page.text.contains("goal-chart__target"), "the chart draws the target line")
            #expect(page.text.contains("Students: feeling heard — 90% favourable by"))

            // The API answers as documented, with the same figures and verdict.
            let principalAccount = try await Self.account(fixture.base.emails[.schoolAdministrator]!, database)
            let token = try await TokenStore(database: database).create(name: "plan", userId: principalAccount.id, districtId: fixture.base.district.id,
                                                                        canWrite: false, createdBy: principalAccount.id).secret
            let api = try await principal.get("/api/v1/schools/\(north)/plan", headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
            let problems = APITests.conforms(object, to: "Plan", in: try APITests.document())
            #expect(problems.isEmpty, "\(problems)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let decoded = try decoder.decode(API.Plan.self, from: Data(api.text.utf8))
            let fromFall = try #require(decoded.goals.first { $0.id == earlier.id })
            #expect(fromFall.readings.map(\.favourable) == figures.map(\.value) && fromFall.verdict == verdict)

            // The spreadsheet carries the same figures and verdict.
            let csv = try await principal.get("/schools/\(north)/plan/plan.csv?lang=en")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.headers[.cacheControl] == "no-store")
            #expect(csv.text.contains(String(format: "%.1f", figures[0].value! * 100)) && csv.text.contains(String(format: "%.1f", figures[1].value! * 100)))
            #expect(csv.text.contains(t("plan.verdict.\(verdict.rawValue)")) && csv.text.hasPrefix("Kind,Strategy,Goal (measure)"))

            // "You said, we did" lists what was done since the wave closed, and only that.
            let plans = PlanStore(database: database)
            for (what, status) in [("Lunch clubs in every grade", ActionStatus.done), ("Peer mentors", .underWay)] {
                try await plans.addAction(PlanAction(id: UUID(), schoolId: fixture.base.north.id, goalId: goal.id, what: what, strategy: .relationships,
                                                     ownerId: nil, starts: nil, due: nil, status: status, updatedAt: Date()), by: nil)
            }
            let said = try await principal.get("/results/\(fixture.spring.id.pathSegment)/schools/\(north)/you-said?lang=en")
            #expect(said.text.contains("Since then, the school has done this:") && said.text.contains("Lunch clubs in every grade"))
            #expect(!said.text.contains("Peer mentors"), "only what is done")
        }
    }

    @Test("with every figure withheld the goal says so and names no number")
    func withheld() async throws {
        try await TestApp.run(configure: { $0.minimumGroupSize = 1_000 }) { client, database in
            let fixture = try await ResultsFixture.make(on: database)
            try await PlanStore(database: database).addGoal(PlanGoal(
                id: UUID(), schoolId: fixture.base.north.id, strategy: .relationships, measure: GoalMeasure(audience: .students, measure: "safe")!,
                baselineWave: fixture.fall.id, target: 0.8, byWhen: CalendarDate(iso: "2099-01-01")!, createdAt: Date()), by: nil)
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.base.emails[.schoolAdministrator]!, Fixture.password)
            let page = try await principal.get("/schools/\(fixture.base.north.id.pathSegment)/plan?lang=en")
            #expect(page.text.contains("withheld, too few answers") && page.text.contains("Withheld (too few answers)"))
            #expect(!page.text.contains("n = ") && !page.text.contains("goal-chart__point") && !page.text.contains("Since the baseline"))
        }
    }

    @Test("an action with an owner: on the owner's home page, overdue when past due, updated by the owner with its history; hostile text stays text")
    func actionLife() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let north = fixture.north.id.pathSegment
            let principal = TestBrowser(client), teacher = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            try await teacher.signIn(fixture.emails[.staff]!, Fixture.password)
            let owner = try await Self.account(fixture.emails[.staff]!, database)
            let hostile = "<img src=x onerror=alert(1)> Greet every student at the door"
            _ = try await principal.get("/schools/\(north)/plan")

            // Mistakes come back with the form as typed and a 400, nothing stored.
            let wrong = try await principal.post("/schools/\(north)/plan/actions", form: [
                ("action-what", ""), ("action-strategy", "nonsense"), ("action-owner", UUID().uuidString), ("action-due", "2026-13-40"),
                ("action-status", "dropped"), ("action-reason", ""),
            ])
            #expect(wrong.status == .badRequest)
            for message in ["Say what will be done.", "Choose a strategy.", "Choose an owner from this school’s staff.", "Give the day as 2027-06-15.",
                            "Say why the action was dropped."] {
                #expect(wrong.text.contains(message), "\(message)")
            }
            #expect(try await PlanStore(database: database).actions(school: fixture.north.id).isEmpty)

            let added = try await principal.post("/schools/\(north)/plan/actions", form: [
                ("action-what", hostile), ("action-strategy", "relationships"), ("action-owner", owner.id.uuidString), ("action-starts", "2026-09-01"),
                ("action-due", "2026-10-01"), ("action-status", "under-way"), ("action-reason", ""), ("action-notes", "Line one\nline two"),
            ])
            #expect(added.status == .seeOther)
            let action = try #require(try await PlanStore(database: database).actions(school: fixture.north.id).first)
            #expect(action.ownerId == owner.id && action.what == hostile && action.notes == "Line one\nline two")

            let plan = try await principal.get("/schools/\(north)/plan?lang=en")
            #expect(!plan.text.contains("<img src=x") && plan.text.contains("&lt;img src=x"), "what an action says is text, never markup")
            #expect(plan.text.contains("Under way · overdue") && plan.text.contains("is-overdue"))
            try await PlanStore(database: database).addAction(PlanAction(id: UUID(), schoolId: fixture.north.id, goalId: nil, what: "=HYPERLINK(\"http://x\")",
                                                                         strategy: .relationships, ownerId: nil, starts: nil, due: nil, status: .planned, updatedAt: Date()), by: nil)
            let csv = try await principal.get("/schools/\(north)/plan/plan.csv?lang=en")
            #expect(csv.text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "a formula in a cell is defused")
            #expect(csv.text.contains("Under way (overdue)"))

            let home = try await teacher.get("/dashboard?lang=fr")
            #expect(home.text.contains("Vos actions") && home.text.contains("Une de vos actions est en retard."))
            #expect(home.text.contains("/schools/\(north)/plan/actions/\(action.id.pathSegment)"))

            // The owner may say where it stands, not rewrite it; the staff may not add to the plan.
            let page = try await teacher.get("/schools/\(north)/plan/actions/\(action.id.pathSegment)?lang=en")
            #expect(page.text.contains("Update your action") && !page.text.contains("name=\"action-what\""))
            #expect(try await teacher.post("/schools/\(north)/plan/actions/\(action.id.pathSegment)", form: [("action-status", "dropped"), ("action-reason", "")]).status == .badRequest)
            #expect(try await teacher.post("/schools/\(north)/plan/actions/\(action.id.pathSegment)", form: [
                ("action-status", "dropped"), ("action-reason", "The schedule changed"), ("action-what", "rewritten"),
            ]).status == .seeOther)
            let after = try #require(try await PlanStore(database: database).action(action.id, school: fixture.north.id))
            #expect(after.status == .dropped && after.reason == "The schedule changed" && after.what == hostile)
            let history = try await PlanStore(database: database).history(action.id)
            #expect(history.map(\.status) == [.underWay, .dropped])
            let shown = try await teacher.get("/schools/\(north)/plan/actions/\(action.id.pathSegment)?lang=en")
            #expect(shown.text.contains("Dropped, by") && shown.text.contains("The schedule changed"))
            #expect(!(try await teacher.get("/dashboard?lang=en")).text.contains("Your actions"), "a dropped action is no longer the owner's to do")
            #expect(try await teacher.post("/schools/\(north)/plan/actions", form: [("action-what", "x"), ("action-strategy", "relationships")]).status == .forbidden)
            #expect(try await teacher.post("/schools/\(north)/plan/goals", form: [("goal-strategy", "relationships")]).status == .forbidden)

            // Another school's plan is not the principal's; an action is found only at its own school.
            #expect(try await principal.get("/schools/\(fixture.south.id.pathSegment)/plan").status == .forbidden)
            #expect(try await principal.get("/schools/\(north)/plan/actions/\(UUID().pathSegment)").status == .notFound)
            #expect(try await AuditStore(database: database).events(.init(action: .actionAdded)).total == 1)
            #expect(try await AuditStore(database: database).events(.init(action: .actionUpdated)).total == 1)
        }
    }

    @Test("a goal's mistakes come back with the form and a 400; the next self-assessment and wave are set and due on the home page")
    func goalMistakes() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let north = fixture.north.id.pathSegment
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            _ = try await principal.get("/schools/\(north)/plan")
            let wrong = try await principal.post("/schools/\(north)/plan/goals", form: [
                ("goal-strategy", ""), ("goal-measure", "students:index"), ("goal-target", "150"), ("goal-byWhen", "2001-01-01"),
            ])
            #expect(wrong.status == .badRequest)
            for message in ["Choose a strategy.", "Choose the measure the goal should move.", "Give the target as a whole percent from 1 to 100.",
                            "Give a day after today, as 2027-06-15."] {
                #expect(wrong.text.contains(message), "\(message)")
            }
            #expect(wrong.text.contains("value=\"150\""), "what was typed is kept")
            #expect(try await PlanStore(database: database).goals(school: fixture.north.id).isEmpty)
            let fine = try await principal.get("/schools/\(north)/plan?lang=en")
            #expect(fine.text.contains("No goal yet.") && fine.text.contains("No action yet.") && fine.text.contains("No date is set"))

            // When the team looks again: a past day is refused, the dates show on the school's home page.
            #expect(try await principal.post("/schools/\(north)/plan/due", form: [("due-assessment", "2001-01-01"), ("due-wave", "")]).status == .badRequest)
            #expect(try await principal.post("/schools/\(north)/plan/due", form: [("due-assessment", "2099-03-01"), ("due-wave", "2099-04-15")]).status == .seeOther)
            #expect(try await PlanStore(database: database).dueDates(school: fixture.north.id) == .init(assessment: CalendarDate(iso: "2099-03-01"), wave: CalendarDate(iso: "2099-04-15")))
            let home = try await principal.get("/dashboard?lang=en")
            #expect(home.text.contains("Next self-assessment due March 1, 2099") && home.text.contains("Next survey wave due April 15, 2099"))
            let teacher = TestBrowser(client)
            try await teacher.signIn(fixture.emails[.staff]!, Fixture.password)
            #expect(try await teacher.post("/schools/\(north)/plan/due", form: [("due-assessment", "2099-03-01")]).status == .forbidden)
        }
    }

    static func localizer(_ language: BelongCore.Language) -> Localizer { LibraryPagesTests.localizer(language) }
}
