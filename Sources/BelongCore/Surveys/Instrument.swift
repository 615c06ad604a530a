import Foundation

/// A questionnaire: its scales and items in every language it offers (DOMAIN.md §1). A version is
/// immutable once a wave has used it; editing makes a new version.
public struct Instrument: Sendable, Hashable, Codable, Identifiable {
    public enum Audience: String, Sendable, Codable, CaseIterable, Hashable {
        /// Students in grades 4 to 12.
        case student
        /// Kindergarten to grade 3: faces, read aloud.
        case studentEarly
        case staff
        case family
    }

    public struct Scale: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var name: [String: String]

        public init(id: String, name: [String: String]) {
            self.id = id
            self.name = name
        }
    }

    public struct Item: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var scale: String?
        public var response: ResponseScale
        public var reverse: Bool
        public var text: [String: String]
        /// Shown only in confidential waves (the student side of relationship mapping).
        public var confidentialOnly: Bool

        public init(id: String, scale: String?, response: ResponseScale, reverse: Bool = false, text: [String: String], confidentialOnly: Bool = false) {
            self.id = id
            self.scale = scale
            self.response = response
            self.reverse = reverse
            self.text = text
            self.confidentialOnly = confidentialOnly
        }

        enum CodingKeys: String, CodingKey { case id, scale, response, reverse, text, confidentialOnly }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            scale = try container.decodeIfPresent(String.self, forKey: .scale)
            let responseText = try container.decode(String.self, forKey: .response)
            guard let response = ResponseScale(rawValue: responseText) else {
                throw InstrumentError.badResponseScale(item: id, value: responseText)
            }
            self.response = response
            reverse = try container.decodeIfPresent(Bool.self, forKey: .reverse) ?? false
            text = try container.decode([String: String].self, forKey: .text)
            confidentialOnly = try container.decodeIfPresent(Bool.self, forKey: .confidentialOnly) ?? false
        }

        public func text(in language: Language) -> String {
            text[language.code] ?? text[Language.english.code] ?? id
        }

        /// The value scored: reverse-coded items count 6 − x on a five-point scale (DOMAIN.md §2).
        public func scored(_ value: Int) -> Int {
            reverse && response == .agree5 ? 6 - value : value
        }
    }

    public var id: String
    public var version: Int
    public var audience: Audience
    public var title: [String: String]
    public var source: String?
    public var languages: [String]
    public var scales: [Scale]
    public var items: [Item]

    public init(
        id: String, version: Int, audience: Audience, title: [String: String], source: String? = nil, languages: [String],
        scales: [Scale], items: [Item]
    ) {
        self.id = id
        self.version = version
        self.audience = audience
        self.title = title
        self.source = source
        self.languages = languages
        self.scales = scales
        self.items = items
    }

    public func title(in language: Language) -> String {
        title[language.code] ?? title[Language.english.code] ?? id
    }

    public func items(in scale: String) -> [Item] {
        items.filter { $0.scale == scale }
    }

    /// The items a wave asks, in order: confidential-only ones only in confidential waves.
    public func items(confidential: Bool) -> [Item] {
        items.filter { confidential || !$0.confidentialOnly }
    }

    /// "belong-student@1"
    public var reference: String { "\(id)@\(version)" }
}

public enum InstrumentError: Error, Equatable, CustomStringConvertible {
    case badResponseScale(item: String, value: String)
    case invalid([String])
    case notFound(String)

    public var description: String {
        switch self {
        case .badResponseScale(let item, let value):
            "item \(item): '\(value)' is not a response scale (\(ResponseScale.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .invalid(let problems): problems.joined(separator: "; ")
        case .notFound(let reference): "no instrument \(reference)"
        }
    }
}
