import BelongCore
import Foundation
import Hummingbird

/// A district's own questionnaires, uploaded in the format of the built-in ones. Uploading an id
/// that exists adds its next version: a version a wave used never changes.
struct InstrumentsController {
    let kit: PageKit
    let instruments: InstrumentStore
    let audit: AuditStore
    static let maxBytes = 512 * 1024


    private func district(_ request: Request, _ context: BelongRequestContext) throws -> (Visitor, UUID) {
        try context.requireDistrict(Permission.manageInstruments, request)
    }

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, district) = try district(request, context)
        let notice = request.uri.queryParameters.get("added").map { kit.t(context)("instruments.added", ["reference": $0]) }
        return try await page(request, context, district: district, notice: notice, problems: [], status: .ok)
    }

    private func page(_ request: Request, _ context: BelongRequestContext, district: UUID, notice: String?, problems: [String],
                      status: HTTPResponse.Status) async throws -> HTMLPage {
        let t = kit.t(context)
        let all = try await instruments.available(districts: [district])
        let rows = all.map { instrument in
            InstrumentsViewModel.Row(
                title: instrument.title(in: t.language), reference: instrument.reference, audience: t("instrument.audience.\(instrument.audience.rawValue)"),
                items: instrument.items.count, builtIn: instruments.isBuiltIn(instrument.id), source: instrument.source,
                url: SiteURL.instrumentFile(id: instrument.id, version: instrument.version).path
            )
        }
        let model = InstrumentsViewModel(chrome: kit.chrome(request, context, titleKey: "instruments.title"), rows: rows, notice: notice, problems: problems)
        return HTMLPage(html: InstrumentsView.render(model), status: status)
    }

    @Sendable func upload(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        if case .apiToken = visitor.credential { throw HTTPError(.forbidden) }
        let t = kit.t(context)
        let form: MultipartUpload
        do {
            form = try await MultipartUpload.read(request, limit: Self.maxBytes)
        } catch is MultipartUpload.Failure {
            return try await page(request, context, district: district, notice: nil, problems: [t("instruments.error.form")], status: .badRequest)
                .response(from: request, context: context)
        }
        guard let data = form.files.first(where: { !$0.data.isEmpty })?.data else {
            return try await page(request, context, district: district, notice: nil, problems: [t("instruments.error.noFile")], status: .badRequest)
                .response(from: request, context: context)
        }
        let added: Instrument
        do {
            added = try await instruments.add(try InstrumentValidator.load(json: data), districtId: district, by: visitor.account.id)
        } catch let error as InstrumentError {
            let problems: [String] = if case .invalid(let list) = error { list } else { [error.description] }
            return try await page(request, context, district: district, notice: nil, problems: problems, status: .unprocessableContent)
                .response(from: request, context: context)
        } catch let error as InstrumentStore.AddError {
            let problems: [String] = if case .invalid(let list) = error { list } else { [t("instruments.error.builtIn")] }
            return try await page(request, context, district: district, notice: nil, problems: problems, status: .unprocessableContent)
                .response(from: request, context: context)
        }
        let actor = context.actor(visitor)
        try await audit.record(.instrumentAdded, by: actor, about: .instrument(reference: added.reference), in: district,
                                 detail: added.title(in: .english))
        return Response(status: .seeOther, headers: [.location: SiteURL.instruments.path + "?added=\(added.reference)"])
    }

    /// An instrument as a file: to read, or to start a new one from.
    @Sendable func file(request: Request, context: BelongRequestContext) async throws -> Response {
        let (_, district) = try district(request, context)
        guard let id = context.parameters.get("instrument"), let version = context.parameters.get("version").flatMap(Int.init),
              try await instruments.available(districts: [district]).contains(where: { $0.id == id }),
              let instrument = try await instruments.find(id: id, version: version) else { throw HTTPError(.notFound) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Download.json(try encoder.encode(instrument), named: "\(instrument.id)-v\(instrument.version).json", sensitive: false)
    }
}
