import Foundation

/// What one respondent answered, checked against the wave's items.
public struct Answers: Sendable, Hashable, Codable {
    /// Item id → chosen value.
    public var choices: [String: Int]
    /// Item id → what they wrote.
    public var texts: [String: String]
    /// Staff chosen for "which adults would you go to" (confidential waves).
    public var adults: [UUID]

    public static let maxTextLength = 2_000
    public static let maxAdults = 3

    public init(choices: [String: Int] = [:], texts: [String: String] = [:], adults: [UUID] = []) {
        self.choices = choices
        self.texts = texts
        self.adults = adults
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownItem(String)
        case outOfRange(item: String, value: Int)
        case textTooLong(item: String)
        case tooManyAdults
        case notAChoice(item: String)

        public var description: String {
            switch self {
            case .unknownItem(let item): "'\(item)' is not a question of this survey"
            case .outOfRange(let item, let value): "\(value) is not an answer to '\(item)'"
            case .textTooLong(let item): "the answer to '\(item)' is longer than \(Answers.maxTextLength) characters"
            case .tooManyAdults: "at most \(Answers.maxAdults) adults can be named"
            case .notAChoice(let item): "'\(item)' is not answered by choosing"
            }
        }
    }

    /// Every problem, or none: a response with any is refused whole.
    public func problems(against items: [Instrument.Item]) -> [Problem] {
        // Every submission is checked (twice: by the handler and by the domain), and nearly all are clean.
        if fits(items) { return [] }
        let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        var problems: [Problem] = []
        for (id, value) in choices.sorted(by: { $0.key < $1.key }) {
            guard let item = byId[id] else { problems.append(.unknownItem(id)); continue }
            guard let range = item.response.values else { problems.append(.notAChoice(item: id)); continue }
            if !range.contains(value) { problems.append(.outOfRange(item: id, value: value)) }
        }
        for (id, text) in texts.sorted(by: { $0.key < $1.key }) {
            guard let item = byId[id], item.response == .openText else { problems.append(.unknownItem(id)); continue }
            if text.count > Answers.maxTextLength { problems.append(.textTooLong(item: id)) }
        }
        if adults.count > Answers.maxAdults { problems.append(.tooManyAdults) }
        if !adults.isEmpty, !items.contains(where: { $0.response == .adultPick }) { problems.append(.unknownItem("adults")) }
        return problems
    }

    /// True when nothing is wrong: one pass over the items, looking each one up, with nothing sorted or built.
    /// A false answer only sends the caller to the full check, which names the problems in a stable order.
    private func fits(_ items: [Instrument.Item]) -> Bool {
        guard adults.isEmpty else { return false }
        var matched = 0
        for item in items {
            if let value = choices[item.id] {
                guard let range = item.response.values, range.contains(value) else { return false }
                matched += 1
            }
            if let text = texts[item.id] {
                // UTF-8 bytes are never fewer than characters: the exact count only for long answers.
                guard item.response == .openText, text.utf8.count <= Answers.maxTextLength || text.count <= Answers.maxTextLength else { return false }
                matched += 1
            }
        }
        // Item ids are unique (the instrument loader and wave rules refuse duplicates), so a shortfall is an unknown id.
        return matched == choices.count + texts.count
    }

    /// Answers merged page by page: a later page's answers replace earlier ones for the same items.
    public mutating func merge(_ page: Answers, clearing itemIds: Set<String>) {
        for id in itemIds {
            choices[id] = nil
            texts[id] = nil
        }
        choices.merge(page.choices) { $1 }
        texts.merge(page.texts) { $1 }
        if itemIds.contains(where: { $0.hasPrefix("adults") }) || !page.adults.isEmpty { adults = page.adults }
    }

    /// At least one question answered: a choice, a text that is not only spaces, or an adult named.
    public var hasAnswer: Bool { !choices.isEmpty || !adults.isEmpty || texts.values.contains { !$0.allSatisfy(\.isWhitespace) } }

    public var isEmpty: Bool { choices.isEmpty && texts.values.allSatisfy { $0.isEmpty } && adults.isEmpty }
}

/// A response's choices packed one byte per item in the wave's order (0 = skipped): compact to store
/// and fast to scan for results.
public enum PackedAnswers {
    public static func pack(_ answers: Answers, items: [Instrument.Item]) -> [UInt8] {
        var packed: [UInt8] = []
        packed.reserveCapacity(items.count)
        for item in items where item.response.isChoice { packed.append(UInt8(clamping: answers.choices[item.id] ?? 0)) }
        return packed
    }

    public static func unpack(_ bytes: [UInt8], items: [Instrument.Item]) -> [String: Int] {
        var choices: [String: Int] = [:]
        for (item, byte) in zip(items.filter(\.response.isChoice), bytes) where byte != 0 {
            choices[item.id] = Int(byte)
        }
        return choices
    }
}
