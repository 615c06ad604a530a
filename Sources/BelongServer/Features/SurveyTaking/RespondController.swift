import BelongCore
import Foundation
import Hummingbird

/// The survey as a student, a staff member or a family member takes it: no account, the code in the
/// address, and no cookie but the resume word of a saved draft, kept for that code's pages only. Every
/// page works without JavaScript.
struct RespondController {
    let kit: PageKit
    let taking: SurveyTaking
    let people: PeopleStore
    let help: HelpMessageStore
    let helpline: [Language: String]

    private func help(school: UUID, forStudents: Bool, in language: Language) async throws -> SurveyHelp {
        SurveyHelp(school: try await help.message(school: school), helpline: helpline, forStudents: forStudents, in: language)
    }


    /// Respondent pages have no navigation; their language comes from the address, never a cookie.
    private func chrome(_ request: Request, _ context: BelongRequestContext, _ language: Language, titleKey: String,
                        arguments: [String: String] = [:], scripts: [String] = [], session: SurveyTaking.Session? = nil) -> PageChrome {
        var chrome = PageChrome(t: localizer(language, session), titleKey: titleKey, titleArguments: arguments,
                                currentPath: request.uri.description, isRespondent: true)
        chrome.scripts = scripts
        // A survey's pages switch among the wave's languages; the code page among every language offered.
        let offered = session?.wave.languages ?? kit.translations.languages
        chrome.otherLanguages = offered.filter { $0 != chrome.language }.map { other in
            .init(language: other, label: other.endonym, url: SiteURL.switching(request.uri.description, to: other),
                  title: kit.translations.switchTitle(to: other))
        }
        return chrome
    }

    /// Students are addressed as « tu », staff and families as « vous ».
    private func localizer(_ language: Language, _ session: SurveyTaking.Session?) -> Localizer {
        let adult = session.map { [.staff, .family].contains($0.instrument.audience) } ?? false
        return kit.translations.localizer(for: language).preferring(adult ? "adult" : nil)
    }

