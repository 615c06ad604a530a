import BelongCore
import Foundation

/// The in-memory results engine (ENGINEERING.md, "Hot paths"): per wave, the packed answers and
/// their cell summaries and suppression plan, loaded once. Before answering, it checks the wave's
/// response count in the database — the responses another server took count too — and reloads
/// the wave when it changed. A closed wave is checked once a minute.
public actor ResultsEngine {
    public struct Loaded: Sendable {
        public let answers: WaveAnswers
        public var results: WaveResults
    }

    struct Entry {
        let loaded: Loaded
        var checkedAt: Date
    }

    let store: ResultsStore
    let instruments: InstrumentStore
    let now: @Sendable () -> Date
    /// The district's configured minimum: no wave's figures are released for fewer, whatever the wave says.
    public nonisolated let minimumGroupSize: Int
    private var entries: [UUID: Entry] = [:]
    private var levels: (value: [UUID: SchoolLevel], at: Date)?

    static let closedRecheck: TimeInterval = 60

    public init(store: ResultsStore, instruments: InstrumentStore, minimumGroupSize: Int = 5, now: @escaping @Sendable () -> Date = Date.init) {
        self.minimumGroupSize = minimumGroupSize
        self.store = store
        self.instruments = instruments
        self.now = now
    }

    /// A wave's results with every response stored so far; their figures are released only once the
    /// wave is closed (a closed wave stays closed, so no response can come after its figures are out).
    public func results(for wave: SurveyWave) async throws -> Loaded {
        var loaded = try await load(wave)
        loaded.results.released = wave.state == .closed
        return loaded
    }

    private func load(_ wave: SurveyWave) async throws -> Loaded {
        let time = now()
        if var entry = entries[wave.id] {
            if wave.state == .closed, time.timeIntervalSince(entry.checkedAt) < Self.closedRecheck { return entry.loaded }
            if try await store.responseCount(wave: wave.id) == entry.loaded.answers.count {
                entry.checkedAt = time
                entries[wave.id] = entry
                return entry.loaded
            }
        }
        guard let instrument = try await instruments.find(id: wave.instrumentId, version: wave.instrumentVersion) else {
            throw InstrumentError.notFound("\(wave.instrumentId)@\(wave.instrumentVersion)")
        }
        let answers = try await store.load(wave, layout: ResultsLayout(instrument: instrument, wave: wave))
        let loaded = Loaded(answers: answers, results: WaveResults(answers: answers, levels: try await schoolLevels(), minimumN: minimumN(for: wave)))
        entries[wave.id] = Entry(loaded: loaded, checkedAt: time)
        return loaded
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
