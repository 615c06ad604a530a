import BelongCore
import Foundation
import Logging

/// The respondent side: from a typed code to a stored response. Holds the rules of DOMAIN.md §4 for
/// what a response may keep.
public struct SurveyTaking: Sendable {
    let codes: CodeStore
    let surveys: SurveyStore
    let instruments: InstrumentStore
    let drafts: DraftStore
    let writer: ResponseWriter
    let limiter: CodeAttemptLimiter
    let now: @Sendable () -> Date

    /// Why a code does not open a survey, each with its own message.
    public enum CodeProblem: Error, Equatable {
        case malformed(AccessCode.Problem)
        case unknown
        case used
        case void
        case notYetOpen(opens: Date)
        case closed
        case tooManyAttempts(until: Date)
    }

    /// An open survey behind a valid code.
    public struct Session: Sendable {
        public let code: String
        public let record: CodeStore.Record
        public let wave: SurveyWave
        public let instrument: Instrument
        public let items: [Instrument.Item]
        /// The answers saved so far, when the resume word given opens them.
        public let draft: DraftStore.Draft?
        /// Answers are saved for this code that the word given (or no word) does not open.
        public let draftLocked: Bool
        /// The word that opened the draft: later saves keep it.
        public let resumeWord: String?

        /// The pages of the survey: one per scale, then one for each question outside the scales.
        public var pages: [[Instrument.Item]] {
            var pages: [[Instrument.Item]] = []
            for scale in instrument.scales {
                let scaleItems = items.filter { $0.scale == scale.id }
                if !scaleItems.isEmpty { pages.append(scaleItems) }
            }
            for item in items where item.scale == nil { pages.append([item]) }
            return pages
        }

        public var isEarlyYears: Bool { instrument.audience == .studentEarly }
    }

    /// `withDraft: false` skips reading the answers saved so far, for a client that sends all its answers.
    /// `resumeWord` opens a saved draft; `typedWord` marks it as typed by a person, so a wrong one counts
    /// as a wrong guess, like a wrong code (a word a browser kept for another code does not).
    public func open(code typed: String, address: String?, withDraft: Bool = true, resumeWord: String? = nil,
                     typedWord: Bool = false) async throws -> Result<Session, CodeProblem> {
        let code = AccessCode.normalize(typed)
        if let until = limiter.blockedUntil(address: address, now: now()) { return .failure(.tooManyAttempts(until: until)) }
        if let problem = AccessCode.problem(with: code) {
            limiter.recordWrong(address: address, now: now())
            return .failure(.malformed(problem))
        }
        guard let record = try await codes.find(code: code) else {
            limiter.recordWrong(address: address, now: now())
            return .failure(.unknown)
        }
        if record.void { return .failure(.void) }
        if record.used { return .failure(.used) }
        guard let wave = try await surveys.findRecent(id: record.waveId),
              let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion) else {
            return .failure(.unknown)
        }
        switch wave.status(at: now()) {
        case .draft, .notYetOpen: return .failure(.notYetOpen(opens: wave.opensAt))
        case .closed: return .failure(.closed)
        case .open: break
        }
        let found = withDraft ? try await drafts.load(codeHash: record.hash, word: resumeWord.flatMap(ResumeWord.normalize)) : .none
        var draft: DraftStore.Draft?, locked = false
        switch found {
        case .none: break
        case .opened(let opened): draft = opened
        case .locked:
            locked = true
            if typedWord { limiter.recordWrong(address: address, now: now()) }
        }
        return .success(Session(code: code, record: record, wave: wave, instrument: instrument, items: wave.items(of: instrument), draft: draft,
                                draftLocked: locked, resumeWord: draft == nil ? nil : resumeWord.flatMap(ResumeWord.normalize)))
    }

    /// A draft save that came after its code was used (another tab submitted).
    public struct CodeUsed: Error {}

    /// Keeps the answers under the session's resume word, or a new one (which replaces a draft the
    /// session could not open); returns the word. Throws `CodeUsed` when the code was used meanwhile.
    @discardableResult
    public func saveDraft(_ session: Session, language: Language, answers: Answers) async throws -> String {
        let word = session.resumeWord ?? ResumeWord.generate()
        guard try await drafts.save(codeHash: session.record.hash, waveId: session.wave.id, language: language, answers: answers, word: word) else {
            throw CodeUsed()
        }
        return word
    }

    public enum SubmitError: Error, Equatable {
        case invalid([Answers.Problem])
        /// No question answered: not a response, and the code stays unused.
        case nothingAnswered
    }

    /// Stores the response once; a second submit of the same code (another tab, a retry) is `alreadyUsed`.
    public func submit(_ session: Session, language: Language, answers: Answers) async throws -> ResponseWriter.Outcome {
        let problems = answers.problems(against: session.items)
        guard problems.isEmpty else { throw SubmitError.invalid(problems) }
        guard answers.hasAnswer else {
            // A submit racing this one may just have used the code and taken its draft with it: then that is the answer.
            if try await codes.find(code: session.code)?.used == true { return .alreadyUsed }
            throw SubmitError.nothingAnswered
        }
        let confidential = session.wave.mode == .confidential
        let response = StoredResponse(
            id: UUID.randomV4(), waveId: session.wave.id, schoolId: session.record.schoolId, grade: session.record.grade, classId: session.record.classId,
            kind: session.record.kind, language: language, day: Self.day(now(), timeZone: session.wave.timeZone),
            answers: PackedAnswers.pack(answers, items: session.items),
            texts: answers.texts.filter { !$0.value.allSatisfy(\.isWhitespace) },
            adults: confidential ? answers.adults : [],
            studentId: confidential ? session.record.studentId : nil
        )
        return try await writer.submit(codeHash: session.record.hash, response: response)
    }

    /// The calendar day in the wave's time zone: all a response keeps of when it arrived.
    static func day(_ date: Date, timeZone: String) -> String {
        SurveyWindow.day(of: date, timeZone: timeZone).description
    }
}

extension UUID {
    /// A version 4 UUID from the system's secure generator (getrandom). Foundation's `UUID()` opens
    /// /dev/urandom on every call on Linux, and every stored response needs one.
    static func randomV4() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var bytes = (generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = raw[6] & 0x0F | 0x40
            raw[8] = raw[8] & 0x3F | 0x80
            return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                               raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
        }
    }
}
