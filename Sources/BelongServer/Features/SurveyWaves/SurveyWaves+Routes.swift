import Foundation

/// Survey waves as a school runs them (the list, a new wave, a wave's page, its codes and slips, opening and
/// closing), the school's "where to get help", and the district's own instruments.
enum SurveyWavesRoutes {
    static let list = Route(.get, "/surveys", .page, access: .somewhere(.runSurveys))
    static let create = Route(.post, "/surveys", .form, access: .somewhere(.planSurveys))
    static let new = Route(.get, "/surveys/new", .page, access: .somewhere(.planSurveys))
    static let help = Route(.post, "/surveys/help", .form, access: .somewhere(.planSurveys))
    static let wave = Route(.get, "/surveys/{wave}", .page, access: .school(.runSurveys))
    static let participation = Route(.get, "/surveys/{wave}/participation", .api, access: .school(.runSurveys))
    static let open = Route(.post, "/surveys/{wave}/open", .form, access: .school(.planSurveys))
    static let close = Route(.post, "/surveys/{wave}/close", .form, access: .school(.runSurveys))
    static let closing = Route(.post, "/surveys/{wave}/closing", .form, access: .school(.planSurveys))
    static let slips = Route(.post, "/surveys/{wave}/slips", .download, access: .school(.runSurveys))
    static let codesCSV = Route(.post, "/surveys/{wave}/codes.csv", .download, access: .school(.runSurveys))
    static let replaceCodes = Route(.post, "/surveys/{wave}/replace-codes", .form, access: .school(.runSurveys))

    static let instruments = Route(.get, "/admin/instruments", .page, access: .district(.manageInstruments))
    static let uploadInstrument = Route(.post, "/admin/instruments", .form, access: .district(.manageInstruments))
    static let instrumentFile = Route(.get, "/admin/instruments/{instrument}/{version}", .download, access: .district(.manageInstruments))
}

extension SiteURL {
    static var surveys: SiteURL { SurveyWavesRoutes.list.link() }
    static var newSurvey: SiteURL { SurveyWavesRoutes.new.link() }
    /// A school's "where to get help now", set from the surveys page.
    static var surveyHelp: SiteURL { SurveyWavesRoutes.help.link() }
    static func survey(_ id: UUID) -> SiteURL { SurveyWavesRoutes.wave.link(id) }
    static func surveyParticipation(_ id: UUID) -> SiteURL { SurveyWavesRoutes.participation.link(id) }
    static func openSurvey(_ id: UUID) -> SiteURL { SurveyWavesRoutes.open.link(id) }
    static func closeSurvey(_ id: UUID) -> SiteURL { SurveyWavesRoutes.close.link(id) }
    static func moveClosing(_ id: UUID) -> SiteURL { SurveyWavesRoutes.closing.link(id) }
    static func codeSlips(_ id: UUID) -> SiteURL { SurveyWavesRoutes.slips.link(id) }
    static func codesCSV(_ id: UUID) -> SiteURL { SurveyWavesRoutes.codesCSV.link(id) }
    static func replaceCodes(_ id: UUID) -> SiteURL { SurveyWavesRoutes.replaceCodes.link(id) }
    static var instruments: SiteURL { SurveyWavesRoutes.instruments.link() }
    static func instrumentFile(id: String, version: Int) -> SiteURL { SurveyWavesRoutes.instrumentFile.link(id, version) }
}

struct SurveyWavesFeature: Feature {
    let surveys: SurveysController
    let instruments: InstrumentsController

    init(_ app: AppServices) {
        let configuration = app.configuration
        surveys = SurveysController(
            kit: app.kit, surveys: app.surveys, instruments: app.instruments, codes: app.codes, participation: app.participation,
            organizations: app.organizations, people: app.people, audit: app.audit, timeZone: configuration.timeZone,
            publicURL: configuration.publicURL, minimumGroupSize: configuration.minimumGroupSize, help: app.help, helpline: configuration.helpline, clock: app.now
        )
        instruments = InstrumentsController(kit: app.kit, instruments: app.instruments, audit: app.audit)
    }

    func register(_ routes: RouteTable) {
        routes.add(SurveyWavesRoutes.list, use: surveys.list)
        routes.add(SurveyWavesRoutes.create, use: surveys.create)
        routes.add(SurveyWavesRoutes.help, use: surveys.saveHelp)
        routes.add(SurveyWavesRoutes.new, use: surveys.new)
        routes.add(SurveyWavesRoutes.wave, use: surveys.show)
        routes.add(SurveyWavesRoutes.participation, use: surveys.participationJSON)
        routes.add(SurveyWavesRoutes.open, use: surveys.open)
        routes.add(SurveyWavesRoutes.close, use: surveys.close)
        routes.add(SurveyWavesRoutes.closing, use: surveys.moveClosing)
        routes.add(SurveyWavesRoutes.slips, use: surveys.slips)
        routes.add(SurveyWavesRoutes.codesCSV, use: surveys.codesCSV)
        routes.add(SurveyWavesRoutes.replaceCodes, use: surveys.replaceCodes)
        routes.add(SurveyWavesRoutes.instruments, use: instruments.list)
        routes.add(SurveyWavesRoutes.uploadInstrument, use: instruments.upload)
        routes.add(SurveyWavesRoutes.instrumentFile, use: instruments.file)
    }

    static let navigation = [NavigationEntry(position: 20, labelKey: "nav.surveys", route: SurveyWavesRoutes.list)]
}
