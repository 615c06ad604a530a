import BelongCore
import Foundation
import Hummingbird

/// District administrators' library: their own resources (added, edited, translated, retired, with a file) and the
/// built-in ones they hide. Every change is audited.
struct LibraryAdminController {
    let kit: PageKit
    let library: LibraryStore
    let audit: AuditStore

    private func district(_ request: Request, _ context: BelongRequestContext) throws -> (Visitor, UUID) {
        let (visitor, district) = try context.requireDistrict(Permission.manageLibrary, request)
        if case .apiToken = visitor.credential { throw HTTPError(.forbidden) }
        return (visitor, district)
    }

    @Sendable func manage(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, district) = try district(request, context)
        let t = kit.t(context)
        let (listed, hidden) = try await library.districtView(district)
        let own = listed.sorted { Resource.alphabetical($0.resource, $1.resource, in: t.language) }
        let builtIn = library.builtIn.resources.sorted { Resource.alphabetical($0, $1, in: t.language) }
        let parameters = request.uri.queryParameters
        var notice: String?
        if let done = parameters.get("done"), let id = parameters.get("resource"),
           let title = (own.first { $0.resource.id == id }?.resource ?? library.builtIn[id])?.title(in: t.language) {
            notice = ["saved": "library.manage.saved", "retired": "library.manage.retiredNotice", "restored": "library.manage.restoredNotice",
                      "hidden": "library.manage.hiddenNotice", "shown": "library.manage.shownNotice"][done].map { t($0, ["title": title]) }
        }
        let model = LibraryAdminViewModel(
            chrome: kit.chrome(request, context, titleKey: "library.manage.title"),
            own: own.map { .init(id: $0.resource.id, title: $0.resource.title(in: t.language), kind: LibraryText.kind($0.resource.kind, t), inactive: $0.retired) },
            builtIn: builtIn.map { .init(id: $0.id, title: $0.title(in: t.language), kind: LibraryText.kind($0.kind, t), inactive: hidden.contains($0.id)) },
            notice: notice
        )
        return HTMLPage(html: LibraryAdminView.render(model))
    }

    @Sendable func newForm(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        _ = try district(request, context)
        return form(request, context, draft: ResourceDraft(), problems: nil, id: nil, currentFile: nil, status: .ok)
    }

    @Sendable func editForm(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, district) = try district(request, context)
        let entry = try await own(context, district)
        let file = try await library.fileInfo(of: entry.resource.id)
        return form(request, context, draft: ResourceDraft(entry.resource), problems: nil, id: entry.resource.id, currentFile: file?.name, status: .ok)
    }

    private func own(_ context: BelongRequestContext, _ district: UUID) async throws -> LibraryEntry {
        guard let id = context.parameters.get("resource"),
              let entry = try await library.entry(id, scope: LibraryScope(districts: [district]), includingRetired: true), entry.district == district
        else { throw PageError(.notFound, "library.api.unknown") }
        return entry
    }

    private func form(_ request: Request, _ context: BelongRequestContext, draft: ResourceDraft, problems: ResourceDraft.Problems?, id: String?,
                      currentFile: String?, status: HTTPResponse.Status) -> HTMLPage {
        let model = ResourceFormViewModel(
            chrome: kit.chrome(request, context, titleKey: id == nil ? "library.form.newTitle" : "library.form.editTitle", titleArguments: ["title": draft.titleEn]),
            draft: draft, problems: problems, action: id.map { SiteURL.editLibraryResource($0).path } ?? SiteURL.newLibraryResource.path,
            currentFile: currentFile, isNew: id == nil
        )
        return HTMLPage(html: ResourceFormView.render(model), status: status)
    }

    @Sendable func create(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        return try await save(request, context, visitor: visitor, district: district, existing: nil)
    }

    @Sendable func update(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        return try await save(request, context, visitor: visitor, district: district, existing: try await own(context, district))
    }

    private func save(_ request: Request, _ context: BelongRequestContext, visitor: Visitor, district: UUID, existing: LibraryEntry?) async throws -> Response {
        let t = kit.t(context)
        let upload: MultipartUpload
        do {
            upload = try await MultipartUpload.read(request, limit: LibraryFile.maxBytes + 256 * 1024)
        } catch is MultipartUpload.Failure {
            throw PageError(.badRequest, "library.form.error.form")
        }
        let draft = ResourceDraft(fields: upload.fields, values: upload.values)
        let id = existing?.resource.id ?? ResourceDraft.newId(title: draft.titleEn)
        let currentFile = existing == nil ? nil : try await library.fileInfo(of: id)?.name
        var file: LibraryFile?
        var problems: [(String, String)] = []
        if let part = upload.files.first(where: { $0.field == "file" && !$0.data.isEmpty }) {
            if part.data.count > LibraryFile.maxBytes {
                throw PageError(.contentTooLarge, "error.upload.tooLarge", ["megabytes": String(LibraryFile.maxBytes / 1_048_576)])
            }
            if let type = LibraryFile.mediaType(of: part.data) {
                file = LibraryFile(name: String(part.fileName.prefix(120)), mediaType: type, bytes: part.data)
            } else {
                problems.append(("file", t("library.form.error.file")))
            }
        }
        let resource: Resource
        switch draft.resource(id: id, t) {
        case .success(let made) where problems.isEmpty: resource = made
        case .success: return try form(request, context, draft: draft, problems: .init(list: problems), id: existing?.resource.id, currentFile: currentFile,
                                       status: .unprocessableContent).response(from: request, context: context)
        case .failure(let found):
            return try form(request, context, draft: draft, problems: .init(list: found.list + problems), id: existing?.resource.id, currentFile: currentFile,
                            status: .unprocessableContent).response(from: request, context: context)
        }
        do {
            try await library.save(resource, district: district, file: file, removeFile: upload.fields["remove_file"] == "yes")
        } catch LibraryStore.SaveError.invalid(let list) {
            return try form(request, context, draft: draft, problems: .init(list: list.map { ("title_en", $0) }), id: existing?.resource.id,
                            currentFile: currentFile, status: .unprocessableContent).response(from: request, context: context)
        }
        try await audit.record(existing == nil ? .resourceAdded : .resourceChanged, by: context.actor(visitor), about: .resource(id), in: district,
                               detail: resource.title(in: .english))
        return Response(status: .seeOther, headers: [.location: SiteURL.manageLibrary.path + "?done=saved&resource=\(id)"])
    }

    @Sendable func retire(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        var request = request
        let fields = try await request.form(context: context)
        guard let wanted = fields["retired"], ["yes", "no"].contains(wanted) else { throw PageError(.badRequest, "library.form.error.form") }
        let entry = try await own(context, district)
        let retire = wanted == "yes"
        if entry.retired != retire {
            try await library.setRetired(entry.resource.id, retire, district: district)
            try await audit.record(retire ? .resourceRetired : .resourceChanged, by: context.actor(visitor), about: .resource(entry.resource.id), in: district,
                                   detail: retire ? nil : "brought back")
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.manageLibrary.path + "?done=\(retire ? "retired" : "restored")&resource=\(entry.resource.id)"])
    }

    @Sendable func hide(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        var request = request
        let fields = try await request.form(context: context)
        guard let wanted = fields["hidden"], ["yes", "no"].contains(wanted) else { throw PageError(.badRequest, "library.form.error.form") }
        guard let id = context.parameters.get("resource"), library.builtIn[id] != nil else { throw PageError(.notFound, "library.api.unknown") }
        let hide = wanted == "yes"
        let hidden = try await library.districtView(district).hidden.contains(id)
        if hidden != hide {
            try await library.setHidden(id, hide, district: district)
            try await audit.record(hide ? .resourceHidden : .resourceShown, by: context.actor(visitor), about: .resource(id), in: district)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.manageLibrary.path + "?done=\(hide ? "hidden" : "shown")&resource=\(id)"])
    }
}
