import Foundation

/// How one wave's packed answers are read (DOMAIN.md §2): which items, which scales, what counts as
/// favourable and how each answer scores. Built once per wave from its instrument and custom items.
public struct ResultsLayout: Sendable, Hashable {
    public struct Scale: Sendable, Hashable {
        public let id: String
        /// Positions of its items in the packed answers.
        public let items: [Int]
        /// A score needs at least two thirds of the items answered.
        public let minimumAnswered: Int
    }

    /// The six feelings (DOMAIN.md §1): the Connectedness index counts respondents high on all of them together.
    public static let feelings = ["safe", "seen", "heard", "supported", "significant", "caredFor"]

    /// Choice items in the order their answers are packed.
    public let items: [Instrument.Item]
    public let scales: [Scale]
    /// The items behind the overall connectedness score: the six feelings' items, or every scale
    /// item when the instrument has none of them.
    public let total: Scale
    /// items × 6 lookup tables indexed by item·6 + packed value (0 = skipped).
    let scored: [Double]
    let favourable: [Bool]
    /// Whether a packed value is an answer the item can take (0, skipped, always is).
    let valid: [Bool]
    /// Turns a score into the five-point units the level cut-offs are written in.
    let levelUnits: [Double]

    public init(items allItems: [Instrument.Item], scales: [Instrument.Scale]) {
        let items = allItems.filter(\.response.isChoice)
        self.items = items
        let position = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        let built = scales.compactMap { definition -> Scale? in
            let members = items.filter { $0.scale == definition.id }.compactMap { position[$0.id] }
            return members.isEmpty ? nil : Self.scale(definition.id, members)
        }
        self.scales = built
        let feelingItems = built.filter { Self.feelings.contains($0.id) }.flatMap(\.items)
        total = Self.scale("total", feelingItems.isEmpty ? built.flatMap(\.items).sorted() : feelingItems.sorted())
        var scored: [Double] = [], favourable: [Bool] = [], validValues: [Bool] = [], levelUnits: [Double] = []
        for item in items {
            let top = Double(item.response.values?.upperBound ?? 5)
            levelUnits.append(top == 5 ? 1 : 4 / (top - 1))
            for value in 0..<6 {
                let valid = value > 0 && (item.response.values?.contains(value) ?? false)
                scored.append(valid ? Double(item.scored(value)) : 0)
                favourable.append(valid && item.response.isFavourable(item.scored(value)))
                validValues.append(valid || value == 0)
            }
        }
        self.scored = scored
        self.favourable = favourable
        self.valid = validValues
        self.levelUnits = levelUnits
    }

    static func scale(_ id: String, _ members: [Int]) -> Scale {
        Scale(id: id, items: members, minimumAnswered: (2 * members.count + 2) / 3)
    }

    public init(instrument: Instrument, wave: SurveyWave) {
        self.init(items: instrument.items(confidential: wave.mode == .confidential) + wave.customItems, scales: instrument.scales)
    }

    public func isFavourable(item: Int, value: Int) -> Bool { favourable[item * 6 + value] }

    /// The highest value an item's answers can take, so means can be read against their scale.
    public func top(ofItem index: Int) -> Int { items[index].response.values?.upperBound ?? 5 }
}

/// A connectedness level on a scale (DOMAIN.md §2), from a score in five-point units.
public enum ConnectednessLevel: Int, Sendable, CaseIterable, Codable {
    case high = 0
    case moderate = 1
    case low = 2

    public init(score: Double) {
        self = score >= 4.0 ? .high : score >= 3.0 ? .moderate : .low
    }
}
