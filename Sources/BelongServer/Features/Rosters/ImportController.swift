import BelongCore
import Foundation
import Hummingbird

/// Roster import for district administrators: upload → preview (a dry run) → confirm or cancel.
/// The API offers the same in one request for integrations.
struct ImportController {
    let kit: PageKit
    let importer: RosterImporter
    let runs: ImportRunStore
    let maxUploadBytes: Int
    /// How long a request waits for its import before showing the progress page instead: a small
    /// roster's preview opens straight away, a district's shows its rows and files as they are read.
    let waitBeforeProgress: Duration
    /// Imports checking or writing in the background, with how far each has got.
    let board = ImportBoard()
    /// The clock, injected so tests can fix the time.
    var clock: @Sendable () -> Date = Date.init


    /// The district the visitor imports into; import is a district administrator's task.
    private func district(_ request: Request, _ context: BelongRequestContext) throws -> (Visitor, UUID) {
        let visitor = try context.requireVisitor(request)
        guard let district = visitor.policy.districts.sorted(by: { $0.uuidString < $1.uuidString })
            .first(where: { visitor.may(.importRoster(district: $0)) }) else { throw HTTPError(.forbidden) }
        return (visitor, district)
    }

    private func actor(_ context: BelongRequestContext, _ visitor: Visitor) -> UserAdministration.Actor {
        let actor = context.actor(visitor)
        return .init(id: actor.id, label: actor.label, ip: actor.ip)
    }

    @Sendable func page(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        _ = try district(request, context)
        return try await importPage(request, context, problem: nil, status: .ok)
    }

    private func importPage(_ request: Request, _ context: BelongRequestContext, problem: String?, status: HTTPResponse.Status) async throws -> HTMLPage {
        let model = ImportViewModel(
            chrome: kit.chrome(request, context, titleKey: "import.title"), maxUploadMB: maxUploadBytes / 1_048_576,
            recent: try await runs.recent(), problem: problem
        )
        return HTMLPage(html: ImportView.render(model), status: status)
    }

