import BelongCore
import Foundation
import Hummingbird

/// The self-assessment pages: a school's assessments, a member's own ratings, the facilitator's consensus, the
/// scorecard, and the district's schools side by side.
struct AssessmentController {
    let kit: PageKit
    let assessments: AssessmentStore
    let organizations: OrganizationStore
    let accounts: AccountStore
    let surveys: SurveyStore
    let instruments: InstrumentStore
    let audit: AuditStore
    let now: @Sendable () -> Date
    var timeZone = "UTC"
    var rubric = Rubric.builtIn

    private func school(_ permission: (UUID) -> Permission, _ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, Organization) {
        try await context.requireSchool(permission, in: organizations, request)
    }

    /// The assessment the path names, at the school it names; 404 for another school's.
    private func assessment(_ permission: (UUID) -> Permission, _ request: Request,
                            _ context: BelongRequestContext) async throws -> (Visitor, Organization, SelfAssessment) {
        let (visitor, school) = try await school(permission, request, context)
        guard let id = context.parameters.get("assessment").flatMap(UUID.init(uuidString:)),
              let assessment = try await assessments.find(id, school: school.id) else { throw PageError(.notFound, "assessment.error.unknown") }
        return (visitor, school, assessment)
    }

    /// "a, b and c" in the reader's language.
    static func list(_ items: [String], _ t: Localizer) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + t("assessment.and") + last
    }

    func day(_ date: Date, _ t: Localizer) -> String { SurveyText.day(SurveyWindow.day(of: date, timeZone: timeZone), t) }

    // MARK: A school's assessments

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school) = try await school(Permission.viewSchoolAggregates, request, context)
        let t = kit.t(context)
        let all = try await assessments.list(school: school.id)
        // A person starts a round from the page; an API token cannot use the form.
        var signedInPerson = false
        if case .session = visitor.credential { signedInPerson = true }
        let rows = all.map { assessment in
            AssessmentListViewModel.Row(title: assessment.title, started: day(assessment.startedAt, t),
                                        completed: assessment.completedAt.map { day($0, t) }, scorecardURL: SiteURL.assessment(assessment.id, school: school.id).path,
                                        rateURL: visitor.may(.rateAssessment(school: school.id)) && !assessment.isCompleted
                                            ? SiteURL.rateAssessment(assessment.id, school: school.id).path : nil,
                                        consensusURL: visitor.may(.facilitateAssessment(school: school.id))
                                            ? SiteURL.assessmentConsensus(assessment.id, school: school.id).path : nil)
        }
        let model = AssessmentListViewModel(
            chrome: kit.chrome(request, context, titleKey: "assessment.list.title", titleArguments: ["school": school.name]), school: school, rows: rows,
            startURL: visitor.may(.facilitateAssessment(school: school.id)) && signedInPerson ? SiteURL.assessments(school: school.id).path : nil,
            suggestedTitle: Self.suggestedTitle(now(), t), problem: nil
        )
        return HTMLPage(html: AssessmentListView.render(model))
    }

    /// "Fall 2026" from September to January, "Spring 2027" from February to August: what schools call a round.
    static func suggestedTitle(_ date: Date, _ t: Localizer) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let (month, year) = (parts.month ?? 1, parts.year ?? 2026)
        return month >= 9 ? t("assessment.season.fall", ["year": String(year)])
            : month == 1 ? t("assessment.season.fall", ["year": String(year - 1)]) : t("assessment.season.spring", ["year": String(year)])
    }

    @Sendable func start(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await school(Permission.facilitateAssessment, request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let title = fields.plain("title")
        guard !title.isEmpty else { throw PageError(.badRequest, "assessment.error.noTitle") }
        guard title.count <= AssessmentStore.titleLength else { throw PageError(.badRequest, "assessment.error.titleTooLong", ["max": String(AssessmentStore.titleLength)]) }
        // A second click of the same button (a double submit, a reload) goes to the round it started, not a new one.
        if let same = try await assessments.list(school: school.id).first(where: {
            !$0.isCompleted && $0.title == title && $0.startedBy == visitor.account.id && abs(now().timeIntervalSince($0.startedAt)) < 120
        }) {
            return Response(status: .seeOther, headers: [.location: SiteURL.assessmentConsensus(same.id, school: school.id).path + "?done=started"])
        }
        let assessment = try await assessments.start(school: school.id, title: title, by: visitor.account.id)
        try await audit.record(.assessmentStarted, by: context.actor(visitor), about: .assessment(assessment.id), in: school.id, detail: title)
        return Response(status: .seeOther, headers: [.location: SiteURL.assessmentConsensus(assessment.id, school: school.id).path + "?done=started"])
    }

    // MARK: A member's own ratings

    /// The school's opened waves, as the evidence reads them.
    private func evidence(school: UUID) async throws -> [String: AssessmentEvidence.Finding] {
        var waves: [AssessmentEvidence.Wave] = []
        for wave in try await surveys.list(schools: [school]) where wave.state != .draft {
            let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion)
            let asks = wave.mode == .confidential && (instrument.map { wave.items(of: $0).contains { $0.response == .adultPick } } ?? false)
            waves.append(.init(id: wave.id, title: wave.title, audience: wave.respondents.kind, opensAt: wave.opensAt, closesAt: wave.closesAt,
                               asksTrustedAdults: asks))
        }
        return AssessmentEvidence.findings(rubric: rubric, waves: waves, now: now())
    }

    private func evidenceText(_ findings: [String: AssessmentEvidence.Finding], _ t: Localizer) -> [String: String] {
        findings.mapValues { finding in
            switch finding {
            case .audiences(let asked, let missing):
                let heard = AssessmentEvidence.audiences.compactMap { audience in
                    asked[audience].map { t("assessment.evidence.askedOf.\(audience)", ["waves": Self.list($0.map { "“\($0.title)”" }, t)]) }
                }
                var text = heard.isEmpty ? t("assessment.evidence.noWaves") : t("assessment.evidence.asked", ["which": heard.joined(separator: "; ")])
                if !missing.isEmpty, !heard.isEmpty {
                    text += " " + t("assessment.evidence.missing", ["who": Self.list(missing.map { t("assessment.audience.\($0)") }, t)])
                }
                return text
            case .nominations(let waves):
                return waves.isEmpty ? t("assessment.evidence.noNominations")
                    : t("assessment.evidence.nominations", ["waves": Self.list(waves.map { "“\($0.title)”" }, t)])
            }
        }
    }

    @Sendable func rateForm(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school, assessment) = try await assessment(Permission.rateAssessment, request, context)
        guard !assessment.isCompleted else { throw PageError(.conflict, "assessment.error.completed") }
        let mine = try await assessments.ratings(assessment.id)[visitor.account.id] ?? [:]
        let notice = request.uri.queryParameters.get("done") == "saved" ? kit.t(context)("assessment.rate.saved") : nil
        return try await ratePage(request, context, school: school, assessment: assessment, values: mine.mapValues { ($0.rating.formValue, $0.note) },
                                  notice: notice, problems: [:], status: .ok)
    }

    private func ratePage(_ request: Request, _ context: BelongRequestContext, school: Organization, assessment: SelfAssessment,
                          values: [String: (rating: String, note: String)], notice: String?, problems: [String: String],
                          status: HTTPResponse.Status) async throws -> HTMLPage {
        let t = kit.t(context)
        let model = RateViewModel(
            chrome: kit.chrome(request, context, titleKey: "assessment.rate.title", titleArguments: ["title": assessment.title]),
            school: school, assessment: assessment, sections: rubric.sections, values: values,
            evidence: evidenceText(try await evidence(school: school.id), t), notice: notice, problems: problems,
            action: SiteURL.rateAssessment(assessment.id, school: school.id).path, backURL: SiteURL.assessments(school: school.id).path
        )
        return HTMLPage(html: RateView.render(model), status: status)
    }

    /// What a rating or consensus form sent for each indicator: its rating ("" for none yet) and its note.
    private func readForm(_ fields: FormFields, rating prefix: String, note notePrefix: String) throws -> (values: [String: (rating: String, note: String)], problems: [String: String]) {
        var values: [String: (rating: String, note: String)] = [:], problems: [String: String] = [:]
        for indicator in rubric.indicators {
            var rating = fields["\(prefix)\(indicator.id)"] ?? ""
            if rating == "none" { rating = "" }
            guard rating.isEmpty || IndicatorRating(form: rating) != nil else { throw PageError(.badRequest, "assessment.error.rating") }
            let note = fields.plain("\(notePrefix)\(indicator.id)")
            if note.count > AssessmentStore.noteLength { problems[indicator.id] = "too long" }
            if !rating.isEmpty || !note.isEmpty { values[indicator.id] = (rating, note) }
        }
        return (values, problems)
    }

    @Sendable func saveRatings(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school, assessment) = try await assessment(Permission.rateAssessment, request, context)
        try context.requireWritable(visitor)
        guard !assessment.isCompleted else { throw PageError(.conflict, "assessment.error.completed") }
        var request = request
        let fields = try await request.form(context: context)
        let (values, problems) = try readForm(fields, rating: "r-", note: "n-")
        let t = kit.t(context)
        guard problems.isEmpty else {
            let messages = problems.mapValues { _ in t("assessment.error.noteTooLong", ["max": t.number(AssessmentStore.noteLength)]) }
            return try await ratePage(request, context, school: school, assessment: assessment, values: values, notice: nil, problems: messages,
                                      status: .unprocessableContent).response(from: request, context: context)
        }
        let ratings = values.compactMapValues { value in IndicatorRating(form: value.rating).map { RatedIndicator(rating: $0, note: value.note) } }
        try await assessments.rate(assessment.id, by: visitor.account.id, ratings)
        try await audit.record(.assessmentRated, by: context.actor(visitor), about: .assessment(assessment.id), in: school.id,
                               detail: "\(ratings.count) of \(rubric.indicators.count) indicators")
        return Response(status: .seeOther, headers: [.location: SiteURL.rateAssessment(assessment.id, school: school.id).path + "?done=saved"])
    }

    // MARK: The facilitator's consensus

    @Sendable func consensusForm(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, school, assessment) = try await assessment(Permission.facilitateAssessment, request, context)
        let t = kit.t(context)
        let decided = try await assessments.consensus(assessment.id)
        let notice = request.uri.queryParameters.get("done").flatMap {
            ["started": "assessment.consensus.started", "saved": "assessment.consensus.saved", "completed": "assessment.consensus.completed",
             "reopened": "assessment.consensus.reopened"][$0]
        }.map { t($0) }
        return try await consensusPage(request, context, school: school, assessment: assessment,
                                       values: decided.mapValues { ($0.rating.formValue, $0.note) }, notice: notice, problems: [:], status: .ok)
    }

    private func consensusPage(_ request: Request, _ context: BelongRequestContext, school: Organization, assessment: SelfAssessment,
                               values: [String: (rating: String, note: String)], notice: String?, problems: [String: String],
                               status: HTTPResponse.Status) async throws -> HTMLPage {
        let t = kit.t(context)
        let ratings = try await assessments.ratings(assessment.id)
        var names: [UUID: String] = [:]
        for member in ratings.keys { names[member] = try await accounts.find(id: member)?.displayName ?? t("assessment.consensus.formerMember") }
        let members = names.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key.uuidString < $1.key.uuidString }
        let spread = IndicatorSpread.ordered(rubric: rubric, ratings: ratings.mapValues { $0.mapValues(\.rating) })
        let notes = ratings.mapValues { $0.compactMapValues { $0.note.isEmpty ? nil : $0.note } }
        let model = ConsensusViewModel(
            chrome: kit.chrome(request, context, titleKey: "assessment.consensus.title", titleArguments: ["title": assessment.title]),
            school: school, assessment: assessment, members: members.map { ($0.key, $0.value) }, spread: spread, notes: notes, values: values,
            evidence: evidenceText(try await evidence(school: school.id), t), notice: notice, problems: problems,
            action: SiteURL.assessmentConsensus(assessment.id, school: school.id).path,
            rateURL: SiteURL.rateAssessment(assessment.id, school: school.id).path, scorecardURL: SiteURL.assessment(assessment.id, school: school.id).path
        )
        return HTMLPage(html: ConsensusView.render(model), status: status)
    }

    @Sendable func decide(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school, assessment) = try await assessment(Permission.facilitateAssessment, request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        let back = SiteURL.assessmentConsensus(assessment.id, school: school.id).path
        if fields["action"] == "reopen" {
            if try await assessments.setCompleted(assessment.id, false) {
                try await audit.record(.assessmentReopened, by: context.actor(visitor), about: .assessment(assessment.id), in: school.id)
            }
            return Response(status: .seeOther, headers: [.location: back + "?done=reopened"])
        }
        guard !assessment.isCompleted else { throw PageError(.conflict, "assessment.error.completed") }
        let (values, problems) = try readForm(fields, rating: "c-", note: "e-")
        guard problems.isEmpty else {
            let messages = problems.mapValues { _ in t("assessment.error.noteTooLong", ["max": t.number(AssessmentStore.noteLength)]) }
            return try await consensusPage(request, context, school: school, assessment: assessment, values: values, notice: nil, problems: messages,
                                           status: .unprocessableContent).response(from: request, context: context)
        }
        var decisions: [String: RatedIndicator?] = [:]
        for indicator in rubric.indicators {
            decisions[indicator.id] = values[indicator.id].flatMap { value in IndicatorRating(form: value.rating).map { RatedIndicator(rating: $0, note: value.note) } }
        }
        try await assessments.decide(assessment.id, by: visitor.account.id, decisions)
        let decided = decisions.values.compactMap { $0 }.count
        try await audit.record(.assessmentDecided, by: context.actor(visitor), about: .assessment(assessment.id), in: school.id,
                               detail: "\(decided) of \(rubric.indicators.count) indicators")
        if fields["action"] == "complete" {
            if try await assessments.setCompleted(assessment.id, true) {
                try await audit.record(.assessmentCompleted, by: context.actor(visitor), about: .assessment(assessment.id), in: school.id)
            }
            return Response(status: .seeOther, headers: [.location: SiteURL.assessment(assessment.id, school: school.id).path + "?done=completed"])
        }
        return Response(status: .seeOther, headers: [.location: back + "?done=saved"])
    }

    // MARK: The scorecard

    @Sendable func scorecard(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school, assessment) = try await assessment(Permission.viewSchoolAggregates, request, context)
        let t = kit.t(context)
        let decided = try await assessments.consensus(assessment.id)
        let previous = try await assessments.previousCompleted(before: assessment)
        var before: [String: IndicatorRating]?
        if let previous { before = try await assessments.consensus(previous.id).mapValues(\.rating) }
        let card = Scorecard(rubric: rubric, consensus: decided.mapValues(\.rating), previous: before)
        let model = ScorecardViewModel(
            chrome: kit.chrome(request, context, titleKey: "assessment.scorecard.title", titleArguments: ["title": assessment.title, "school": school.name]),
            school: school, assessment: assessment, completed: assessment.completedAt.map { day($0, t) }, card: card,
            evidence: decided.compactMapValues { $0.note.isEmpty ? nil : $0.note }, decidedCount: decided.count, indicatorCount: rubric.indicators.count,
            previousTitle: previous?.title,
            notice: request.uri.queryParameters.get("done") == "completed" ? t("assessment.consensus.completed") : nil,
            consensusURL: visitor.may(.facilitateAssessment(school: school.id)) ? SiteURL.assessmentConsensus(assessment.id, school: school.id).path : nil,
            listURL: SiteURL.assessments(school: school.id).path
        )
        return HTMLPage(html: ScorecardView.render(model))
    }

    // MARK: The district's schools side by side

    @Sendable func district(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, district) = try context.requireDistrict(Permission.viewDistrictAggregates, request)
        let schools = try await organizations.all().filter { $0.kind == .school && $0.districtId == district }.sorted { $0.name < $1.name }
        let latest = try await assessments.latestCompleted(schools: schools.map(\.id))
        let t = kit.t(context)
        let rows = schools.map { school in
            DistrictAssessmentsViewModel.Row(
                school: school, assessment: latest[school.id]?.0, completed: latest[school.id]?.0.completedAt.map { day($0, t) },
                card: latest[school.id].map { Scorecard(rubric: rubric, consensus: $0.1) },
                url: latest[school.id].map { SiteURL.assessment($0.0.id, school: school.id).path } ?? SiteURL.assessments(school: school.id).path
            )
        }
        let model = DistrictAssessmentsViewModel(chrome: kit.chrome(request, context, titleKey: "assessment.district.title"), rows: rows)
        return HTMLPage(html: DistrictAssessmentsView.render(model))
    }
}
