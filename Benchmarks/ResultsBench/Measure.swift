import ArgumentParser
import BelongCore
import BelongServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// Times the results engine on a generated database: loading each wave, the full district summary
/// (every item at every school and for every attribute value, through the privacy filter), its
/// memory, and the school and district pages served in process. Prints one JSON object.
struct Measure: AsyncParsableCommand {
    @Option(help: "SQLite file made by `generate`.") var database: String
    @Option(help: "Repetitions of each timing (the median is reported).") var repetitions: Int = 7
    @Option(help: "Write the largest wave's figures here, to compare with DuckDB's.") var figures: String?
    @Flag(help: "Also time the results pages in process.") var pages = false

    static func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    func run() async throws {
        var logger = Logger(label: "measure")
        logger.logLevel = .error
        let db = try await Database.open(.sqliteFile(path: database), logger: logger)
        let store = ResultsStore(database: db)
        let instruments = InstrumentStore(database: db, builtIn: try BuiltInInstruments.load())
        let waves = try await SurveyStore(database: db).list().sorted { $0.opensAt < $1.opensAt }
        let levels = try await store.schoolLevels()
        var report: [String: Any] = [:]

        // Loading: the largest wave, as the engine does at start-up (read + pack), then summary and plan.
        let largest = waves.last!
        let instrument = try await instruments.find(id: largest.instrumentId, version: largest.instrumentVersion)!
        let layout = ResultsLayout(instrument: instrument, wave: largest)
        var answers = WaveAnswers(layout: layout)
        let loadMS = try await Self.milliseconds { answers = try await store.load(largest, layout: layout) }
        report["responses"] = answers.count
        report["items"] = layout.items.count
        report["loadMilliseconds"] = loadMS
        report["bytesPerResponse"] = answers.bytesPerResponse

        // The full summary: one pass over the packed answers, then every school, attribute value and the district.
        let schools = Set(answers.cells.map(\.school))
        let attributes = Dictionary(grouping: answers.cells.flatMap { $0.attributes.map { ($0.key, $0.value) } }, by: \.0).mapValues { Set($0.map(\.1)) }
        var passTimes: [Double] = [], fullTimes: [Double] = []
        var results: WaveResults?
        for _ in 0..<self.repetitions {
            passTimes.append(await Self.milliseconds { blackHole(answers.summarizeCells()) })
            fullTimes.append(await Self.milliseconds {
                let computed = WaveResults(answers: answers, levels: levels, minimumN: largest.minimumGroupSize)
                var keys: [GroupKey] = [.all] + schools.map { GroupKey.school($0, level: levels[$0] ?? .combined) }
                for (attribute, values) in attributes { keys += values.map { GroupKey.all.attribute(attribute, $0) } }
                for key in keys { blackHole(computed.figures(key)) }
                results = computed
            })
        }
        report["passMilliseconds"] = Self.median(passTimes)
        var parallelTimes: [Double] = [], planTimes: [Double] = []
        for _ in 0..<self.repetitions {
            var sums: Sums?
            parallelTimes.append(await Self.milliseconds { sums = answers.cellSums(parts: ProcessInfo.processInfo.activeProcessorCount) })
            let respondents = (0..<sums!.rows).map { sums!.summary($0).respondents }
            planTimes.append(await Self.milliseconds {
                blackHole(SuppressionPlan(cells: answers.cells, respondents: respondents, levels: levels, minimumN: largest.minimumGroupSize))
            })
        }
        report["passParallelMilliseconds"] = Self.median(parallelTimes)
        report["planMilliseconds"] = Self.median(planTimes)
        report["fullSummaryMilliseconds"] = Self.median(fullTimes)
        report["cells"] = answers.cells.count
        if let plan = results?.filter.plan {
            // What the privacy filter keeps: groups, and each figure in each group, shown or withheld and why.
            let reasons = plan.groups.map(plan.reason)
            report["groups"] = plan.groups.count
            report["groupsWithheldSmall"] = reasons.filter { $0 == .fewerThanMinimum }.count
            report["groupsWithheldProtecting"] = reasons.filter { $0 == .protectsSmallerGroup }.count
            let figureCount = layout.items.count + layout.scales.count + 1
            let figureReasons = plan.groups.flatMap { key in (0..<figureCount).map { plan.reason(key, figure: $0) } }
            report["figureCells"] = figureReasons.count
            report["figureCellsWithheldSmall"] = figureReasons.filter { $0 == .fewerThanMinimum }.count
            report["figureCellsWithheldProtecting"] = figureReasons.filter { $0 == .protectsSmallerGroup }.count
        }

        if let figures, let results {
            // Raw (unsuppressed) sums for the comparison with DuckDB: respondents and item counts by school and by sex.
            var out: [String: Any] = [:]
            let schoolOrder = try await OrganizationStore(database: db).all().filter { $0.kind == .school }.sorted { Int($0.sourcedId!.dropFirst())! < Int($1.sourcedId!.dropFirst())! }
            out["schools"] = schoolOrder.map { school -> [String: Any] in
                let summary = results.summary(.school(school.id, level: levels[school.id] ?? .combined))
                return ["n": summary?.respondents ?? 0, "counts": summary?.itemCounts ?? [], "index": summary?.connectednessIndex.count ?? 0]
            }
            out["sex"] = ["F", "M", "X"].map { value -> [String: Any] in
                let summary = results.summary(GroupKey.all.attribute("sex", value))
                return ["n": summary?.respondents ?? 0, "counts": summary?.itemCounts ?? []]
            }
            try JSONSerialization.data(withJSONObject: out).write(to: URL(fileURLWithPath: figures))
        }

        if pages {
            var configuration = BelongConfiguration()
            configuration.port = 0
            configuration.passwordHashCost = 4
            configuration.autoMigrate = false
            let app = try await buildApplication(configuration: configuration, database: db, logger: logger)
            let school = schools.sorted { $0.uuidString < $1.uuidString }.first!
            let repetitions = self.repetitions
            let largestId = largest.id.uuidString.lowercased()
            let pageTimes = try await app.test(.router) { client -> (Double, Double) in
                let cookie = try await Self.signIn(client)
                func time(_ path: String) async throws -> Double {
                    var times: [Double] = []
                    for _ in 0..<max(repetitions * 3, 20) {
                        times.append(try await Self.milliseconds {
                            let response = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                            precondition(response.status == .ok, "\(path): \(response.status)")
                        })
                    }
                    return Self.median(times)
                }
                // The first request of each loads the waves; the median is the steady state.
                return (try await time("/results/\(largestId)/schools/\(school.uuidString.lowercased())"), try await time("/results/\(largestId)"))
            }
            report["schoolPageMilliseconds"] = pageTimes.0
            report["districtPageMilliseconds"] = pageTimes.1
        }
        try await db.close()
        let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    static func signIn(_ client: any TestClientProtocol) async throws -> String {
        let form = try await client.execute(uri: "/signin", method: .get)
        let html = String(buffer: form.body)
        let token = html.range(of: #"name="_csrf" value="[^"]+""#, options: .regularExpression).map { String(html[$0].dropFirst(20).dropLast()) } ?? ""
        let body = "email=\(Generate.adminEmail.replacingOccurrences(of: "@", with: "%40"))&password=\(Generate.adminPassword.replacingOccurrences(of: " ", with: "+"))&_csrf=\(token)"
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let first = form.headers[.setCookie]?.split(separator: ";").first { headers[.cookie] = String(first) }
        let response = try await client.execute(uri: "/signin", method: .post, headers: headers, body: ByteBuffer(string: body))
        guard let cookie = response.headers[.setCookie]?.split(separator: ";").first else {
            throw ValidationError("sign-in failed: \(response.status) \(String(buffer: response.body).prefix(300))")
        }
        return String(cookie)
    }
}

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
