import BelongCore
import Foundation
import Hummingbird

/// Results pages: the waves a visitor may read, a school's results (page, print report, "You said,
/// we did", CSV tables), and the district's comparison of schools. Every figure comes from the
/// results engine through its privacy filter; this controller only chooses and formats.
struct ResultsController {
    let kit: PageKit
    let queries: ResultsQueries
    let surveys: SurveyStore
    let organizations: OrganizationStore
    let audit: AuditStore
    let recommendations: SchoolRecommendations
    let plans: PlanStore
    /// The clock, injected so tests can fix the time.
    var clock: @Sendable () -> Date = Date.init


    // MARK: Who may read what

    /// Schools whose results the visitor may read.
    private func readableSchools(_ visitor: Visitor) async throws -> [Organization] {
        try await organizations.all().filter { $0.kind == .school && visitor.may(.viewSchoolAggregates(school: $0.id)) }.sorted { $0.name < $1.name }
    }

    /// The wave named in the path, drafts included: callers check access first, then `requireResults`.
    private func requireWave(_ context: BelongRequestContext) async throws -> SurveyWave {
        guard let id = context.parameters.get("wave").flatMap(UUID.init(uuidString:)), let wave = try await surveys.find(id: id) else {
            throw HTTPError(.notFound)
        }
        return wave
    }

    /// A wave still being set up has no results yet.
    private func requireResults(_ wave: SurveyWave) throws {
        guard wave.state != .draft else { throw HTTPError(.notFound) }
    }

    /// The wave and one of its schools the visitor may read; 403 for a school they may not, 404 for one not in the wave.
    private func schoolScope(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, SurveyWave, Organization, Grade?) {
        let visitor = try context.requireVisitor(request)
        guard let schoolId = context.parameters.get("school").flatMap(UUID.init(uuidString:)) else { throw HTTPError(.notFound) }
        guard visitor.may(.viewSchoolAggregates(school: schoolId)) else { throw HTTPError(.forbidden) }
        let wave = try await requireWave(context)
        guard wave.schoolIds.contains(schoolId), let school = try await organizations.find(id: schoolId) else { throw HTTPError(.notFound) }
        try requireResults(wave)
        var grade: Grade?
        if let text = request.uri.queryParameters.get("grade"), !text.isEmpty {
            guard let value = Int(text), let chosen = Grade(rawValue: value) else {
                throw HTTPError(.badRequest, message: kit.t(context)("results.error.grade"))
            }
            grade = chosen
        }
        return (visitor, wave, school, grade)
    }

    // MARK: Pages

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let schools = try await readableSchools(visitor)
        let districts = visitor.policy.districts.filter { visitor.may(.viewDistrictAggregates(district: $0)) }
        guard !schools.isEmpty || !districts.isEmpty else { throw HTTPError(.forbidden) }
        let t = kit.t(context)
        let waves = try await surveys.list(schools: Set(schools.map(\.id))).filter { $0.state != .draft }
        let names = Dictionary(uniqueKeysWithValues: schools.map { ($0.id, $0.name) })
        let rows = waves.map { wave in
            let mine = wave.schoolIds.compactMap { id in names[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }
            let district = wave.districtId.map { districts.contains($0) } ?? false
            return ResultsListViewModel.Row(
                title: wave.title, who: SurveyText.respondents(wave.respondents, t), window: SurveyText.window(wave, t),
                status: SurveyText.status(wave, now: clock(), t),
                district: district ? SiteURL.waveResults(wave.id).path : nil,
                schools: mine.map { (name: $0.1, url: SiteURL.schoolResults(wave: wave.id, school: $0.0).path) })
        }
        return HTMLPage(html: ResultsListView.render(.init(chrome: kit.chrome(request, context, titleKey: "results.list.title"), rows: rows)))
    }

