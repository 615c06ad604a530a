import BelongCore
import Foundation

/// The in-memory results engine (ENGINEERING.md, "Hot paths"): per wave, the packed answers and
/// their cell summaries and suppression plan, loaded once. Before answering, it checks the wave's
/// response count (or, for a wave released in steps, its latest release) in the database — what
/// another server took or released counts too — and reloads the wave when it changed. A closed wave is
/// checked once a minute.
///
/// An open wave's figures are released in steps (DOMAIN.md §4, time): when someone asks, at most every
/// `releaseEvery`, the engine works out the next release (ReleaseStep) from the responses waiting, stores
/// it, and shows only released responses. A wave first asked for once closed is released whole; one
/// released while open gets a last release at the close, and what that cannot add stays out.
public actor ResultsEngine {
    public struct Loaded: Sendable {
        public let answers: WaveAnswers
        public var results: WaveResults
        /// The latest release of a wave released in steps; nil when its figures count every response.
        public var release: WaveRelease?
        /// Responses no release has let out yet.
        public var waiting = 0
    }

    struct Entry {
        let loaded: Loaded
        /// The response count, or the release number, the entry was loaded at.
        let version: Int
        var checkedAt: Date
    }

    let store: ResultsStore
    let instruments: InstrumentStore
    let now: @Sendable () -> Date
    /// The district's configured minimum: no wave's figures are released for fewer, whatever the wave says.
    public nonisolated let minimumGroupSize: Int
    private var entries: [UUID: Entry] = [:]
    private var levels: (value: [UUID: SchoolLevel], at: Date)?
    private var attempted: [UUID: Date] = [:]

    static let closedRecheck: TimeInterval = 60
    /// How often an open wave's next release is tried (30 s; tests try at every look). A try that finds too
    /// few new responses changes nothing.
    let releaseEvery: TimeInterval

    public init(store: ResultsStore, instruments: InstrumentStore, minimumGroupSize: Int = 5, releaseEvery: TimeInterval = 30,
                now: @escaping @Sendable () -> Date = Date.init) {
        self.minimumGroupSize = minimumGroupSize
        self.releaseEvery = releaseEvery
        self.store = store
        self.instruments = instruments
        self.now = now
    }

    /// A wave's results as a reader may see them now.
    public func results(for wave: SurveyWave) async throws -> Loaded {
        let time = now()
        if wave.state == .closed, let entry = entries[wave.id], time.timeIntervalSince(entry.checkedAt) < Self.closedRecheck { return entry.loaded }
        let releases = try await store.releases(wave: wave.id)
        if releases.isEmpty, wave.state == .closed { return try await loadAll(wave) }
        var latest = releases.last
        let closing = wave.state == .closed
        if latest?.closing != true, closing || attempted[wave.id].map({ time.timeIntervalSince($0) >= releaseEvery }) ?? true {
            attempted[wave.id] = time
            if try await releaseNext(wave, after: latest, closing: closing) { latest = try await store.releases(wave: wave.id).last }
        }
        return try await loadReleased(wave, latest)
    }

    private func layout(_ wave: SurveyWave) async throws -> ResultsLayout {
        guard let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion) else {
            throw InstrumentError.notFound("\(wave.instrumentId)@\(wave.instrumentVersion)")
        }
        return ResultsLayout(instrument: instrument, wave: wave)
    }

    /// Every response: a closed wave nobody looked at while it was open.
    private func loadAll(_ wave: SurveyWave) async throws -> Loaded {
        let time = now()
        let count = try await store.responseCount(wave: wave.id)
        if var entry = entries[wave.id], entry.loaded.release == nil, entry.version == count {
            entry.checkedAt = time
            entries[wave.id] = entry
            return entry.loaded
        }
        let answers = try await store.load(wave, layout: try await layout(wave))
        let loaded = Loaded(answers: answers, results: WaveResults(answers: answers, levels: try await schoolLevels(), minimumN: minimumN(for: wave)))
        entries[wave.id] = Entry(loaded: loaded, version: answers.count, checkedAt: time)
        return loaded
    }

    /// The responses released so far, with the latest release's holds; nothing before the first release.
    private func loadReleased(_ wave: SurveyWave, _ latest: WaveRelease?) async throws -> Loaded {
        let time = now()
        let version = -(latest?.number ?? 0) - 1
        var loaded: Loaded
        let count = try await store.responseCount(wave: wave.id)
        if let entry = entries[wave.id], entry.version == version, entry.loaded.answers.count + entry.loaded.waiting == count {
            loaded = entry.loaded
        } else {
            let layout = try await layout(wave)
            let answers: WaveAnswers
            if let entry = entries[wave.id], entry.version == version { answers = entry.loaded.answers } else {
                answers = latest == nil ? WaveAnswers(layout: layout) : try await store.load(wave, layout: layout, part: .released)
            }
            var results = WaveResults(answers: answers, levels: try await schoolLevels(), minimumN: minimumN(for: wave), holds: latest?.holds ?? ReleaseHolds())
            results.released = latest != nil
            if count > answers.count { results.noteWaiting(try await store.waiting(wave, layout: layout).answers) }
            loaded = Loaded(answers: answers, results: results, release: latest)
            loaded.waiting = count - answers.count
        }
        entries[wave.id] = Entry(loaded: loaded, version: version, checkedAt: time)
        return loaded
    }

    /// Works out and stores the next release; false when nothing can go out yet (or another server released first).
    private func releaseNext(_ wave: SurveyWave, after latest: WaveRelease?, closing: Bool) async throws -> Bool {
        let previous = try await loadReleased(wave, latest)
        let (waiting, ids) = try await store.waiting(wave, layout: previous.answers.layout)
        let number = (latest?.number ?? 0) + 1
        guard waiting.count > 0 else {
            if closing, let latest { return try await store.release(wave: wave.id, number: number, at: now(), ids: [], closing: true, holds: latest.holds) }
            return false
        }
        var cells = previous.answers.cells
        var index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        for cell in waiting.cells where index[cell] == nil {
            index[cell] = cells.count
            cells.append(cell)
        }
        let parts = ProcessInfo.processInfo.activeProcessorCount
        let released = CellCounts(previous.answers.cellSums(parts: parts), cells: previous.answers.cells, aligned: cells)
        let waitingCounts = CellCounts(waiting.cellSums(parts: parts), cells: waiting.cells, aligned: cells)
        let minimumN = minimumN(for: wave), levels = try await schoolLevels()
        let before = latest.map { ReleaseStep.Previous(plan: previous.results.filter.plan, holds: $0.holds) }
        let outcome = ReleaseStep.next(cells: cells, unit: Array(cells.indices), released: released, waiting: waitingCounts, previous: before,
                                       levels: levels, minimumN: minimumN, closing: closing)
        guard let outcome else {
            // At the close, what cannot go out stays out: the wave's figures are settled as they were last released.
            if closing, let latest { return try await store.release(wave: wave.id, number: number, at: now(), ids: [], closing: true, holds: latest.holds) }
            return false
        }
        let going = zip(ids, waiting.responseCells).filter { outcome.releases[index[waiting.cells[Int($0.1)]]!] }.map(\.0)
        return try await store.release(wave: wave.id, number: number, at: now(), ids: going, closing: closing, holds: outcome.holds)
    }

    /// The minimum n a wave's figures are filtered with: the wave's own, never below the district's.
    public nonisolated func minimumN(for wave: SurveyWave) -> Int { max(wave.minimumGroupSize, minimumGroupSize, 5) }

    public func schoolLevels() async throws -> [UUID: SchoolLevel] {
        if let levels, now().timeIntervalSince(levels.at) < 60 { return levels.value }
        let value = try await store.schoolLevels()
        levels = (value, now())
        return value
    }
}
