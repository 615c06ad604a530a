import Foundation

/// The six-strategy self-assessment rubric (DOMAIN.md §6): each strategy's indicators, in the rubric's
/// order, worded in English and French. Loaded from `rubric.json`.
public struct Rubric: Sendable {
    /// What Belong already holds that speaks to an indicator, shown beside it while the team rates.
    public enum EvidenceKind: String, Sendable, Codable, Hashable {
        /// Waves of students, staff and families this school year.
        case audiences
        /// A confidential student wave that asked for trusted adults by name.
        case nominations
    }

    public struct Indicator: Sendable, Hashable, Identifiable {
        public let id: String
        public let strategy: Strategy
        let text: [String: String]
        public let evidence: EvidenceKind?

        public func text(in language: Language) -> String { text[language.code] ?? text[Language.english.code] ?? id }
    }

    public struct Section: Sendable {
        public let strategy: Strategy
        public let indicators: [Indicator]
    }

    public let sections: [Section]

    public var indicators: [Indicator] { sections.flatMap(\.indicators) }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    public func section(_ strategy: Strategy) -> Section? { sections.first { $0.strategy == strategy } }

    public init(sections: [Section]) { self.sections = sections }

    public enum LoadError: Error, CustomStringConvertible {
        case missing
        case invalid(String)

        public var description: String {
            switch self {
            case .missing: "rubric.json is not in the bundle"
            case .invalid(let why): "rubric.json: \(why)"
            }
        }
    }

    /// The built-in rubric. Every strategy once, in order; indicator ids unique; both languages worded.
    public static func load() throws -> Rubric {
        struct File: Decodable {
            struct Entry: Decodable {
                struct Item: Decodable {
                    let id: String
                    let en: String
                    let fr: String
                    let evidence: EvidenceKind?
                }
                let id: Strategy
                let indicators: [Item]
            }
            let strategies: [Entry]
        }
        guard let url = Bundle.module.url(forResource: "rubric", withExtension: "json") else { throw LoadError.missing }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        guard file.strategies.map(\.id) == Strategy.allCases else { throw LoadError.invalid("the six strategies, each once, in order") }
        let rubric = Rubric(sections: file.strategies.map { entry in
            Section(strategy: entry.id, indicators: entry.indicators.map {
                Indicator(id: $0.id, strategy: entry.id, text: ["en": $0.en, "fr": $0.fr], evidence: $0.evidence)
            })
        })
        let ids = rubric.indicators.map(\.id)
        guard Set(ids).count == ids.count else { throw LoadError.invalid("an indicator id is used twice") }
        guard rubric.indicators.allSatisfy({ !$0.text(in: .english).isEmpty && !$0.text(in: .french).isEmpty }),
              rubric.sections.allSatisfy({ !$0.indicators.isEmpty }) else { throw LoadError.invalid("an indicator without wording, or a strategy without indicators") }
        return rubric
    }

    /// The built-in rubric, read once.
    public static let builtIn: Rubric = (try? load()) ?? Rubric(sections: [])
}
