import BelongCore
import Foundation
import Hummingbird

/// The library's pages: search with filters, a resource with related ones and what schools say of it, its file,
/// and a school's shortlist and trials for its staff.
struct LibraryController {
    let kit: PageKit
    let library: LibraryStore
    let organizations: OrganizationStore
    let audit: AuditStore
    let minimumGroupSize: Int

    static let noteLength = 500

    // MARK: Search

    @Sendable func search(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let t = kit.t(context)
        let query = LibraryText.query(request.uri)
        let number = Page.number(from: request.uri.queryParameters.get("page"))
        let hits = try await library.search(query, scope: LibraryScope(context.visitor), language: t.language, page: number)
        let terms = query.terms
        let shownQuery = String(query.text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80))
        let filtered = query.strategy != nil || query.measure != nil || query.audience != nil || query.grade != nil || query.kind != nil
            || query.evidence != nil || query.language != nil || query.maximumMinutes != nil
        let summary: String
        if query.hasNoSearchableWords {
            summary = t("library.search.noWords", ["query": shownQuery])
        } else if hits.total == 0 {
            summary = terms.isEmpty ? t("library.search.noneFiltered") : t("library.search.none", ["query": shownQuery])
        } else if terms.isEmpty {
            summary = hits.total == 1 ? t("library.search.countOne") : t("library.search.count", ["total": t.number(hits.total)])
        } else {
            summary = t(hits.total == 1 ? "library.search.countForOne" : "library.search.countFor", ["total": t.number(hits.total), "query": shownQuery])
        }
        let model = LibraryViewModel(
            chrome: kit.chrome(request, context, titleKey: "library.title"), query: query, filtered: filtered,
            cards: hits.entries.map { ResourceCard($0, terms: terms, t) }, summary: summary, empty: hits.total == 0,
            page: Page(number: number, size: LibraryStore.pageSize, total: hits.total),
            manageURL: context.visitor.map { LibraryRoutes.manage.access.allowsSomewhere($0.policy) } == true ? SiteURL.manageLibrary.path : nil,
            link: { SiteURL.library.path + LibraryText.parameters(query, page: $0) }
        )
        return HTMLPage(html: LibraryView.render(model))
    }

    // MARK: A resource

    @Sendable func resource(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let t = kit.t(context)
        let scope = LibraryScope(context.visitor)
        guard let id = context.parameters.get("resource"), let entry = try await library.entry(id, scope: scope) else {
            throw PageError(.notFound, "library.api.unknown")
        }
        let resource = entry.resource
        let all = try await library.all(scope: scope)
        let related = Self.related(to: resource, among: all.filter { $0.resource.id != resource.id }, language: t.language).prefix(4)
        let tally = try await library.tally(resource.id)
        var schools: [ResourceViewModel.SchoolActions] = []
        if let visitor = context.visitor, case .session = visitor.credential {
            for school in try await ownSchools(visitor) {
                let listed = try await library.shortlist(school: school.id).contains(resource.id)
                schools.append(.init(id: school.id, name: school.name, onShortlist: listed, trial: try await library.trial(resource.id, school: school.id)))
            }
        }
        let parameters = request.uri.queryParameters
        var notice: String?
        if let done = parameters.get("done"), let school = schools.first(where: { $0.id.pathSegment == parameters.get("school") }) {
            notice = ["shortlisted": "library.shortlist.added", "unshortlisted": "library.shortlist.removed", "tried": "library.tried.saved"][done]
                .map { t($0, ["school": school.name]) }
        }
        let model = ResourceViewModel(
            chrome: kit.chrome(request, context, titleKey: "library.resource.pageTitle", titleArguments: ["title": resource.title(in: t.language)]), entry: entry,
            file: entry.isBuiltIn ? nil : try await library.fileInfo(of: resource.id),
            related: related.map { ResourceCard($0, terms: [], t) }, tally: Self.tallyText(tally, minimum: minimumGroupSize, t),
            schools: schools, notice: notice, problem: nil, noteLength: Self.noteLength
        )
        return HTMLPage(html: ResourceView.render(model))
    }

    /// Resources that serve the most of the same strategies and measures, then the same kind, then by title.
    static func related(to resource: Resource, among others: [LibraryEntry], language: Language) -> [LibraryEntry] {
        func shared(_ other: Resource) -> Int {
            Set(other.strategies).intersection(resource.strategies).count + Set(other.measures).intersection(resource.measures).count
        }
        return others.filter { shared($0.resource) > 0 }.sorted { a, b in
            let (x, y) = (shared(a.resource), shared(b.resource))
            if x != y { return x > y }
            let (kx, ky) = (a.resource.kind == resource.kind, b.resource.kind == resource.kind)
            if kx != ky { return kx }
            return Resource.alphabetical(a.resource, b.resource, in: language)
        }
    }

    /// How many schools tried it, and their average only once at least the minimum have (DOMAIN.md §4).
    static func tallyText(_ tally: TrialTally, minimum: Int, _ t: Localizer) -> String {
        if tally.schools == 0 { return t("library.tried.none") }
        guard tally.schools >= minimum, let average = tally.average else { return t("library.tried.fewer", ["n": t.number(minimum)]) }
        return t("library.tried.shown", ["schools": t.number(tally.schools), "average": ResultsText.decimal(average, t)])
    }

    /// The schools where the visitor works and may keep the shortlist: their own schools, not every school of a district.
    private func ownSchools(_ visitor: Visitor) async throws -> [Organization] {
        let ids = Set(visitor.policy.grants.filter { !$0.role.isDistrictWide }.map(\.organizationId)).filter { visitor.may(.markResources(school: $0)) }
        guard !ids.isEmpty else { return [] }
        return try await organizations.all().filter { ids.contains($0.id) && $0.kind == .school }.sorted { $0.name < $1.name }
    }

    @Sendable func file(request: Request, context: BelongRequestContext) async throws -> Response {
        guard let id = context.parameters.get("resource"), let entry = try await library.entry(id, scope: LibraryScope(context.visitor)),
              !entry.isBuiltIn, let file = try await library.file(of: id) else { throw PageError(.notFound, "library.api.unknown") }
        var headers: HTTPFields = [.contentType: file.mediaType, .cacheControl: "private, no-store"]
        let safeName = String(file.name.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        headers[.contentDisposition] = "attachment; filename=\"\(safeName.isEmpty ? "resource" : safeName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: file.bytes)))
    }

    // MARK: A school's shortlist and trials

    private func school(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, Organization) {
        try await context.requireSchool(Permission.markResources, in: organizations, request)
    }

    @Sendable func shortlist(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school) = try await school(request, context)
        let t = kit.t(context)
        let scope = LibraryScope(visitor)
        var entries: [LibraryEntry] = []
        for id in try await library.shortlist(school: school.id) {
            if let entry = try await library.entry(id, scope: scope) { entries.append(entry) }
        }
        let model = ShortlistViewModel(
            chrome: kit.chrome(request, context, titleKey: "library.shortlist.title", titleArguments: ["school": school.name]),
            school: school, cards: entries.map { ResourceCard($0, terms: [], t) }
        )
        return HTMLPage(html: ShortlistView.render(model))
    }

    /// Adds to or takes off the shortlist; a second identical submit changes nothing and records nothing.
    @Sendable func changeShortlist(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await school(request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        guard let id = fields.text("resource"), try await library.entry(id, scope: LibraryScope(visitor)) != nil else {
            throw PageError(.badRequest, "library.shortlist.unknown")
        }
        let listed = fields["action"] != "remove"
        if try await library.setShortlisted(id, listed, school: school.id) {
            try await audit.record(listed ? .resourceShortlisted : .resourceUnshortlisted, by: context.actor(visitor), about: .resource(id), in: school.id)
        }
        let back = fields["from"] == "shortlist" ? SiteURL.shortlist(school: school.id).path
            : SiteURL.libraryResource(id).path + "?done=\(listed ? "shortlisted" : "unshortlisted")&school=\(school.id.pathSegment)#actions"
        return Response(status: .seeOther, headers: [.location: back])
    }

    @Sendable func tried(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await school(request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        guard let id = fields.text("resource"), try await library.entry(id, scope: LibraryScope(visitor)) != nil else {
            throw PageError(.badRequest, "library.shortlist.unknown")
        }
        guard let rating = fields["rating"].flatMap(Int.init), (1...5).contains(rating) else { throw PageError(.badRequest, "library.tried.badRating") }
        let note = fields.plain("note")
        guard note.count <= Self.noteLength else { throw PageError(.badRequest, "library.tried.tooLong", ["max": String(Self.noteLength)]) }
        try await library.recordTrial(id, school: school.id, rating: rating, note: note)
        try await audit.record(.resourceTried, by: context.actor(visitor), about: .resource(id), in: school.id, detail: "rating \(rating)")
        return Response(status: .seeOther, headers: [.location: SiteURL.libraryResource(id).path + "?done=tried&school=\(school.id.pathSegment)#actions"])
    }
}
