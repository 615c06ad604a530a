import BelongCore
import Foundation
import SQLKit

/// Every instrument a wave may use: the built-in ones from resource files, and those a district added.
public struct InstrumentStore: Sendable {
    let database: Database
    let builtIn: [Instrument]

    public init(database: Database, builtIn: [Instrument]) {
        self.database = database
        self.builtIn = builtIn
    }

    public func isBuiltIn(_ id: String) -> Bool { builtIn.contains { $0.id == id } }

    public func all() async throws -> [Instrument] {
        let custom = try await database.read { db in
            try await db.select().column("definition").from("instruments").orderBy("id").orderBy("version").all()
                .map { try JSONDecoder().decode(Instrument.self, from: Data(try $0.decode(column: "definition", as: String.self).utf8)) }
        }
        return builtIn + custom
    }

    /// What a wave in these districts may use: the built-in instruments and the districts' own, newest version of each.
    public func available(districts: Set<UUID>) async throws -> [Instrument] {
        let custom = try await database.read { db in
            try await db.select().columns("definition", "district_id").from("instruments").orderBy("id").orderBy("version", .descending).all()
                .filter { row in (try row.decode(column: "district_id", as: UUID?.self)).map(districts.contains) ?? true }
                .map { try JSONDecoder().decode(Instrument.self, from: Data(try $0.decode(column: "definition", as: String.self).utf8)) }
        }
        var seen: Set<String> = []
        return builtIn + custom.filter { seen.insert($0.id).inserted }
    }

    public func find(id: String, version: Int) async throws -> Instrument? {
        if let instrument = builtIn.first(where: { $0.id == id && $0.version == version }) { return instrument }
        return try await database.read { db in
            try await db.select().column("definition").from("instruments").where("id", .equal, id).where("version", .equal, SQLBind(version)).first()
                .map { try JSONDecoder().decode(Instrument.self, from: Data(try $0.decode(column: "definition", as: String.self).utf8)) }
        }
    }

    public enum AddError: Error, Equatable, CustomStringConvertible {
        case builtInId(String)
        case invalid([String])

        public var description: String {
            switch self {
            case .builtInId(let id): "'\(id)' is the id of an instrument Belong ships; choose another id"
            case .invalid(let problems): problems.joined(separator: "; ")
            }
        }
    }

    /// Adds a district's instrument as the next version of its id: a used version is never overwritten.
    @discardableResult
    public func add(_ instrument: Instrument, districtId: UUID?, by userId: UUID?) async throws -> Instrument {
        guard !builtIn.contains(where: { $0.id == instrument.id }) else { throw AddError.builtInId(instrument.id) }
        let problems = InstrumentValidator.problems(in: instrument)
        guard problems.isEmpty else { throw AddError.invalid(problems) }
        return try await database.write { db in
            let latest = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v").from("instruments")
                .where("id", .equal, instrument.id).first()?.decode(column: "v", as: Int?.self) ?? 0
            var stored = instrument
            stored.version = latest + 1
            try await db.insert(into: "instruments").columns("id", "version", "district_id", "audience", "definition", "created_by", "created_at")
                .values(SQLBind(stored.id), SQLBind(stored.version), bindOrNull(districtId), SQLBind(stored.audience.rawValue),
                        SQLBind(String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)), bindOrNull(userId), SQLBind(Date()))
                .run()
            return stored
        }
    }
}
