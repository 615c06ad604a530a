import BelongCore
import Foundation

/// The demo district's part of the library: the built-in resources (written at every start), three resources of
/// its own in both languages, and what its schools said when they tried some — fewer schools than the minimum, so
/// the demo shows "fewer than N" rather than an average, as a real district of four schools would. Safe to run again.
struct DemoLibrarySeeder {
    let database: Database
    let district: UUID
    let schools: [UUID]

    static let resources: [Resource] = [
        Resource(
            id: "cedar-valley-lunchtime-listening", kind: .practice,
            title: ["en": "Lunchtime listening tables", "fr": "Les tables d’écoute du midi"],
            summary: ["en": "Once a week two staff members sit at a lunch table with any students who join them and ask one question: what should change at our school? The answers go to the student council and the principal, who report back within a month on what they did with them.",
                      "fr": "Une fois par semaine, deux membres du personnel s’assoient à une table du midi avec les élèves qui se joignent à eux et posent une question : que devrait-on changer à notre école? Les réponses vont au conseil des élèves et à la direction, qui disent dans le mois ce qu’ils en ont fait."],
            source: "Cedar Valley School District", year: 2025, language: "en", audiences: [.students, .staff], grades: .grade6 ... .grade12,
            strategies: [.relationships, .schoolLeadership], measures: ["heard", "significant"], minutes: 40,
            evidence: .init(level: .practiceBased, basis: ["en": "Run at Riverbend Middle School since 2024; students say they are asked more often.",
                                                           "fr": "En place à l’école intermédiaire Riverbend depuis 2024; les élèves disent qu’on les consulte plus souvent."]),
            tags: ["en": ["lunch", "student voice"], "fr": ["dîner", "voix des élèves"]]
        ),
        Resource(
            id: "cedar-valley-welcome-buddies", kind: .programme,
            title: ["en": "Welcome buddies for newcomers", "fr": "Des parrains d’accueil pour les nouveaux élèves"],
            summary: ["en": "Every student who arrives during the year is paired for six weeks with a trained older student who shows them around, sits with them at lunch in the first week and checks in each Friday. The homeroom teacher meets the pair at the end.",
                      "fr": "Chaque élève qui arrive en cours d’année est jumelé pendant six semaines à un élève plus âgé formé, qui lui fait visiter l’école, mange avec lui la première semaine et prend de ses nouvelles chaque vendredi. L’enseignant titulaire rencontre le duo à la fin."],
            source: "Cedar Valley School District", year: 2024, language: "en", audiences: [.students], grades: .grade3 ... .grade12,
            strategies: [.relationships, .socialEmotionalLearning], measures: ["safe", "supported", "caredFor"], minutes: 30,
            evidence: .init(level: .practiceBased, basis: ["en": "Drawn from our schools’ work with newcomer families; peer mentoring itself is research-based.",
                                                           "fr": "Tiré du travail de nos écoles auprès des familles nouvellement arrivées; le mentorat par les pairs est lui-même fondé sur la recherche."]),
            tags: ["en": ["newcomer", "peer"], "fr": ["nouvel arrivant", "pairs"]]
        ),
        Resource(
            id: "cedar-valley-family-coffee", kind: .practice,
            title: ["en": "First-Friday family coffee", "fr": "Le café des familles du premier vendredi"],
            summary: ["en": "On the first Friday of each month the school opens its library for half an hour after drop-off: coffee, the principal, a staff member who speaks the families’ languages, and no agenda but what families bring.",
                      "fr": "Le premier vendredi de chaque mois, l’école ouvre sa bibliothèque une demi-heure après l’arrivée des élèves : café, la direction, un membre du personnel qui parle les langues des familles, et aucun ordre du jour sauf ce que les familles apportent."],
            source: "Cedar Valley School District", year: 2025, language: "fr", audiences: [.families, .leaders], grades: .kindergarten ... .grade8,
            strategies: [.familyInvolvement], measures: ["heard", "caredFor"], minutes: 30,
            evidence: .init(level: .practiceBased, basis: ["en": "Held at Maple Grove Elementary; attendance is counted, not its effect.",
                                                           "fr": "Tenu à l’école élémentaire Maple Grove; on compte la participation, pas son effet."])
        ),
    ]

    /// (resource, how far into the school list, rating): which school tried what, and what it said.
    static let trials: [(resource: String, school: Int, rating: Int, note: String)] = [
        ("relationship-mapping", 0, 5, "Done with the whole staff in September; six students had no adult and now each has one."),
        ("relationship-mapping", 1, 4, "Worth it; we will do it again in February."),
        ("two-by-ten", 0, 4, "Three teachers tried it with one student each."),
        ("greeting-at-the-door", 2, 3, "Hard to keep up in the hallway at the bell."),
        ("restorative-circles", 1, 4, ""),
        ("cedar-valley-lunchtime-listening", 1, 5, "Students now ask when the next table is."),
    ]

    func run() async throws {
        let library = LibraryStore(database: database, builtIn: try Library.builtIn())
        try await library.syncBuiltIn()
        for resource in Self.resources where try await library.entry(resource.id, scope: LibraryScope(districts: [district]), includingRetired: true) == nil {
            try await library.save(resource, district: district, file: nil)
        }
        for trial in Self.trials where trial.school < schools.count {
            let school = schools[trial.school]
            guard try await library.trial(trial.resource, school: school) == nil else { continue }
            try await library.recordTrial(trial.resource, school: school, rating: trial.rating, note: trial.note)
        }
        if let first = schools.first, try await library.shortlist(school: first).isEmpty {
            try await library.setShortlisted("two-by-ten", true, school: first)
        }
    }
}
