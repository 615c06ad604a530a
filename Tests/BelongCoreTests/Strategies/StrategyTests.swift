import Testing
@testable import BelongCore

@Suite("The six strategies")
struct StrategyTests {
    @Test("six strategies, numbered 1 to 6 in the rubric's order, each with a stable name for links and data files")
    func order() {
        #expect(Strategy.allCases.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(Strategy.allCases.map(\.rawValue) == [
            "professional-learning", "school-leadership", "relationships", "family-involvement", "teaching-and-learning", "social-emotional-learning",
        ])
        #expect(Strategy.allCases.sorted(by: >).first == .socialEmotionalLearning)
    }

    @Test("the people the seed names under each topic, read from the data file")
    func experts() {
        #expect(Strategy.socialEmotionalLearning.experts.map(\.name) == [
            "Dr. Jack Miller", "Dr. Kimberly Schonert-Reichl", "Dr. Stuart Shanker", "Dr. Daniel Siegel",
        ])
        #expect(Strategy.relationships.experts.map(\.name) == ["Dr. Gordon Neufeld"])
        #expect(Strategy.familyInvolvement.experts.map(\.name) == ["Dr. Mark Greenberg"])
        #expect(Strategy.schoolLeadership.experts.isEmpty && Strategy.professionalLearning.experts.isEmpty)
        let ids = Strategy.allCases.flatMap(\.experts).map(\.id)
        #expect(Set(ids).count == ids.count, "an expert's id names one person")
    }
}