    /// A district administrator or analyst sees the district; anyone else goes to their school.
    @Sendable func wave(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let wave = try await requireWave(context)
        if let district = wave.districtId, visitor.may(.viewDistrictAggregates(district: district)) {
            try requireResults(wave)
            let page = try await districtPage(request, context, wave: wave)
            return try page.response(from: request, context: context)
        }
        let mine = wave.schoolIds.filter { visitor.may(.viewSchoolAggregates(school: $0)) }
        guard let first = mine.first else { throw HTTPError(.forbidden) }
        try requireResults(wave)
        return Response(status: .seeOther, headers: [.location: SiteURL.schoolResults(wave: wave.id, school: first).path])
    }

    @Sendable func school(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, wave, school, grade) = try await schoolScope(request, context)
        let results = try await queries.school(wave, school: school, grade: grade, includeOpenAnswers: visitor.may(.readOpenAnswers(school: school.id)))
        let chrome = kit.chrome(request, context, titleKey: "results.school.title", titleArguments: ["school": school.name, "wave": wave.title])
        let hidden = request.uri.queryParameters.get("done") == "hidden"
        var model = SchoolResultsViewModel(results, chrome: chrome, showsReliability: visitor.may(.readReliability(school: school.id)), hiddenNotice: hidden)
        model.recommendations = try await recommended(school, visitor: visitor, current: grade == nil ? results : nil, wave: wave, context)
        return HTMLPage(html: SchoolResultsView.render(model))
    }

    /// The school team takes an open answer out of every view (a name, a phone number, something hurtful), audited.
    @Sendable func hideOpenAnswer(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, school, _) = try await schoolScope(request, context)
        guard visitor.may(.readOpenAnswers(school: school.id)) else { throw HTTPError(.forbidden) }
        if case .apiToken = visitor.credential { throw HTTPError(.forbidden) }
        var request = request
        let key = try await request.form(context: context)["answer"] ?? ""
        guard let item = try await queries.openAnswers.hide(wave: wave.id, school: school.id, key: key) else {
            throw HTTPError(.notFound, message: kit.t(context)("results.error.noAnswer"))
        }
        let actor = context.actor(visitor)
        try await audit.record(.openAnswerHidden, by: actor, about: .openAnswers(wave: wave.id), in: school.id, detail: "an answer to \(item)")
        return Response(status: .seeOther, headers: [.location: SiteURL.schoolResults(wave: wave.id, school: school.id).path + "?done=hidden#open-answers"])
    }

    /// The print-ready report: a one-page summary, then the details the reader chose (`?part=items&part=grade…`).
    @Sendable func report(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, wave, school, grade) = try await schoolScope(request, context)
        let results = try await queries.school(wave, school: school, grade: grade, includeOpenAnswers: visitor.may(.readOpenAnswers(school: school.id)))
        let chrome = kit.chrome(request, context, titleKey: "results.report.title", titleArguments: ["school": school.name, "wave": wave.title])
        return HTMLPage(html: SchoolResultsView.render(SchoolResultsViewModel(
            results, chrome: chrome, showsReliability: visitor.may(.readReliability(school: school.id)), isReport: true,
            reportParts: Set(request.uri.queryParameters.getAll("part").prefix(20)))))
    }

    @Sendable func youSaid(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, wave, school, _) = try await schoolScope(request, context)
        let results = try await queries.school(wave, school: school, grade: nil, includeOpenAnswers: false)
        let chrome = kit.chrome(request, context, titleKey: "results.youSaid.title", titleArguments: ["school": school.name])
        var model = YouSaidViewModel(results, chrome: chrome)
        // What the school's plan did since the wave closed, as its owners marked it done.
        model.done = try await plans.done(school: school.id, since: wave.closesAt).map(\.what)
        model.recommendations = try await recommended(school, visitor: visitor, current: results, wave: wave, context)
        return HTMLPage(html: YouSaidView.render(model))
    }

    /// What the library offers the school from this wave's figures and its other audiences' latest, for its staff.
    private func recommended(_ school: Organization, visitor: Visitor, current: SchoolResults?, wave: SurveyWave,
                             _ context: BelongRequestContext) async throws -> RecommendationsViewModel {
        var reading = current
        if reading == nil { reading = try await queries.school(wave, school: school, grade: nil, includeOpenAnswers: false) }
        let shown = try await recommendations.recommend(for: school, scope: LibraryScope(visitor), current: reading)
        let shortlist = visitor.may(.markResources(school: school.id)) ? SiteURL.shortlist(school: school.id).path : nil
        return RecommendationsViewModel(shown, shortlistURL: shortlist, kit.t(context))
    }

    // MARK: CSV

    @Sendable func schoolTable(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, school, grade) = try await schoolScope(request, context)
        guard let slug = context.parameters.get("table"), slug.hasSuffix(".csv") else { throw HTTPError(.notFound) }
        let name = String(slug.dropLast(4))
        let results = try await queries.school(wave, school: school, grade: grade, includeOpenAnswers: false)
        let chrome = kit.chrome(request, context, titleKey: "results.school.title", titleArguments: ["school": school.name, "wave": wave.title])
        let model = SchoolResultsViewModel(results, chrome: chrome, showsReliability: visitor.may(.readReliability(school: school.id)))
        let tables = ([model.feelings, model.trend, model.items, model.reliability].compactMap { $0 } + model.breakdowns).map(\.table)
        guard let table = tables.first(where: { $0.slug == name }) else { throw HTTPError(.notFound) }
        try await record(context, visitor, wave, organization: school.id, detail: "\(name).csv" + (grade.map { " grade \($0.rawValue)" } ?? ""))
        return csvResponse(table, fileName: "\(SurveyText.fileName(school.name))-\(SurveyText.fileName(wave.title))-\(name).csv",
                           context: [wave.title, school.name] + (grade.map { [kit.t(context).grade($0)] } ?? []))
    }

    @Sendable func districtTable(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let wave = try await requireWave(context)
        guard let district = wave.districtId, visitor.may(.viewDistrictAggregates(district: district)) else { throw HTTPError(.forbidden) }
        try requireResults(wave)
        guard let slug = context.parameters.get("table"), slug.hasSuffix(".csv") else { throw HTTPError(.notFound) }
        let name = String(slug.dropLast(4))
        let model = try await districtModel(request, context, wave: wave)
        guard let table = model.tables.first(where: { $0.slug == name }) else { throw HTTPError(.notFound) }
        try await record(context, visitor, wave, organization: district, detail: "\(name).csv")
        return csvResponse(table, fileName: "\(SurveyText.fileName(wave.title))-\(name).csv", context: [wave.title] + model.filterSummary)
    }

    private func csvResponse(_ table: ResultsTable, fileName: String, context: [String]) -> Response {
        var text = CSVText.line([table.caption]) + CSVText.line(context)
        text += CSVText.line(table.columns)
        for row in table.rows { text += CSVText.line(row) }
        return Download.csv(text, named: fileName)
    }

    private func record(_ context: BelongRequestContext, _ visitor: Visitor, _ wave: SurveyWave, organization: UUID, detail: String) async throws {
        let actor = context.actor(visitor)
        try await audit.record(.exported, by: actor, about: .results(wave: wave.id), in: organization, detail: detail)
    }

    // MARK: District

    private func districtModel(_ request: Request, _ context: BelongRequestContext, wave: SurveyWave) async throws -> DistrictResultsViewModel {
        let t = kit.t(context)
        let parameters = request.uri.queryParameters
        var level: SchoolLevel?
        if let text = parameters.get("level"), !text.isEmpty {
            guard let chosen = SchoolLevel(rawValue: text) else { throw HTTPError(.badRequest, message: t("results.error.level")) }
            level = chosen
        }
        var grade: Grade?
        if let text = parameters.get("grade"), !text.isEmpty {
            guard let value = Int(text), let chosen = Grade(rawValue: value) else { throw HTTPError(.badRequest, message: t("results.error.grade")) }
            grade = chosen
        }
        let results = try await queries.district(wave, level: level, grade: grade)
        let chrome = kit.chrome(request, context, titleKey: "results.district.title", titleArguments: ["wave": wave.title])
        return DistrictResultsViewModel(results, chrome: chrome)
    }

    private func districtPage(_ request: Request, _ context: BelongRequestContext, wave: SurveyWave) async throws -> HTMLPage {
        HTMLPage(html: DistrictResultsView.render(try await districtModel(request, context, wave: wave)))
    }
}
