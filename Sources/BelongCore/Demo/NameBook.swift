import Foundation

/// The names the demo district draws from, read from `demo-names.json`.
public struct NameBook: Sendable, Decodable {
    public struct Culture: Sendable, Decodable {
        public let key: String
        /// The home language of families of this culture (ISO 639-1).
        public let language: String
        public let weight: Int
        public let indigenous: Bool?
        public let girls: [String]
        public let boys: [String]
        public let adults: [String]
        public let family: [String]
    }

    public let cultures: [Culture]
    public let groupings: [Grouping]

    public static func bundled() throws -> NameBook {
        guard let url = Bundle.module.url(forResource: "demo-names", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(NameBook.self, from: Data(contentsOf: url))
    }
}

extension NameBook {
    /// A grouping attribute the demo district reports by, with its labels in every language.
    public struct Grouping: Sendable, Decodable {
        public struct Value: Sendable, Decodable {
            public let key: String
            public let labels: [String: String]
        }

        public let key: String
        public let labels: [String: String]
        public let values: [Value]
    }
}