    @Sendable func upload(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        let t = kit.t(context)
        let form: MultipartUpload
        do {
            form = try await MultipartUpload.read(request, limit: maxUploadBytes)
        } catch is MultipartUpload.Failure {
            return try await importPage(request, context, problem: t("import.error.form"), status: .badRequest).response(from: request, context: context)
        }
        let format = form.fields["format"].flatMap(RosterImporter.Format.init(rawValue:)) ?? .oneRoster
        let files = form.files.filter { !$0.data.isEmpty }
        guard !files.isEmpty else {
            return try await importPage(request, context, problem: t("import.error.noFile"), status: .badRequest).response(from: request, context: context)
        }
        let upload: Data
        let label: String
        if files.count == 1, files[0].fileName.lowercased().hasSuffix(".zip") {
            upload = files[0].data
            label = files[0].fileName
        } else if files.allSatisfy({ $0.fileName.lowercased().hasSuffix(".csv") }) {
            upload = try BundleSource.zip(Dictionary(files.map { ($0.fileName, $0.data) }, uniquingKeysWith: { first, _ in first }))
            label = files.map(\.fileName).sorted().joined(separator: ", ")
        } else {
            return try await importPage(request, context, problem: t("import.error.kind"), status: .badRequest).response(from: request, context: context)
        }
        let id = UUID()
        try await runs.abandon(olderThan: clock().addingTimeInterval(-86_400))
        try await runs.create(id: id, districtId: district, userId: visitor.account.id, actorLabel: visitor.account.email, fileName: label,
                              format: format, report: nil, upload: upload)
        let (importer, runs, actor) = (importer, runs, actor(context, visitor))
        await board.start(id, wait: waitBeforeProgress) { meter in
            do {
                let report = try await importer.run(.zip(upload), format: format, options: .init(dryRun: true), homeDistrict: district,
                                                    actor: actor, label: label, meter: meter)
                try await runs.previewed(id: id, report: report)
            } catch {
                try? await runs.finish(id: id, status: .refused, report: Self.stopped(error, format: format))
            }
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.importRun(id).path])
    }

    /// The record of an import a failing dependency stopped: nothing was changed (the write is one transaction).
    static func stopped(_ error: any Error, format: RosterImporter.Format) -> ImportReport {
        ImportReport(format: format == .oneRoster ? "OneRoster" : "Belong CSV", applied: false, dryRun: false, validRowsOnly: false, counts: [:],
                     errors: [.error("", "the import stopped before it finished, and nothing was changed: \(error is TimeoutError ? "the database did not answer in time" : "\(error)")")],
                     warnings: [], skippedRows: 0, coveredSchools: [])
    }

    private func run(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, UUID, ImportRunStore.Run) {
        let (visitor, district) = try district(request, context)
        guard let id = context.parameters.get("import").flatMap(UUID.init(uuidString:)), let run = try await runs.find(id: id),
              run.districtId == nil || run.districtId == district else { throw HTTPError(.notFound) }
        return (visitor, district, run)
    }

    @Sendable func show(request: Request, context: BelongRequestContext) async throws -> Response {
        let (_, _, run) = try await run(request, context)
        let working = run.status == .checking || run.status == .applying
        let progress = await board.progress(run.id)
        if request.headers[.accept]?.contains("application/json") == true {
            let t = kit.t(context)
            let state = ImportProgressState(progress: progress, working: working, t: t)
            return try APIController.json(state)
        }
        // Ended here but still recorded as working: its outcome could not be written (the database went away).
        let live = progress?.stage == .finished ? nil : progress
        var chrome = kit.chrome(request, context, titleKey: "import.runTitle")
        if working, live != nil { chrome.scripts = ["/js/import-progress.js"] }
        if working {
            let model = ImportProgressViewModel(chrome: chrome, run: run, progress: live)
            return try HTMLPage(html: ImportRunView.progress(model)).response(from: request, context: context)
        }
        guard let report = run.report else { throw HTTPError(.notFound) }
        let model = ImportRunViewModel(chrome: chrome, run: run, report: report)
        return try HTMLPage(html: ImportRunView.render(model)).response(from: request, context: context)
    }

    @Sendable func confirm(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district, run) = try await run(request, context)
        var request = request
        let fields = try await request.form(context: context)
        // A second click, or a reload of the confirmation, finds the import done and changes nothing.
        guard run.status == .previewed, let upload = try await runs.upload(id: run.id), try await runs.beginApplying(id: run.id) else {
            return Response(status: .seeOther, headers: [.location: SiteURL.importRun(run.id).path])
        }
        let validRowsOnly = fields["mode"] == "valid"
        let (importer, runs, actor, format, label, id) = (importer, runs, actor(context, visitor), run.format, run.fileName, run.id)
        await board.start(id, wait: waitBeforeProgress) { meter in
            do {
                let report = try await importer.run(.zip(upload), format: format, options: .init(validRowsOnly: validRowsOnly), homeDistrict: district,
                                                    actor: actor, label: label, meter: meter)
                try await runs.finish(id: id, status: report.applied ? .applied : .refused, report: report)
            } catch {
                try? await runs.finish(id: id, status: .refused, report: Self.stopped(error, format: format))
            }
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.importRun(run.id).path])
    }

    @Sendable func cancel(request: Request, context: BelongRequestContext) async throws -> Response {
        let (_, _, run) = try await run(request, context)
        let stale = run.status == .checking ? [nil, .finished].contains((await board.progress(run.id))?.stage) : false
        if run.status == .previewed || stale {
            try await runs.finish(id: run.id, status: .cancelled, report: nil)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.imports.path])
    }

    @Sendable func template(request: Request, context: BelongRequestContext) async throws -> Response {
        _ = try district(request, context)
        guard let name = context.parameters.get("name"), let template = PlainCSVReader.templates.first(where: { $0.fileName == name }) else {
            throw HTTPError(.notFound)
        }
        return Download.csv(PlainCSVReader.exampleFile(template), named: template.fileName, sensitive: false)
    }

    /// POST a zip; 200 with the report when applied (or previewed), 422 when refused.
    @Sendable func apiImport(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        try context.requireWritable(visitor)
        let parameters = request.uri.queryParameters
        let options = RosterImporter.Options(dryRun: parameters.get("dryRun") == "true", validRowsOnly: parameters.get("validRowsOnly") == "true")
        var data = Data()
        for try await chunk in request.body {
            data.append(contentsOf: chunk.readableBytesView)
            guard data.count <= maxUploadBytes else {
                throw HTTPError(.contentTooLarge, message: "The upload is larger than \(maxUploadBytes / 1_048_576) MB, the most this server accepts.")
            }
        }
        guard !data.isEmpty else { throw HTTPError(.badRequest, message: "Send the OneRoster bundle as a zip in the request body.") }
        let report = try await importer.run(.zip(data), format: .oneRoster, options: options, homeDistrict: district,
                                            actor: actor(context, visitor), label: "api upload (\(data.count) bytes)")
        return try APIController.json(report, status: report.errors.isEmpty || report.applied ? .ok : .unprocessableContent)
    }
}

/// What the progress page polls.
struct ImportProgressState: Encodable {
    let done: Bool
    let text: String
    let filesDone: Int
    let filesTotal: Int

    init(progress: ImportProgress?, working: Bool, t: Localizer) {
        done = !working || progress == nil || progress?.stage == .finished
        text = progress.map { ImportRunView.progressText($0, t) } ?? ""
        filesDone = progress?.filesDone ?? 0
        filesTotal = progress?.filesTotal ?? 0
    }
}
