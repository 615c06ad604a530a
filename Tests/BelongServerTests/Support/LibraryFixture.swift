import BelongCore
import Foundation
@testable import BelongServer

/// A district's own resource, whole in both languages, saved through the library's store.
enum LibraryFixture {
    static func resource(id: String = "morning-circle-\(UUID().uuidString.prefix(6).lowercased())", title: String = "Morning circle",
                         titleFr: String = "Cercle du matin", measures: [String] = ["heard"], strategies: [Strategy] = [.relationships]) -> Resource {
        Resource(
            id: id, kind: .practice, title: ["en": title, "fr": titleFr],
            summary: ["en": "Each class starts the day in a circle where every student is greeted and may say one thing about their morning.",
                      "fr": "Chaque classe commence la journée en cercle : chaque élève est accueilli et peut dire une chose sur sa matinée."],
            source: "Lakeside School District", year: 2025, language: "en", audiences: [.students, .staff], grades: .kindergarten ... .grade6,
            strategies: strategies, measures: measures, minutes: 15,
            evidence: .init(level: .practiceBased, basis: ["en": "Used in three of our schools since 2023.", "fr": "En usage dans trois de nos écoles depuis 2023."])
        )
    }

    static func store(_ database: Database) throws -> LibraryStore {
        LibraryStore(database: database, builtIn: try Library.builtIn())
    }

    @discardableResult
    static func add(on database: Database, district: UUID, _ resource: Resource = LibraryFixture.resource()) async throws -> Resource {
        try await store(database).save(resource, district: district, file: nil)
        return resource
    }
}
