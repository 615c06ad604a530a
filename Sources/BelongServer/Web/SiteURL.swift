import BelongCore
import Foundation
import Hummingbird

/// Every route and link in one place, so a page never spells a path by hand.
public enum SiteURL: Sendable, Hashable {
    case home
    case privacy
    case healthz
    case metrics
    case stylesheet
    case favicon
    case signIn(next: String?)
    case signOut
    case changePassword
    case dashboard
    case people(school: UUID)
    case student(school: UUID, id: UUID)
    case users
    case user(UUID)
    case tokens
    case audit
    case auditExport
    case imports
    case importRun(UUID)
    case importTemplate(String)
    case respond
    case respondWelcome(code: String)
    case respondPage(code: String, page: Int)
    case respondReview(code: String)
    case respondSubmit(code: String)
    case respondThanks
    case surveys
    case newSurvey
    /// A school's "where to get help now", set from the surveys page.
    case surveyHelp
    case survey(UUID)
    /// A form or file under a wave: "open", "close", "slips", "codes.csv"…
    case surveyAction(UUID, String)
    case instruments
    case instrumentFile(id: String, version: Int)
    case results
    case waveResults(UUID)
    /// A district results table as CSV: "schools", "trend"…
    case waveResultsTable(wave: UUID, table: String)
    case schoolResults(wave: UUID, school: UUID)
    case schoolResultsTable(wave: UUID, school: UUID, table: String)
    case schoolReport(wave: UUID, school: UUID)
    case youSaid(wave: UUID, school: UUID)
    case hideOpenAnswer(wave: UUID, school: UUID)

