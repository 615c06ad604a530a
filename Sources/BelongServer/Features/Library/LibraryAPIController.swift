import BelongCore
import Foundation
import Hummingbird

extension API {
    /// A resource as the API gives it: its data file's fields, whether a district added it, and what schools say.
    struct LibraryResource: Codable, Sendable {
        let resource: Resource
        let districtId: UUID?
        let url: String
        /// How many schools tried it; their average only once at least `minimumN` have.
        let triedBySchools: Int?
        let triedFewerThan: Int?
        let averageRating: Double?
    }

    struct LibrarySearch: Codable, Sendable {
        let query: String
        let terms: [String]
        let total: Int
        let page: Int
        let pageSize: Int
        let resources: [LibraryResource]
    }

    struct Recommendation: Codable, Sendable {
        struct Reason: Codable, Sendable {
            let measure: String
            let audience: String
            let favourable: Double
            let lower: Double?
            let upper: Double?
            let n: Int
            /// The audience's strongest feeling, when this is its lowest and clearly below it.
            let strongest: String?
            let strongestFavourable: Double?
            /// The district's figure, when the school is clearly below the rest of the district.
            let districtFavourable: Double?
            /// The reason in words, in the language asked for (`?lang=`).
            let text: String
        }

        /// A strategy the school's latest completed self-assessment scored weakest.
        struct StrategyReason: Codable, Sendable {
            let strategy: Strategy
            let percent: Double
            let points: Int
            let rated: Int
            /// The lowest of the school's scored strategies (otherwise: under half its points).
            let lowest: Bool
            let assessmentId: UUID
            let assessmentTitle: String
            let text: String
        }

        let resource: LibraryResource
        let because: [Reason]
        let strategyReasons: [StrategyReason]
    }

    struct Recommendations: Codable, Sendable {
        let schoolId: UUID
        let hadFigures: Bool
        let recommendations: [Recommendation]
    }
}

/// The library for integrations: search with the same filters as the page, one resource, and a school's
/// recommendations with their reasons, from the same stores and privacy filter as the pages.
struct LibraryAPIController {
    let kit: PageKit
    let library: LibraryStore
    let organizations: OrganizationStore
    let recommendations: SchoolRecommendations
    let minimumGroupSize: Int

    private func model(_ entry: LibraryEntry, tally: TrialTally) -> API.LibraryResource {
        let shown = tally.schools >= minimumGroupSize
        return API.LibraryResource(
            resource: entry.resource, districtId: entry.district, url: SiteURL.libraryResource(entry.resource.id).path,
            triedBySchools: tally.schools == 0 || shown ? tally.schools : nil, triedFewerThan: tally.schools > 0 && !shown ? minimumGroupSize : nil,
            averageRating: shown ? tally.average : nil
        )
    }

    @Sendable func search(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        let query = LibraryText.query(request.uri)
        let page = Page.number(from: request.uri.queryParameters.get("page"))
        let hits = try await library.search(query, scope: LibraryScope(visitor), language: context.language, page: page)
        let tallies = try await library.tallies(hits.entries.map { $0.resource.id })
        return try APIController.json(API.LibrarySearch(
            query: String(query.text.prefix(500)), terms: query.terms, total: hits.total, page: page, pageSize: LibraryStore.pageSize,
            resources: hits.entries.map { model($0, tally: tallies[$0.resource.id] ?? .none) }
        ))
    }

    @Sendable func resource(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        guard let id = context.parameters.get("resource"), let entry = try await library.entry(id, scope: LibraryScope(visitor)) else {
            throw HTTPError(.notFound, message: "No such resource in this library.")
        }
        return try APIController.json(model(entry, tally: try await library.tally(id)))
    }

    @Sendable func recommendations(request: Request, context: BelongRequestContext) async throws -> Response {
        guard let id = context.parameters.get("school").flatMap(UUID.init(uuidString:)) else {
            _ = try context.requireVisitor(request)
            throw HTTPError(.notFound, message: "No such school.")
        }
        let visitor = try context.require(.viewSchoolAggregates(school: id), request)
        guard let school = try await organizations.find(id: id), school.kind == .school else { throw HTTPError(.notFound, message: "No such school.") }
        let scope = LibraryScope(visitor)
        let shown = try await recommendations.recommend(for: school, scope: scope)
        let words = kit.t(context)
        let tallies = try await library.tallies(shown.recommendations.map { $0.resource.id })
        var entries: [String: LibraryEntry] = [:]
        for item in shown.recommendations { entries[item.resource.id] = try await library.entry(item.resource.id, scope: scope) }
        return try APIController.json(API.Recommendations(schoolId: id, hadFigures: shown.hadFigures, recommendations: shown.recommendations.map { item in
            API.Recommendation(
                resource: model(entries[item.resource.id] ?? LibraryEntry(resource: item.resource, district: nil), tally: tallies[item.resource.id] ?? .none),
                because: item.because.map { weakness in
                    let figure = weakness.standing.favourable
                    return .init(measure: weakness.standing.measure, audience: weakness.standing.audience.rawValue, favourable: figure.value ?? 0,
                                 lower: figure.interval?.lower, upper: figure.interval?.upper, n: weakness.standing.respondents, strongest: weakness.strongest?.measure,
                                 strongestFavourable: weakness.strongest?.favourable.value, districtFavourable: weakness.belowDistrict?.value,
                                 text: LibraryText.reason(weakness, words))
                },
                strategyReasons: shown.assessment.map { assessment in
                    item.strategies.map { weakness in
                        .init(strategy: weakness.strategy, percent: weakness.percent, points: weakness.score.points, rated: weakness.score.rated,
                              lowest: weakness.lowest, assessmentId: assessment.id, assessmentTitle: assessment.title,
                              text: LibraryText.reason(weakness, assessment: assessment.title, words))
                    }
                } ?? []
            )
        }))
    }
}
