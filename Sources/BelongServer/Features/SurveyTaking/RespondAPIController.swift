import BelongCore
import Foundation
import Hummingbird

/// The survey flow as JSON, for kiosks and clients that collect answers offline: read the survey
/// behind a code, keep a draft, submit once. No token and no cookie: the code is the credential.
struct RespondAPIController {
    let kit: PageKit
    let taking: SurveyTaking
    let people: PeopleStore
    let help: HelpMessageStore
    let helpline: [Language: String]



    /// The header that carries a draft's resume word, given by `PUT …/draft`.
    static let resumeWordHeader = HTTPFields.Element.Name("Belong-Resume-Word")!

    private func open(_ request: Request, _ context: BelongRequestContext, withDraft: Bool = true) async throws -> SurveyTaking.Session {
        let word = request.headers[Self.resumeWordHeader]
        switch try await taking.open(code: context.parameters.get("code") ?? "", address: context.remoteAddress, withDraft: withDraft,
                                     resumeWord: word, typedWord: word != nil) {
        case .success(let session): return session
        case .failure(let problem): throw ProblemPage(response: try problemResponse(problem, context))
        }
    }

    @Sendable func survey(request: Request, context: BelongRequestContext) async throws -> Response {
        let session = try await open(request, context)
        let localizers = session.wave.languages.map { ($0.code, kit.translations.localizer(for: $0)) }
        let items = session.items.map { item in
            RespondAPI.Survey.Item(
                id: item.id, scale: item.scale, response: item.response.rawValue, text: item.text,
                choices: item.response.displayOrder.map { value in
                    .init(value: value, label: Dictionary(uniqueKeysWithValues: localizers.map { code, t in (code, t(item.response.labelKey(value))) }))
                }
            )
        }
        let adults = session.items.contains { $0.response == .adultPick } ? try await people.staffNames(school: session.record.schoolId) : []
        let body = RespondAPI.Survey(
            wave: .init(title: session.wave.title, mode: session.wave.mode.rawValue, languages: session.wave.languages.map(\.code), closesAt: session.wave.closesAt),
            instrument: session.instrument.reference, title: session.instrument.title, items: items,
            pages: session.pages.map { .init(items: $0.map(\.id)) }, adults: adults.map { .init(id: $0.id, name: $0.name) },
            draft: session.draft.map { .init(language: $0.language.code, answers: .init($0.answers)) }, draftLocked: session.draftLocked,
            help: .init(school: Dictionary(uniqueKeysWithValues: try await help.message(school: session.record.schoolId).map { ($0.key.code, $0.value) }),
                        helpline: session.wave.respondents.kind == "students" ? Dictionary(uniqueKeysWithValues: helpline.map { ($0.key.code, $0.value) }) : [:])
        )
        return try APIController.json(body)
    }

    /// The body of a draft or a submission, refused (400, 422) before anything is kept.
    private func read(_ request: Request, _ context: BelongRequestContext, _ session: SurveyTaking.Session) async throws -> (Language, Answers) {
        var request = request
        let body = try await request.collectBody(upTo: RespondController.maxFormBytes)
        let draft: RespondAPI.Draft
        do {
            draft = try RespondBodyReader.draft(from: body.readableBytesView)
        } catch {
            throw ProblemPage(response: try APIController.json(RespondAPI.Problem(
                status: 400, error: "Bad Request", reason: "malformedBody",
                message: "The body must be JSON: {\"language\": \"en\", \"answers\": {\"choices\": {…}, \"texts\": {…}, \"adults\": […]}}."
            ), status: .badRequest))
        }
        guard let language = Language(anyCode: draft.language), session.wave.languages.contains(language) else {
            throw ProblemPage(response: try APIController.json(RespondAPI.Problem(
                status: 422, error: "Unprocessable Content", reason: "language",
                message: "This survey is offered in \(session.wave.languages.map(\.code).joined(separator: ", "))."
            ), status: .unprocessableContent))
        }
        let answers = draft.answers.domain
        let problems = answers.problems(against: session.items)
        guard problems.isEmpty else {
            throw ProblemPage(response: try APIController.json(RespondAPI.Problem(
                status: 422, error: "Unprocessable Content", reason: "invalidAnswers", message: "Some answers do not fit the survey; nothing was kept.",
                problems: problems.map(\.description)
            ), status: .unprocessableContent))
        }
        return (language, answers)
    }

    @Sendable func saveDraft(request: Request, context: BelongRequestContext) async throws -> Response {
        // The word sent opens the draft kept so far, and the draft stays under it; without it, the draft is replaced under a new word.
        let session = try await open(request, context)
        let (language, answers) = try await read(request, context, session)
        do {
            return try APIController.json(RespondAPI.Saved(resumeWord: try await taking.saveDraft(session, language: language, answers: answers)))
        } catch is SurveyTaking.CodeUsed {
            return try problemResponse(.used, context)
        }
    }

    @Sendable func submit(request: Request, context: BelongRequestContext) async throws -> Response {
        let session = try await open(request, context, withDraft: false)
        let (language, answers) = try await read(request, context, session)
        let outcome: ResponseWriter.Outcome
        do {
            outcome = try await taking.submit(session, language: language, answers: answers)
        } catch SurveyTaking.SubmitError.nothingAnswered {
            throw ProblemPage(response: try APIController.json(RespondAPI.Problem(
                status: 422, error: "Unprocessable Content", reason: "nothingAnswered", message: kit.t(context)("survey.review.nothingAnswered")
            ), status: .unprocessableContent))
        }
        switch outcome {
        case .stored: return try APIController.json(Self.stored, status: .created)
        case .alreadyUsed: return try problemResponse(.used, context)
        }
    }

    /// Every accepted submission gets the same body: encoded once.
    static let stored = try! APIController.encoder.encode(RespondAPI.Stored(status: "stored"))

    func problemResponse(_ problem: SurveyTaking.CodeProblem, _ context: BelongRequestContext) throws -> Response {
        let t = kit.t(context)
        let (status, reason, message): (HTTPResponse.Status, String, String) = switch problem {
        case .malformed(.empty): (.badRequest, "malformed", t("survey.problem.empty"))
        case .malformed(.impossibleCharacter(let character)): (.badRequest, "malformed", t("survey.problem.character", ["character": String(character)]))
        case .malformed(.wrongLength(let length)):
            (.badRequest, "malformed", t("survey.problem.length", ["length": String(AccessCode.length), "typed": String(length)]))
        case .unknown: (.notFound, "unknown", t("survey.problem.unknown"))
        case .used: (.conflict, "used", t("survey.problem.used.text"))
        case .void: (.gone, "replaced", t("survey.problem.void.text"))
        case .closed: (.gone, "closed", t("survey.problem.closed.text"))
        case .notYetOpen(let opens): (.forbidden, "notYetOpen", t("survey.problem.notYetOpen.text", ["day": opens.formatted(.iso8601)]))
        case .tooManyAttempts: (.tooManyRequests, "tooManyAttempts", t("survey.problem.tooMany.text"))
        }
        var response = try APIController.json(RespondAPI.Problem(status: Int(status.code), error: status.reasonPhrase, reason: reason, message: message), status: status)
        if case .tooManyAttempts(let until) = problem {
            response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
        }
        return response
    }
}