    public var path: String {
        switch self {
        case .home: "/"
        case .privacy: "/privacy"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .stylesheet: "/css/belong.css"
        case .favicon: "/favicon.svg"
        case .signIn(let next):
            if let next, SiteURL.isLocal(next), next != "/" {
                "/signin?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.~"))) ?? "/")"
            } else {
                "/signin"
            }
        case .signOut: "/signout"
        case .changePassword: "/account/password"
        case .dashboard: "/dashboard"
        case .people(let school): "/schools/\(school.uuidString.lowercased())/people"
        case .student(let school, let id): "/schools/\(school.uuidString.lowercased())/students/\(id.uuidString.lowercased())"
        case .users: "/admin/users"
        case .user(let id): "/admin/users/\(id.uuidString.lowercased())"
        case .tokens: "/admin/tokens"
        case .audit: "/admin/audit"
        case .auditExport: "/admin/audit.csv"
        case .imports: "/admin/import"
        case .importRun(let id): "/admin/import/\(id.uuidString.lowercased())"
        case .importTemplate(let name): "/admin/import/templates/\(name)"
        case .respond: "/s"
        case .respondWelcome(let code): "/s/\(code)"
        case .respondPage(let code, let page): "/s/\(code)/\(page)"
        case .respondReview(let code): "/s/\(code)/review"
        case .respondSubmit(let code): "/s/\(code)/submit"
        case .respondThanks: "/s/thanks"
        case .surveys: "/surveys"
        case .newSurvey: "/surveys/new"
        case .surveyHelp: "/surveys/help"
        case .survey(let id): "/surveys/\(id.uuidString.lowercased())"
        case .surveyAction(let id, let action): "/surveys/\(id.uuidString.lowercased())/\(action)"
        case .instruments: "/admin/instruments"
        case .instrumentFile(let id, let version): "/admin/instruments/\(id)/\(version)"
        case .results: "/results"
        case .waveResults(let wave): "/results/\(wave.uuidString.lowercased())"
        case .waveResultsTable(let wave, let table): "/results/\(wave.uuidString.lowercased())/\(table).csv"
        case .schoolResults(let wave, let school): "/results/\(wave.uuidString.lowercased())/schools/\(school.uuidString.lowercased())"
        case .schoolResultsTable(let wave, let school, let table):
            "/results/\(wave.uuidString.lowercased())/schools/\(school.uuidString.lowercased())/\(table).csv"
        case .schoolReport(let wave, let school): "/results/\(wave.uuidString.lowercased())/schools/\(school.uuidString.lowercased())/report"
        case .youSaid(let wave, let school): "/results/\(wave.uuidString.lowercased())/schools/\(school.uuidString.lowercased())/you-said"
        case .hideOpenAnswer(let wave, let school): "/results/\(wave.uuidString.lowercased())/schools/\(school.uuidString.lowercased())/hide-answer"
        }
    }

    /// Route patterns, as the router registers them.
    public enum Route {
        public static let people: RouterPath = "/schools/:school/people"
        public static let student: RouterPath = "/schools/:school/students/:student"
        public static let user: RouterPath = "/admin/users/:user"
        public static let importRun: RouterPath = "/admin/import/:import"
        public static let importTemplate: RouterPath = "/admin/import/templates/:name"
        public static let respondWelcome: RouterPath = "/s/:code"
        public static let respondPage: RouterPath = "/s/:code/:page"
        public static let respondReview: RouterPath = "/s/:code/review"
        public static let respondSubmit: RouterPath = "/s/:code/submit"
        public static let survey: RouterPath = "/surveys/:wave"
        public static let surveyParticipation: RouterPath = "/surveys/:wave/participation"
        public static let surveyOpen: RouterPath = "/surveys/:wave/open"
        public static let surveyClose: RouterPath = "/surveys/:wave/close"
        public static let surveyClosing: RouterPath = "/surveys/:wave/closing"
        public static let surveySlips: RouterPath = "/surveys/:wave/slips"
        public static let surveyCodesCSV: RouterPath = "/surveys/:wave/codes.csv"
        public static let surveyReplaceCodes: RouterPath = "/surveys/:wave/replace-codes"
        public static let instrumentFile: RouterPath = "/admin/instruments/:instrument/:version"
        public static let respondAPI: RouterPath = "/api/v1/respond/:code"
        public static let respondAPIDraft: RouterPath = "/api/v1/respond/:code/draft"
        public static let waveResults: RouterPath = "/results/:wave"
        public static let waveResultsTable: RouterPath = "/results/:wave/:table"
        public static let schoolResults: RouterPath = "/results/:wave/schools/:school"
        public static let schoolResultsTable: RouterPath = "/results/:wave/schools/:school/:table"
        public static let schoolReport: RouterPath = "/results/:wave/schools/:school/report"
        public static let youSaid: RouterPath = "/results/:wave/schools/:school/you-said"
        public static let hideOpenAnswer: RouterPath = "/results/:wave/schools/:school/hide-answer"
        public static let studentOptOut: RouterPath = "/schools/:school/students/:student/survey-opt-out"
    }

    /// A fixed route as a router path.
    public var route: RouterPath { RouterPath(path) }

    /// Paths where someone answers a survey: they carry an access code, so they set no cookie and are never logged as they are.
    public static func isRespondent(_ path: String) -> Bool {
        path == "/s" || path.hasPrefix("/s/") || path == "/api/v1/respond" || path.hasPrefix("/api/v1/respond/")
    }

    /// A path fit for a log: the access code in a survey address is replaced by `…`.
    public static func redacted(_ path: String) -> String {
        let bare = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        for prefix in ["/s/", "/api/v1/respond/"] where bare.hasPrefix(prefix) {
            var rest = bare.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard let first = rest.first, first != "thanks" else { return bare }
            rest[0] = "…"
            return prefix + rest.joined(separator: "/")
        }
        return isRespondent(bare) ? bare : path
    }

    /// Only same-site paths are followed after sign-in: one leading `/`, no control character (browsers drop a
    /// tab or newline, so `/<TAB>/evil.example` would become `//evil.example`), no backslash (read as `/`), no `//`.
    public static func isLocal(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.contains("//") && !target.contains("\\")
            && !target.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.isWhitespace && $0 != " " }
    }

    /// The same path with the language made explicit, for the language switch.
    public static func switching(_ pathAndQuery: String, to language: Language) -> String {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init) : []
        query.removeAll { $0.hasPrefix("lang=") }
        query.append("lang=\(language.code)")
        return "\(path.isEmpty ? "/" : path)?\(query.joined(separator: "&"))"
    }
}