    private func language(_ request: Request, _ context: BelongRequestContext, session: SurveyTaking.Session? = nil) -> Language {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(anyCode:)), kit.translations.languages.contains(chosen) { return chosen }
        if let draft = session?.draft?.language { return draft }
        return context.language
    }

    @Sendable func enter(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let language = language(request, context)
        // A code in the query (a QR code, a link) goes straight to the survey.
        if let code = request.uri.queryParameters.get("code"), !code.isEmpty {
            throw RedirectError(to: SiteURL.respondWelcome(code: AccessCode.normalize(code)).path + "?lang=\(language.code)")
        }
        let model = EnterCodeViewModel(chrome: chrome(request, context, language, titleKey: "survey.enter.title"), typed: "", problem: nil)
        return HTMLPage(html: EnterCodeView.render(model))
    }

    @Sendable func enterSubmitted(request: Request, context: BelongRequestContext) async throws -> Response {
        let form = try await Self.form(request)
        let language = form["lang"].flatMap(Language.init(anyCode:)).flatMap { kit.translations.languages.contains($0) ? $0 : nil } ?? language(request, context)
        let typed = String((form["code"] ?? "").prefix(40))
        switch try await taking.open(code: typed, address: context.remoteAddress) {
        case .success(let session):
            return Response(status: .seeOther, headers: [.location: SiteURL.respondWelcome(code: session.code).path + "?lang=\(language.code)"])
        case .failure(let problem):
            return try problemResponse(problem, typed: typed, request, context, language)
        }
    }

    /// The cookie that keeps a draft's resume word, sent back only to the pages of its own code.
    static let resumeCookie = "belong_resume"

    private func resumeCookie(_ word: String, _ session: SurveyTaking.Session, _ request: Request) -> Cookie {
        Cookie(name: Self.resumeCookie, value: word, maxAge: max(3_600, Int(session.wave.closesAt.timeIntervalSinceNow)),
               path: SiteURL.respondWelcome(code: session.code).path, secure: Cookies.isSecure(request), httpOnly: true, sameSite: .strict)
    }

    private func expiredResumeCookie(_ session: SurveyTaking.Session, _ request: Request) -> Cookie {
        Cookie(name: Self.resumeCookie, value: "", maxAge: 0, path: SiteURL.respondWelcome(code: session.code).path,
               secure: Cookies.isSecure(request), httpOnly: true, sameSite: .strict)
    }

    /// Opens the code in the path, or answers with the page that says why it cannot be used. The draft
    /// opens with the word this browser kept, or `typedWord` from the form that asks for it.
    private func session(_ request: Request, _ context: BelongRequestContext, typedWord: String? = nil) async throws -> (SurveyTaking.Session, Language) {
        let code = context.parameters.get("code") ?? ""
        let word = typedWord ?? request.cookies[Self.resumeCookie]?.value
        switch try await taking.open(code: code, address: context.remoteAddress, resumeWord: word, typedWord: typedWord != nil) {
        case .success(let session) where request.method == .get && code != session.code:
            // A code typed into the address as printed (k7m-2qx-9pa): go on at its one spelling, where the resume cookie lives.
            let same: SiteURL = if let page = context.parameters.get("page").flatMap(Int.init) {
                .respondPage(code: session.code, page: page)
            } else if request.uri.path.hasSuffix("/review") {
                .respondReview(code: session.code)
            } else {
                .respondWelcome(code: session.code)
            }
            throw RedirectError(to: same.path + (request.uri.query.map { "?\($0)" } ?? ""))
        case .success(let session):
            var language = language(request, context, session: session)
            if !session.wave.languages.contains(language) { language = session.wave.languages.first ?? .default }
            return (session, language)
        case .failure(let problem):
            throw ProblemPage(response: try problemResponse(problem, typed: code, request, context, language(request, context)))
        }
    }

    @Sendable func welcome(request: Request, context: BelongRequestContext) async throws -> Response {
        let (session, language) = try await session(request, context)
        return try welcomeResponse(session, language: language, typedWord: "", problem: nil, status: .ok, request, context)
    }

    private func welcomeResponse(_ session: SurveyTaking.Session, language: Language, typedWord: String, problem: String?,
                                 status: HTTPResponse.Status, _ request: Request, _ context: BelongRequestContext) throws -> Response {
        let t = localizer(language, session)
        var model = WelcomeViewModel(
            chrome: chrome(request, context, language, titleKey: "survey.welcome.title", scripts: session.isEarlyYears ? ["/js/read-aloud.js"] : [],
                           session: session), title: session.instrument.title(in: language),
            code: session.code, confidential: session.wave.mode == .confidential, questionCount: session.items.count,
            languages: session.wave.languages, resuming: session.draft.map { !$0.answers.isEmpty } ?? false,
            locked: session.draftLocked, typedWord: typedWord, wordProblem: problem,
            firstPage: SiteURL.respondPage(code: session.code, page: firstUnanswered(session)).path + "?lang=\(t.language.code)"
        )
        model.earlyYears = session.isEarlyYears
        return try HTMLPage(html: WelcomeView.render(model), status: status).response(from: request, context: context)
    }

    /// The resume word typed on another device: it opens the draft here, and this browser keeps it.
    @Sendable func unlock(request: Request, context: BelongRequestContext) async throws -> Response {
        let form = try await Self.form(request)
        let typed = String((form["resume"] ?? "").prefix(40))
        let (session, language) = try await session(request, context, typedWord: typed)
        guard let word = session.resumeWord, session.draft != nil else {
            let t = localizer(language, session)
            return try welcomeResponse(session, language: language, typedWord: typed, problem: t("survey.welcome.wordWrong"),
                                       status: .unprocessableContent, request, context)
        }
        var response = Response(status: .seeOther, headers: [
            .location: SiteURL.respondPage(code: session.code, page: firstUnanswered(session)).path + "?lang=\(language.code)",
        ])
        response.setCookie(resumeCookie(word, session, request))
        return response
    }

    /// Resume where the respondent stopped: the first page with nothing answered yet.
    private func firstUnanswered(_ session: SurveyTaking.Session) -> Int {
        guard let answers = session.draft?.answers else { return 1 }
        for (index, page) in session.pages.enumerated() {
            let answered = page.contains { answers.choices[$0.id] != nil || answers.texts[$0.id] != nil || ($0.response == .adultPick && !answers.adults.isEmpty) }
            if !answered { return index + 1 }
        }
        return max(session.pages.count, 1)
    }

    @Sendable func page(request: Request, context: BelongRequestContext) async throws -> Response {
        let (session, language) = try await session(request, context)
        guard let number = context.parameters.get("page").flatMap(Int.init), (1...session.pages.count).contains(number) else {
            throw HTTPError(.notFound)
        }
        return try await pageResponse(session, language: language, number: number, answers: session.draft?.answers ?? Answers(), problem: nil,
                                      status: .ok, request, context, returnToReview: request.uri.queryParameters.get("from") == "review")
    }

    private func pageResponse(
        _ session: SurveyTaking.Session, language: Language, number: Int, answers: Answers, problem: String?, status: HTTPResponse.Status,
        _ request: Request, _ context: BelongRequestContext, returnToReview: Bool = false
    ) async throws -> Response {
        let pages = session.pages
        let items = pages[number - 1]
        let first = pages.prefix(number - 1).reduce(0) { $0 + $1.count } + 1
        let staff = items.contains { $0.response == .adultPick } ? try await people.staffNames(school: session.record.schoolId) : []
        let model = QuestionPageViewModel(
            chrome: chrome(request, context, language, titleKey: "survey.page.title",
                           arguments: ["page": String(number), "count": String(pages.count)], scripts: ["/js/survey-steps.js"] + (session.isEarlyYears ? ["/js/read-aloud.js"] : []),
                           session: session),
            title: session.instrument.title(in: language), code: session.code, page: number, pageCount: pages.count, firstQuestion: first,
            questionCount: session.items.count, items: items, answers: answers, earlyYears: session.isEarlyYears, staff: staff, problem: problem,
            returnToReview: returnToReview
        )
        return try HTMLPage(html: QuestionPageView.render(model), status: status).response(from: request, context: context)
    }

    @Sendable func savePage(request: Request, context: BelongRequestContext) async throws -> Response {
        let (session, language) = try await session(request, context)
        guard let number = context.parameters.get("page").flatMap(Int.init), (1...session.pages.count).contains(number) else {
            throw HTTPError(.notFound)
        }
        let form = try await Self.form(request)
        let items = session.pages[number - 1]
        let t = localizer(language, session)
        let page: Answers
        do {
            page = try Self.answers(from: form, items: items)
        } catch {
            // A forged or broken form: nothing is saved, and the page is shown again as it was.
            return try await pageResponse(session, language: language, number: number, answers: session.draft?.answers ?? Answers(),
                                          problem: t("survey.page.invalid"), status: .badRequest, request, context)
        }
        var answers = session.draft?.answers ?? Answers()
        answers.merge(page, clearing: Set(items.map(\.id)).union(items.contains { $0.response == .adultPick } ? ["adults"] : []))
        let word: String
        do {
            word = try await taking.saveDraft(session, language: language, answers: answers)
        } catch is SurveyTaking.CodeUsed {
            return try problemResponse(.used, typed: session.code, request, context, language)
        } catch where Database.isUnavailable(error) {
            // The page comes back as the student left it, answers in place, to send again in a minute.
            var response = try await pageResponse(session, language: language, number: number, answers: answers,
                                                  problem: t("survey.page.unavailable"), status: .serviceUnavailable, request, context)
            response.headers[.retryAfter] = "30"
            return response
        }
        let lang = "?lang=\(language.code)"
        var response: Response
        switch form["move"] {
        case "back":
            response = Response(status: .seeOther, headers: [.location: SiteURL.respondPage(code: session.code, page: max(number - 1, 1)).path + lang])
        case "later":
            let model = SurveyMessageViewModel(chrome: chrome(request, context, language, titleKey: "survey.later.title", session: session),
                                               heading: t("survey.later.heading"), text: t("survey.later.text"), resumeWord: word)
            response = try HTMLPage(html: SurveyMessageView.render(model)).response(from: request, context: context)
        default:
            // A change made from the review goes back to the review, not through every later page.
            let next = number < session.pages.count && form["return"] != "review"
                ? SiteURL.respondPage(code: session.code, page: number + 1) : SiteURL.respondReview(code: session.code)
            response = Response(status: .seeOther, headers: [.location: next.path + lang])
        }
        if word != session.resumeWord { response.setCookie(resumeCookie(word, session, request)) }
        return response
    }

    /// A survey page's fields; no honest page sends more than a few kilobytes.
    static let maxFormBytes = 64 * 1024

    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        let body = try await request.collectBody(upTo: maxFormBytes)
        return FormFields(body: String(buffer: body))
    }

    /// Reads a page's fields: only its own questions, only values their scales allow.
    static func answers(from form: FormFields, items: [Instrument.Item]) throws -> Answers {
        var answers = Answers()
        let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        for (name, value) in form.all where name.hasPrefix("choice.") || name.hasPrefix("text.") || name.hasPrefix("adult.") {
            if name.hasPrefix("choice.") {
                let id = String(name.dropFirst("choice.".count))
                guard byId[id] != nil, let number = Int(value) else { throw Answers.Problem.unknownItem(id) }
                answers.choices[id] = number
            } else if name.hasPrefix("text.") {
                let id = String(name.dropFirst("text.".count))
                guard byId[id] != nil else { throw Answers.Problem.unknownItem(id) }
                answers.texts[id] = value
            } else if !value.isEmpty {
                guard items.contains(where: { $0.response == .adultPick }), let adult = UUID(uuidString: value) else { throw Answers.Problem.unknownItem("adults") }
                if !answers.adults.contains(adult) { answers.adults.append(adult) }
            }
        }
        let problems = answers.problems(against: items)
        if let first = problems.first { throw first }
        return answers
    }

    @Sendable func review(request: Request, context: BelongRequestContext) async throws -> Response {
        let (session, language) = try await session(request, context)
        return try await reviewResponse(session, language: language, problem: nil, status: .ok, request, context)
    }

    func reviewResponse(_ session: SurveyTaking.Session, language: Language, problem: String?, status: HTTPResponse.Status,
                        _ request: Request, _ context: BelongRequestContext) async throws -> Response {
        let t = localizer(language, session)
        let answers = session.draft?.answers ?? Answers()
        let staff = session.items.contains { $0.response == .adultPick } ? try await people.staffNames(school: session.record.schoolId) : []
        var rows: [ReviewViewModel.Row] = []
        var number = 0
        for (index, page) in session.pages.enumerated() {
            for item in page {
                number += 1
                let answer: String? = switch item.response {
                case .openText: answers.texts[item.id].flatMap { $0.isEmpty ? nil : $0 }
                case .adultPick: answers.adults.isEmpty ? nil : answers.adults.compactMap { id in staff.first { $0.id == id }?.name }.joined(separator: ", ")
                default: answers.choices[item.id].map { t(item.response.labelKey($0)) }
                }
                let face = item.response == .faces3 ? answers.choices[item.id].map(QuestionPageView.faceImage) : nil
                rows.append(.init(number: number, question: item.text(in: language), answer: answer, page: index + 1, face: face))
            }
        }
        // A student who says no adult at school would listen sees, before sending, where to get help now.
        let saidNo = session.items.contains { $0.response == .yesno3 && answers.choices[$0.id] == 1 }
        let reviewHelp = saidNo ? try await help(school: session.record.schoolId, forStudents: session.wave.respondents.kind == "students", in: language) : nil
        var model = ReviewViewModel(chrome: chrome(request, context, language, titleKey: "survey.review.title",
                                                   scripts: session.isEarlyYears ? ["/js/read-aloud.js"] : [], session: session),
                                    title: session.instrument.title(in: language), code: session.code, rows: rows, lastPage: session.pages.count, problem: problem)
        model.earlyYears = session.isEarlyYears
        model.help = reviewHelp
        return try HTMLPage(html: ReviewView.render(model), status: status).response(from: request, context: context)
    }

    @Sendable func submit(request: Request, context: BelongRequestContext) async throws -> Response {
        let (session, language) = try await session(request, context)
        let outcome: ResponseWriter.Outcome
        do {
            outcome = try await taking.submit(session, language: language, answers: session.draft?.answers ?? Answers())
        } catch SurveyTaking.SubmitError.nothingAnswered {
            // Not a response (DOMAIN.md §2): the code stays unused and the review says what to do.
            return try await reviewResponse(session, language: language, problem: localizer(language, session)("survey.review.nothingAnswered"),
                                            status: .unprocessableContent, request, context)
        } catch where Database.isUnavailable(error) {
            // The draft holds every answer; the review shows them again, ready to send in a minute.
            var response = try await reviewResponse(session, language: language, problem: localizer(language, session)("survey.review.unavailable"),
                                                    status: .serviceUnavailable, request, context)
            response.headers[.retryAfter] = "30"
            return response
        }
        switch outcome {
        case .stored:
            // The thank-you page knows only what to show: the K–3 form's read-aloud, and where to get help.
            var response = Response(status: .seeOther, headers: [.location: SiteURL.respondThanks.path + "?lang=\(language.code)"
                + (session.isEarlyYears ? "&form=early" : "") + "&school=\(session.record.schoolId.uuidString.lowercased())"
                + "&for=\(session.wave.respondents.kind)"])
            if session.resumeWord != nil { response.setCookie(expiredResumeCookie(session, request)) }
            return response
        case .alreadyUsed:
            return try problemResponse(.used, typed: session.code, request, context, language)
        }
    }

    @Sendable func thanks(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let language = language(request, context)
        let t = kit.translations.localizer(for: language)
        let early = request.uri.queryParameters.get("form") == "early"
        var model = SurveyMessageViewModel(chrome: chrome(request, context, language, titleKey: "survey.thanks.title", scripts: early ? ["/js/read-aloud.js"] : []),
                                           heading: t("survey.thanks.heading"), text: t("survey.thanks.text"))
        model.earlyYears = early
        if let school = request.uri.queryParameters.get("school").flatMap(UUID.init(uuidString:)) {
            model.help = try await help(school: school, forStudents: request.uri.queryParameters.get("for") == "students", in: language)
        } else {
            model.help = SurveyHelp(school: [:], helpline: helpline, forStudents: true, in: language)
        }
        return HTMLPage(html: SurveyMessageView.render(model))
    }

    /// Each reason a code does not work has its own page and status.
    func problemResponse(_ problem: SurveyTaking.CodeProblem, typed: String, _ request: Request, _ context: BelongRequestContext,
                         _ language: Language) throws -> Response {
        let t = kit.translations.localizer(for: language)
        func enterAgain(_ message: String, status: HTTPResponse.Status) throws -> Response {
            let model = EnterCodeViewModel(chrome: chrome(request, context, language, titleKey: "survey.enter.title"), typed: typed, problem: message)
            return try HTMLPage(html: EnterCodeView.render(model), status: status).response(from: request, context: context)
        }
        func page(_ key: String, _ arguments: [String: String] = [:], status: HTTPResponse.Status) throws -> Response {
            let model = CodeProblemViewModel(chrome: chrome(request, context, language, titleKey: "survey.problem.\(key).heading"),
                                             heading: t("survey.problem.\(key).heading"), text: t("survey.problem.\(key).text", arguments))
            return try HTMLPage(html: CodeProblemView.render(model), status: status).response(from: request, context: context)
        }
        switch problem {
        case .malformed(.empty): return try enterAgain(t("survey.problem.empty"), status: .badRequest)
        case .malformed(.impossibleCharacter(let character)):
            return try enterAgain(t("survey.problem.character", ["character": String(character)]), status: .badRequest)
        case .malformed(.wrongLength(let length)):
            return try enterAgain(t("survey.problem.length", ["length": String(AccessCode.length), "typed": String(length)]), status: .badRequest)
        case .unknown: return try enterAgain(t("survey.problem.unknown"), status: .notFound)
        case .used: return try page("used", status: .conflict)
        case .void: return try page("void", status: .gone)
        case .closed: return try page("closed", status: .gone)
        case .notYetOpen(let opens):
            let day = opens.formatted(Date.FormatStyle(date: .long, time: .shortened).locale(Locale(identifier: language == .french ? "fr_CA" : "en_CA")))
            return try page("notYetOpen", ["day": day], status: .forbidden)
        case .tooManyAttempts(let until):
            var response = try page("tooMany", status: .tooManyRequests)
            response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
            return response
        }
    }
}

/// A ready page that ends the handler early: a code that does not work.
struct ProblemPage: Error, HTTPResponseError {
    let response: Response
    var status: HTTPResponse.Status { response.status }
    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}
