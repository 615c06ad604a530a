import BelongCore
import Foundation
import Hummingbird

/// Survey waves as the people running them see them: set up, open, hand out codes, watch
/// participation, close. School administrators and district administrators plan; the school team runs.
struct SurveysController {
    let kit: PageKit
    let surveys: SurveyStore
    let instruments: InstrumentStore
    let codes: CodeStore
    let participation: ParticipationStore
    let organizations: OrganizationStore
    let people: PeopleStore
    let audit: AuditStore
    let timeZone: String
    let publicURL: String?
    /// The district's minimum group size: the default for new waves and the floor for every wave.
    let minimumGroupSize: Int
    let help: HelpMessageStore
    let helpline: [BelongCore.Language: String]
    /// The clock, injected so tests can fix the time.
    var clock: @Sendable () -> Date = Date.init


    // MARK: Who may see and do what

    /// The schools the visitor runs surveys at, of all schools.
    private func runnableSchools(_ visitor: Visitor) async throws -> [Organization] {
        try await organizations.all().filter { $0.kind == .school && visitor.may(.runSurveys(school: $0.id)) }
            .sorted { $0.name < $1.name }
    }

    /// The wave, if the visitor runs surveys at one of its schools; those schools come with it.
    private func wave(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, SurveyWave, [Organization]) {
        let visitor = try context.requireVisitor(request)
        guard let id = context.parameters.get("wave").flatMap(UUID.init(uuidString:)), let wave = try await surveys.find(id: id) else {
            // Say nothing about whether a wave exists to someone who could not see it anyway.
            guard visitor.policy.grants.contains(where: { [.districtAdministrator, .schoolAdministrator, .schoolTeam].contains($0.role) }) else {
                throw HTTPError(.forbidden)
            }
            throw HTTPError(.notFound)
        }
        let schools = try await runnableSchools(visitor).filter { wave.schoolIds.contains($0.id) }
        guard !schools.isEmpty else { throw HTTPError(.forbidden) }
        return (visitor, wave, schools)
    }

    private func requirePlanning(_ visitor: Visitor, _ wave: SurveyWave) throws {
        guard wave.schoolIds.allSatisfy({ visitor.may(.planSurveys(school: $0)) }) else { throw HTTPError(.forbidden) }
    }

    private func requireRunningAll(_ visitor: Visitor, _ wave: SurveyWave) throws {
        guard wave.schoolIds.allSatisfy({ visitor.may(.runSurveys(school: $0)) }) else { throw HTTPError(.forbidden) }
    }

    private func requireBrowser(_ visitor: Visitor) throws {
        if case .apiToken = visitor.credential { throw PageError(.forbidden, "surveys.error.fromPages") }
    }

