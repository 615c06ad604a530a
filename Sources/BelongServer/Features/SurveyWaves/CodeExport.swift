import BelongCore
import Foundation

/// New access codes for a class or a school, as a file: CSV for a mail merge, or slips to print.
/// The same for the web pages and `belong codes`; every batch is written to the audit log.
public struct CodeExport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case csv
        case html
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case noWave(String)
        case noClass(String)
        case noSchool(String)
        case closed
        case wrongTarget(String)

        public var description: String {
            switch self {
            case .noWave(let id): "no survey wave '\(id)'"
            case .noClass(let id): "no class '\(id)' at this wave's schools"
            case .noSchool(let id): "no school '\(id)' in this wave"
            case .closed: "this wave is closed; its codes can no longer be used"
            case .wrongTarget(let message): message
            }
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Issues codes for those of the class (student waves) or school (staff and family waves) who have none, and renders them.
    public func issue(wave waveId: UUID, classId: UUID?, schoolId: UUID?, format: Format, paper: String = "letter", address: String,
                      language: Language = .english, actor: UserAdministration.Actor) async throws -> (text: String, count: Int) {
        let surveys = SurveyStore(database: database)
        guard let wave = try await surveys.find(id: waveId) else { throw Failure.noWave(waveId.uuidString) }
        guard wave.status(at: Date()) != .closed else { throw Failure.closed }
        let codes = CodeStore(database: database, hasher: CodeHasher(secret: try await SecretStore(database: database).value(named: "access-code-key")))
        let organizations = try await OrganizationStore(database: database).all()
        let translations = try Translations.bundled()
        let t = translations.localizer(for: language)
        let slips: [CodeStore.Slip]
        let place: (school: Organization, label: String)
        switch (wave.respondents, classId, schoolId) {
        case (.students, .some(let classId), _):
            let schools = organizations.filter { wave.schoolIds.contains($0.id) }
            guard let found = try await schools.asyncFirstClass(classId, people: PeopleStore(database: database)) else { throw Failure.noClass(classId.uuidString) }
            slips = try await codes.issueForClass(wave: wave, classId: classId)
            place = (found.school, found.title)
        case (.students, nil, _):
            throw Failure.wrongTarget("a student wave's codes are made per class: give --class")
        case (_, _, .some(let schoolId)):
            guard wave.schoolIds.contains(schoolId), let school = organizations.first(where: { $0.id == schoolId }) else { throw Failure.noSchool(schoolId.uuidString) }
            slips = try await codes.issueForSchool(wave: wave, schoolId: schoolId)
            place = (school, school.name)
        case (_, _, nil):
            throw Failure.wrongTarget("a staff or family wave's codes are made per school: give --school")
        }
        if !slips.isEmpty {
            try await AuditStore(database: database).record(
                .codesIssued, by: actor, about: .survey(wave.id), in: place.school.id, detail: "\(slips.count) codes for \(place.label) (\(format.rawValue))"
            )
        }
        switch format {
        case .csv:
            return (Self.csv(slips, address: address, t: t, languages: wave.languages), slips.count)
        case .html:
            let model = CodeSlipsViewModel(
                chrome: PageChrome(t: t, titleKey: "slips.title", titleArguments: ["class": place.label], currentPath: "/"),
                waveURL: "", schoolName: place.school.name, className: place.label, address: address,
                paper: paper == "a4" ? .a4 : .letter, confidential: wave.mode == .confidential,
                groups: [.init(className: place.label, slips: slips.map {
                    .init(code: AccessCode.display($0.code), plainCode: $0.code, name: $0.name, grade: $0.grade.map { t.grade($0) })
                })]
            )
            return (CodeSlipsView.standalone(model), slips.count)
        }
    }

    /// One row per code: who it is for (if the wave prints names), the code and the address that opens it.
    static func csv(_ slips: [CodeStore.Slip], address: String, t: Localizer, languages: [Language]) -> String {
        var text = CSVText.line(["name", "email", "language", "grade", "code", "address"])
        for slip in slips {
            text += CSVText.line([slip.name ?? "", slip.email ?? "", slip.language ?? "", slip.grade.map { t.grade($0) } ?? "",
                                  AccessCode.display(slip.code), "\(address)/s/\(slip.code)" + languageQuery(slip.language, offered: languages)])
        }
        return text
    }

    /// The address opens in the person's own language when the wave speaks it ("fr", "fr-CA", "FRA", "ar"…).
    static func languageQuery(_ preferred: String?, offered: [Language]) -> String {
        guard let language = preferred.flatMap(Language.init(anyCode:)), offered.contains(language) else { return "" }
        return "?lang=\(language.code)"
    }
}
