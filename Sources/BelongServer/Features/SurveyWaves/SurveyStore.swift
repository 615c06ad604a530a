import BelongCore
import Foundation
import SQLKit

/// Survey waves and their schools.
public struct SurveyStore: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    static let encoder = JSONEncoder()
    static let decoder = JSONDecoder()

    public func create(_ wave: SurveyWave, by userId: UUID?) async throws {
        let timestamp = now()
        let items = String(decoding: try Self.encoder.encode(wave.customItems), as: UTF8.self)
        let (kind, from, to) = Self.columns(wave.respondents)
        try await database.write { db in
            try await db.insert(into: "survey_waves")
                .columns("id", "district_id", "title", "instrument_id", "instrument_version", "respondents", "grade_from", "grade_to", "opens_at",
                         "closes_at", "time_zone", "mode", "languages", "minimum_n", "state", "custom_items", "created_by", "created_at", "updated_at")
                .values(SQLBind(wave.id), bindOrNull(wave.districtId), SQLBind(wave.title), SQLBind(wave.instrumentId), SQLBind(wave.instrumentVersion),
                        SQLBind(kind), bindOrNull(from), bindOrNull(to), SQLBind(wave.opensAt), SQLBind(wave.closesAt), SQLBind(wave.timeZone),
                        SQLBind(wave.mode.rawValue), SQLBind(wave.languages.map(\.code).joined(separator: ",")), SQLBind(wave.minimumGroupSize),
                        SQLBind(wave.state.rawValue), SQLBind(items), bindOrNull(userId), SQLBind(timestamp), SQLBind(timestamp))
                .run()
            try await db.insertRows(into: "survey_wave_schools", columns: ["wave_id", "school_id"],
                                    rows: wave.schoolIds.map { [SQLBind(wave.id), SQLBind($0)] })
        }
    }

    /// The wave as of at most two seconds ago: for answering surveys, where every request needs it.
    public func findRecent(id: UUID) async throws -> SurveyWave? {
        try await database.recentWaves.value(for: id) { try await find(id: id) }
    }

    public func find(id: UUID) async throws -> SurveyWave? {
        try await database.read { db in
            guard let row = try await db.select().columns("*").from("survey_waves").where("id", .equal, SQLBind(id)).first() else { return nil }
            let schools = try await db.select().column("school_id").from("survey_wave_schools").where("wave_id", .equal, SQLBind(id)).all()
                .map { try $0.decode(column: "school_id", as: UUID.self) }
            return try Self.wave(row, schools: schools)
        }
    }

    /// Waves that include any of `schools` (nil: every wave), newest first.
    public func list(schools: Set<UUID>? = nil) async throws -> [SurveyWave] {
        try await database.read { db in
            var schoolsByWave: [UUID: [UUID]] = [:]
            for row in try await db.select().columns("wave_id", "school_id").from("survey_wave_schools").all() {
                schoolsByWave[try row.decode(column: "wave_id", as: UUID.self), default: []].append(try row.decode(column: "school_id", as: UUID.self))
            }
            return try await db.select().columns("*").from("survey_waves").orderBy("opens_at", .descending).all()
                .map { row in try Self.wave(row, schools: schoolsByWave[try row.decode(column: "id", as: UUID.self)] ?? []) }
                .filter { wave in schools.map { !$0.isDisjoint(with: wave.schoolIds) } ?? true }
        }
    }

    public enum TransitionError: Error, Equatable {
        case notAllowed(from: SurveyWave.State, to: SurveyWave.State)
        case closingBeforeOpening
    }

    /// draft → open → closed, and nothing else; an open wave's closing moment may move (not before it opened).
    public func transition(_ waveId: UUID, to state: SurveyWave.State) async throws {
        guard let wave = try await find(id: waveId) else { return }
        let allowed = (wave.state == .draft && state == .open) || (wave.state == .open && state == .closed)
        guard allowed else { throw TransitionError.notAllowed(from: wave.state, to: state) }
        let timestamp = now()
        try await database.write { db in
            let update = db.update("survey_waves").set("state", to: SQLBind(state.rawValue)).set("updated_at", to: SQLBind(timestamp))
            // Closing early closes now; opening a wave whose window has started opens it now.
            if state == .closed, wave.closesAt > timestamp { update.set("closes_at", to: SQLBind(max(timestamp, wave.opensAt.addingTimeInterval(1)))) }
            try await update.where("id", .equal, SQLBind(waveId)).run()
        }
        database.recentWaves.forget(waveId)
    }

    public func moveClosing(_ waveId: UUID, to closesAt: Date) async throws {
        guard let wave = try await find(id: waveId) else { return }
        guard closesAt > wave.opensAt else { throw TransitionError.closingBeforeOpening }
        let timestamp = now()
        try await database.write { db in
            try await db.update("survey_waves").set("closes_at", to: SQLBind(closesAt)).set("updated_at", to: SQLBind(timestamp))
                .where("id", .equal, SQLBind(waveId)).run()
        }
        database.recentWaves.forget(waveId)
    }

    static func columns(_ respondents: SurveyWave.Respondents) -> (String, Int?, Int?) {
        switch respondents {
        case .students(let from, let to): ("students", from.rawValue, to.rawValue)
        case .staff: ("staff", nil, nil)
        case .families: ("families", nil, nil)
        }
    }

    static func wave(_ row: any SQLRow, schools: [UUID]) throws -> SurveyWave {
        let respondents: SurveyWave.Respondents = switch try row.decode(column: "respondents", as: String.self) {
        case "staff": .staff
        case "families": .families
        default: .students(
            from: Grade(rawValue: try row.decode(column: "grade_from", as: Int?.self) ?? 4) ?? .grade4,
            to: Grade(rawValue: try row.decode(column: "grade_to", as: Int?.self) ?? 12) ?? .grade12
        )
        }
        let items = try decoder.decode([Instrument.Item].self, from: Data(try row.decode(column: "custom_items", as: String.self).utf8))
        return SurveyWave(
            id: try row.decode(column: "id", as: UUID.self), districtId: try row.decode(column: "district_id", as: UUID?.self),
            title: try row.decode(column: "title", as: String.self), instrumentId: try row.decode(column: "instrument_id", as: String.self),
            instrumentVersion: try row.decode(column: "instrument_version", as: Int.self), respondents: respondents,
            schoolIds: schools.sorted { $0.uuidString < $1.uuidString },
            opensAt: try row.decode(column: "opens_at", as: Date.self), closesAt: try row.decode(column: "closes_at", as: Date.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            mode: SurveyWave.Mode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .anonymous,
            languages: try row.decode(column: "languages", as: String.self).split(separator: ",").compactMap { Language(anyCode: String($0)) },
            minimumGroupSize: try row.decode(column: "minimum_n", as: Int.self),
            state: SurveyWave.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .draft, customItems: items
        )
    }
}