    // MARK: The list

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let schools = try await runnableSchools(visitor)
        guard !schools.isEmpty else { throw HTTPError(.forbidden) }
        let t = kit.t(context)
        let waves = try await surveys.list(schools: Set(schools.map(\.id)))
        let counts = try await participation.responses(waves: waves.map(\.id))
        let names = Dictionary(uniqueKeysWithValues: try await organizations.all().map { ($0.id, $0.name) })
        let now = clock()
        let rows = waves.map { wave in
            SurveyListViewModel.Row(
                url: SiteURL.survey(wave.id).path, title: wave.title, who: SurveyText.respondents(wave.respondents, t),
                schools: wave.schoolIds.count == 1 ? names[wave.schoolIds[0]] ?? "" : t("surveys.schoolCount", ["count": t.number(wave.schoolIds.count)]),
                window: SurveyText.window(wave, t), status: SurveyText.status(wave, now: now, t), responses: t.number(counts[wave.id] ?? 0)
            )
        }
        let canPlan = schools.contains { visitor.may(.planSurveys(school: $0.id)) }
        let notice = request.uri.queryParameters.get("done").flatMap { ["created": t("surveys.createdNotice"), "help": t("surveys.help.saved")][$0] }
        var model = SurveyListViewModel(chrome: kit.chrome(request, context, titleKey: "surveys.title"), rows: rows, canPlan: canPlan, notice: notice)
        model.helpline = helpline[t.language]
        for school in schools where visitor.may(.planSurveys(school: school.id)) {
            let texts = try await help.message(school: school.id)
            model.help.append(.init(schoolId: school.id.uuidString.lowercased(), school: school.name, english: texts[.english] ?? "", french: texts[.french] ?? ""))
        }
        return HTMLPage(html: SurveyListView.render(model))
    }

    /// A school's "where to get help now", in both languages; audited, since students read it.
    @Sendable func saveHelp(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        try requireBrowser(visitor)
        guard try await runnableSchools(visitor).contains(where: { visitor.may(.planSurveys(school: $0.id)) }) else { throw HTTPError(.forbidden) }
        var request = request
        let fields = try await request.form(context: context)
        guard let id = fields["school"].flatMap(UUID.init(uuidString:)), let school = try await organizations.find(id: id), school.kind == .school else {
            throw HTTPError(.badRequest, message: kit.t(context)("surveys.error.noSchools"))
        }
        guard visitor.may(.planSurveys(school: id)) else { throw HTTPError(.forbidden) }
        let texts: [BelongCore.Language: String] = [.english: fields.plain("text_en"), .french: fields.plain("text_fr")]
        guard texts.values.allSatisfy({ $0.count <= HelpMessageStore.maxLength }) else {
            throw HTTPError(.badRequest, message: kit.t(context)("surveys.help.tooLong", ["max": String(HelpMessageStore.maxLength)]))
        }
        try await help.set(school: id, texts: texts)
        let actor = context.actor(visitor)
        try await audit.record(.helpMessageChanged, by: actor, about: .school(id), in: id)
        return Response(status: .seeOther, headers: [.location: SiteURL.surveys.path + "?done=help#help"])
    }

    // MARK: A new wave

    @Sendable func new(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let today = SurveyWindow.day(of: clock(), timeZone: timeZone)
        let twoWeeks = SurveyWindow.day(of: clock().addingTimeInterval(14 * 86_400), timeZone: timeZone)
        let form = NewSurveyViewModel.Form(title: "", instrument: "belong-student@1", gradeFrom: Grade.grade4.rawValue, gradeTo: Grade.grade12.rawValue,
                                           schools: [], opens: today.description, closes: twoWeeks.description, mode: .anonymous,
                                           languages: Set(Language.interface), minimumN: String(minimumGroupSize), customItems: [])
        return try await newPage(request, context, visitor, form: form, errors: [], status: .ok)
    }

    private func newPage(_ request: Request, _ context: BelongRequestContext, _ visitor: Visitor, form: NewSurveyViewModel.Form,
                         errors: [(field: String, message: String)], status: HTTPResponse.Status) async throws -> HTMLPage {
        let schools = try await runnableSchools(visitor).filter { visitor.may(.planSurveys(school: $0.id)) }
        guard !schools.isEmpty else { throw HTTPError(.forbidden) }
        let t = kit.t(context)
        let districts = Set(schools.compactMap(\.districtId))
        let choices = try await instruments.available(districts: districts)
        let model = NewSurveyViewModel(
            chrome: kit.chrome(request, context, titleKey: "surveys.new.title"), form: form, errors: errors,
            instruments: choices.map { .init(value: $0.reference, label: "\($0.title(in: t.language)) — \(t("instrument.audience.\($0.audience.rawValue)"))") },
            schools: schools.map { .init(value: $0.id.uuidString.lowercased(), label: $0.name) },
            languages: kit.translations.languages.map { language in
                // A translation a district added covers some instruments: say which, so no one picks it for another.
                let covered = choices.filter { $0.languages.contains(language.code) }.map { $0.title(in: t.language) }
                return .init(value: language.code, label: language.isInterface ? language.endonym
                             : t("surveys.new.languageCovers", ["language": language.endonym, "instruments": covered.joined(separator: ", ")]))
            },
            timeZone: timeZone,
            minimumGroupSize: minimumGroupSize
        )
        return HTMLPage(html: NewSurveyView.render(model), status: status)
    }

    @Sendable func create(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        try requireBrowser(visitor)
        let plannable = try await runnableSchools(visitor).filter { visitor.may(.planSurveys(school: $0.id)) }
        guard !plannable.isEmpty else { throw HTTPError(.forbidden) }
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        let form = NewSurveyViewModel.Form(fields)
        var errors: [(field: String, message: String)] = []
        let reference = form.instrument.split(separator: "@")
        let instrument = reference.count == 2 ? try await instruments.find(id: String(reference[0]), version: Int(reference[1]) ?? 0) : nil
        if instrument == nil { errors.append(("instrument", t("surveys.error.instrument"))) }
        let chosenSchools = form.schools.compactMap(UUID.init(uuidString:))
        // A school the visitor may not plan for is refused outright: the form never offers it.
        guard chosenSchools.allSatisfy({ id in plannable.contains { $0.id == id } }) else { throw HTTPError(.forbidden) }
        let opens = CalendarDate(iso: form.opens), closes = CalendarDate(iso: form.closes)
        if opens == nil { errors.append(("opens", t("surveys.error.date"))) }
        if closes == nil { errors.append(("closes", t("surveys.error.date"))) }
        let minimum = Int(form.minimumN.trimmingCharacters(in: .whitespaces))
        if minimum == nil { errors.append(("minimumN", t("surveys.error.minimumNumber"))) }
        var custom: [Instrument.Item] = []
        for (index, item) in form.customItems.enumerated() where !item.english.isEmpty || !item.french.isEmpty {
            guard !item.english.isEmpty, !item.french.isEmpty else {
                errors.append(("custom-\(index)-en", t("surveys.error.customBoth", ["number": String(index + 1)])))
                continue
            }
            guard let scale = ResponseScale(rawValue: item.scale), [.agree5, .yesno3, .openText].contains(scale) else {
                throw PageError(.badRequest, "surveys.error.answerType")
            }
            custom.append(Instrument.Item(id: "custom-\(index + 1)", scale: nil, response: scale,
                                          text: ["en": String(item.english.prefix(500)), "fr": String(item.french.prefix(500))]))
        }
        guard errors.isEmpty, let instrument, let opens, let closes, let minimum else {
            return try await newPage(request, context, visitor, form: form, errors: errors, status: .badRequest).response(from: request, context: context)
        }
        let respondents: SurveyWave.Respondents = switch instrument.audience {
        case .staff: .staff
        case .family: .families
        case .student, .studentEarly:
            .students(from: Grade(rawValue: form.gradeFrom) ?? .grade4, to: Grade(rawValue: form.gradeTo) ?? .grade12)
        }
        let wave = SurveyWave(
            districtId: plannable.first { chosenSchools.contains($0.id) }?.districtId ?? plannable[0].districtId,
            title: String(form.title.prefix(200)), instrumentId: instrument.id, instrumentVersion: instrument.version, respondents: respondents,
            schoolIds: chosenSchools, opensAt: SurveyWindow.opening(opens, timeZone: timeZone), closesAt: SurveyWindow.closing(lastDay: closes, timeZone: timeZone),
            timeZone: timeZone, mode: form.mode, languages: kit.translations.languages.filter { form.languages.contains($0) }, minimumGroupSize: minimum,
            customItems: custom
        )
        let problems = WaveRules.problems(wave, instrument: instrument, floor: minimumGroupSize)
        guard problems.isEmpty else {
            let errors = problems.map { problem in (SurveyText.field(for: problem), t("surveys.error.\(problem.rawValue)", ["n": t.number(minimumGroupSize)])) }
            return try await newPage(request, context, visitor, form: form, errors: errors, status: .badRequest).response(from: request, context: context)
        }
        try await surveys.create(wave, by: visitor.account.id)
        try await record(.surveyCreated, context, visitor, wave, detail: "\(wave.title): \(wave.instrumentReference), \(wave.mode.rawValue)")
        return Response(status: .seeOther, headers: [.location: SiteURL.survey(wave.id).path + "?done=created"])
    }

    // MARK: One wave

    @Sendable func show(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, wave, schools) = try await wave(request, context)
        let t = kit.t(context)
        let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion)
        let counts = try await participation.participation(wave, schools: schools.map(\.id))
        let now = clock()
        let status = wave.status(at: now)
        let notices = ["created": "surveys.notice.created", "opened": "surveys.notice.opened", "closed": "surveys.notice.closed",
                       "moved": "surveys.notice.moved", "replaced": "surveys.notice.replaced"]
        let notice = request.uri.queryParameters.get("done").flatMap { notices[$0] }.map { t($0) }
        let problemKeys = ["inUse": "surveys.error.batchInUse", "date": "surveys.error.date", "before": "surveys.error.closingBeforeOpening"]
        let problem = request.uri.queryParameters.get("problem").flatMap { problemKeys[$0] }.map { t($0) }
        let model = SurveyWaveViewModel(
            chrome: kit.chrome(request, context, titleKey: "surveys.wave.title", titleArguments: ["title": wave.title]),
            wave: wave, instrumentTitle: instrument?.title(in: t.language) ?? wave.instrumentReference,
            who: SurveyText.respondents(wave.respondents, t), window: SurveyText.window(wave, t), status: SurveyText.status(wave, now: now, t),
            isStudents: { if case .students = wave.respondents { return true } else { return false } }(),
            schools: zip(schools, counts).map { school, count in .init(id: school.id, name: school.name, count: count) },
            canOpen: wave.state == .draft && wave.schoolIds.allSatisfy { visitor.may(.planSurveys(school: $0)) },
            canClose: wave.state == .open && status != .closed && wave.schoolIds.allSatisfy { visitor.may(.runSurveys(school: $0)) },
            canMoveClosing: wave.state == .open && wave.schoolIds.allSatisfy { visitor.may(.planSurveys(school: $0)) },
            canIssue: status != .closed, lastDay: SurveyWindow.lastDay(closesAt: wave.closesAt, timeZone: wave.timeZone).description,
            live: status == .open || status == .notYetOpen, notice: notice, problem: problem
        )
        return HTMLPage(html: SurveyWaveView.render(model))
    }

    /// The live counts, polled by the wave's page while it is open.
    @Sendable func participationJSON(request: Request, context: BelongRequestContext) async throws -> Response {
        let (_, wave, schools) = try await wave(request, context)
        let counts = try await participation.participation(wave, schools: schools.map(\.id))
        var cells: [String: Int] = [:]
        var totals: [String: [String: Int]] = [:]
        for school in counts {
            let key = school.id.uuidString.lowercased()
            totals[key] = ["eligible": school.total.eligible, "issued": school.total.issued, "responded": school.total.responded, "rate": school.total.rate ?? 0]
            cells["school-\(key)-responded"] = school.total.responded
            cells["school-\(key)-issued"] = school.total.issued
            for (grade, count) in school.grades { cells["grade-\(key)-\(grade.rawValue)-responded"] = count.responded }
            for row in school.classes {
                cells["class-\(row.id.uuidString.lowercased())-responded"] = row.count.responded
                cells["class-\(row.id.uuidString.lowercased())-issued"] = row.count.issued
            }
        }
        var response = try APIController.json(ParticipationJSON(schools: totals, cells: cells), status: .ok)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    struct ParticipationJSON: Encodable {
        let schools: [String: [String: Int]]
        let cells: [String: Int]
    }

    // MARK: Changing a wave's state

    @Sendable func open(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, _) = try await wave(request, context)
        try requireBrowser(visitor)
        try requirePlanning(visitor, wave)
        do {
            try await surveys.transition(wave.id, to: .open)
        } catch SurveyStore.TransitionError.notAllowed {
            return redirect(wave, done: nil, problem: nil)  // opened already, in another tab
        }
        try await record(.surveyOpened, context, visitor, wave, detail: wave.title)
        return redirect(wave, done: "opened")
    }

    @Sendable func close(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, _) = try await wave(request, context)
        try requireBrowser(visitor)
        try requireRunningAll(visitor, wave)
        do {
            try await surveys.transition(wave.id, to: .closed)
        } catch SurveyStore.TransitionError.notAllowed {
            return redirect(wave, done: nil, problem: nil)
        }
        try await record(.surveyClosed, context, visitor, wave, detail: wave.title)
        // Drafts go now; rewriting the tables (PostgreSQL's CLUSTER locks them for a while) happens after
        // the answer, so neither this page nor other waves' respondents wait on it.
        let housekeeping = SurveyHousekeeping(database: surveys.database)
        try await housekeeping.dropClosedDrafts()
        let logger = context.logger
        Task {
            do { try await housekeeping.scrambleStorage() } catch {
                logger.error("could not rewrite survey tables after a wave closed", metadata: ["error": "\(error)"])
            }
        }
        return redirect(wave, done: "closed")
    }

    @Sendable func moveClosing(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, _) = try await wave(request, context)
        try requireBrowser(visitor)
        try requirePlanning(visitor, wave)
        guard wave.state == .open else { throw PageError(.conflict, "surveys.error.onlyOpenMoves") }
        var request = request
        let fields = try await request.form(context: context)
        guard let day = fields.text("closes").flatMap(CalendarDate.init(iso:)) else { return redirect(wave, problem: "date") }
        let closesAt = SurveyWindow.closing(lastDay: day, timeZone: wave.timeZone)
        guard closesAt > clock(), closesAt > wave.opensAt else { return redirect(wave, problem: "before") }
        try await surveys.moveClosing(wave.id, to: closesAt)
        try await record(.surveyRescheduled, context, visitor, wave, detail: "\(wave.title): last day \(day)")
        return redirect(wave, done: "moved")
    }

    // MARK: Codes

    /// Prints slips for a class: new codes for its students who have none yet. Codes are kept only as
    /// hashes, so this page is the one time they can be seen.
    @Sendable func slips(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, schools) = try await wave(request, context)
        try requireBrowser(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        // One class, or every class of a school (or of one grade there), each class from a new printed page.
        let school: Organization, label: String, classes: [(id: UUID, title: String)]
        if let classId = fields["class"].flatMap(UUID.init(uuidString:)) {
            guard let found = try await schools.asyncFirstClass(classId, people: people) else { throw HTTPError(.notFound) }
            (school, label, classes) = (found.school, found.title, [(classId, found.title)])
        } else if fields["school"] != nil {
            school = try Self.chosenSchool(fields, among: schools)
            let grade = fields["grade"].flatMap { $0.isEmpty ? nil : Grade(code: $0) }
            if let text = fields["grade"], !text.isEmpty, grade == nil { throw HTTPError(.badRequest, message: t("slips.badGrade")) }
            classes = try await people.classes(school: school.id).filter { room in grade.map { room.grades.contains($0) } ?? true }.map { ($0.id, $0.title) }
            label = grade.map { t("slips.everyClassInGrade", ["grade": t.grade($0)]) } ?? t("slips.everyClass")
        } else {
            throw HTTPError(.badRequest, message: t("slips.chooseClass"))
        }
        guard wave.status(at: clock()) != .closed else { throw PageError(.conflict, "surveys.error.waveClosed") }
        var groups: [CodeSlipsViewModel.Group] = []
        for room in classes {
            let slips = try await codes.issueForClass(wave: wave, classId: room.id)
            if !slips.isEmpty {
                try await record(.codesIssued, context, visitor, wave, detail: "\(slips.count) codes for \(room.title)", school: school.id)
            }
            groups.append(.init(className: room.title, slips: slips.map {
                .init(code: AccessCode.display($0.code), plainCode: $0.code, name: $0.name, grade: $0.grade.map { t.grade($0) })
            }))
        }
        let model = CodeSlipsViewModel(
            chrome: kit.chrome(request, context, titleKey: "slips.title", titleArguments: ["class": label]),
            waveURL: SiteURL.survey(wave.id).path, schoolName: school.name, className: label, address: address(request),
            paper: fields["paper"] == "letter" ? .letter : .a4, confidential: wave.mode == .confidential, groups: groups
        )
        var response = try HTMLPage(html: CodeSlipsView.render(model)).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A mail-merge file of codes for a school's staff or families who have none yet.
    @Sendable func codesCSV(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, schools) = try await wave(request, context)
        try requireBrowser(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let school = try Self.chosenSchool(fields, among: schools)
        guard wave.status(at: clock()) != .closed else { throw PageError(.conflict, "surveys.error.waveClosed") }
        let slips = try await codes.issueForSchool(wave: wave, schoolId: school.id)
        try await record(.codesIssued, context, visitor, wave, detail: "\(slips.count) codes for \(school.name) (mail merge)", school: school.id)
        let text = CodeExport.csv(slips, address: address(request), t: kit.t(context), languages: wave.languages)
        let name = "belong-codes-\(SurveyText.fileName(school.name))-\(wave.respondents.kind).csv"
        return Download.csv(text, named: name)
    }

    /// A lost sheet: its unused codes stop working and the class (or school) can be printed again.
    @Sendable func replaceCodes(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, wave, schools) = try await wave(request, context)
        try requireBrowser(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let classId = fields["class"].flatMap(UUID.init(uuidString:))
        let school: Organization
        if let classId {
            guard let found = try await schools.asyncFirstClass(classId, people: people) else { throw HTTPError(.notFound) }
            school = found.school
        } else {
            school = try Self.chosenSchool(fields, among: schools)
        }
        do {
            try await codes.voidUnused(wave: wave.id, classId: classId, schoolId: school.id)
        } catch CodeStore.ReissueError.batchInUse {
            return redirect(wave, problem: "inUse")
        }
        try await record(.codesReplaced, context, visitor, wave, detail: classId.map { "class \($0.uuidString)" } ?? school.name, school: school.id)
        return redirect(wave, done: "replaced")
    }

    // MARK: Helpers

    /// The school a form names: 400 if it names none, 403 if it is not one the visitor runs this wave at.
    static func chosenSchool(_ fields: FormFields, among schools: [Organization]) throws -> Organization {
        guard let id = fields["school"].flatMap(UUID.init(uuidString:)) else { throw PageError(.badRequest, "surveys.error.chooseSchool") }
        guard let school = schools.first(where: { $0.id == id }) else { throw HTTPError(.forbidden) }
        return school
    }

    /// The address printed on slips: the configured one, or the one this request came to.
    private func address(_ request: Request) -> String {
        if let publicURL { return publicURL }
        let host = request.head.authority ?? "localhost:8080"
        let scheme = request.headers[.init("X-Forwarded-Proto")!] == "https" ? "https" : (request.head.scheme ?? "http")
        return "\(scheme)://\(host)"
    }

    private func redirect(_ wave: SurveyWave, done: String? = nil, problem: String? = nil) -> Response {
        var query: [String] = []
        if let done { query.append("done=\(done)") }
        if let problem { query.append("problem=\(problem)") }
        let target = SiteURL.survey(wave.id).path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        return Response(status: .seeOther, headers: [.location: target + (problem == nil ? "" : "#codes")])
    }

    private func record(_ action: AuditEvent.Action, _ context: BelongRequestContext, _ visitor: Visitor, _ wave: SurveyWave, detail: String,
                        school: UUID? = nil) async throws {
        let actor = context.actor(visitor)
        try await audit.record(action, by: actor, about: .survey(wave.id), in: school ?? wave.districtId, detail: detail)
    }
}

extension Array where Element == Organization {
    /// The class, if it belongs to one of these schools.
    func asyncFirstClass(_ classId: UUID, people: PeopleStore) async throws -> (school: Organization, title: String)? {
        for school in self {
            if let found = try await people.classes(school: school.id).first(where: { $0.id == classId }) { return (school, found.title) }
        }
        return nil
    }
}
