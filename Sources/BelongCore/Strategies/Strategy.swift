import Foundation

/// One of the six strategies for fostering school connectedness (DOMAIN.md §6), adapted from the CDC (2009)
/// and the OECD's Learning Leadership. The self-assessment rates a school against them, the library tags
/// resources with them and the plan's goals name one; the order is the rubric's.
public enum Strategy: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case professionalLearning = "professional-learning"
    case schoolLeadership = "school-leadership"
    case relationships
    case familyInvolvement = "family-involvement"
    case teachingAndLearning = "teaching-and-learning"
    case socialEmotionalLearning = "social-emotional-learning"

    /// 1 to 6, as the strategies are numbered wherever they are listed.
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    public static func < (lhs: Strategy, rhs: Strategy) -> Bool { lhs.number < rhs.number }

    /// Someone the school connectedness community learns from on a strategy's topic.
    public struct Expert: Sendable, Hashable, Codable {
        /// Stable, for the translations of what they are known for.
        public let id: String
        public let name: String
    }

    /// The people named under this strategy's topic, in the order they are listed.
    public var experts: [Expert] { Self.catalog[self] ?? [] }

    private static let catalog: [Strategy: [Expert]] = {
        struct File: Decodable {
            struct Entry: Decodable {
                let id: Strategy
                let experts: [Expert]
            }
            let strategies: [Entry]
        }
        guard let url = Bundle.module.url(forResource: "strategies", withExtension: "json"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [:] }
        return Dictionary(file.strategies.map { ($0.id, $0.experts) }, uniquingKeysWith: { first, _ in first })
    }()
}
