import Foundation

/// One entry of the library (DOMAIN.md §8): a toolkit, talk, article, research summary, programme, practice or
/// template that helps a school foster connectedness, described in Belong's own words in every interface language.
public struct Resource: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case toolkit, video, article, programme, practice, template
        case researchSummary = "research-summary"
    }

    public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
        case students, staff, families, leaders
    }

    /// How far the resource's effect is established, and on what. Only a public rating by a named review is
    /// `reviewed`; otherwise the basis says in a sentence what the resource rests on.
    public struct Evidence: Sendable, Hashable, Codable {
        public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
            /// Rated by a public evidence review (CASEL's Program Guide, the What Works Clearinghouse, …), named in `review`.
            case reviewed
            /// Grounded in published research on the practice or what it builds, without a review's rating.
            case researchBased = "research-based"
            /// Drawn from schools' experience.
            case practiceBased = "practice-based"

            /// Best established first: what ordering by evidence sorts on.
            public var rank: Int {
                switch self {
                case .reviewed: 0
                case .researchBased: 1
                case .practiceBased: 2
                }
            }

            public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
        }

        public var level: Level
        /// The review that rated it, when `level` is `reviewed`: "CASEL Program Guide (SELect)".
        public var review: String?
        /// What the level rests on, by language code.
        public var basis: [String: String]

        public init(level: Level, review: String? = nil, basis: [String: String]) {
            self.level = level
            self.review = review
            self.basis = basis
        }
    }

    /// Stable, lowercase letters, digits and hyphens: the resource's address and the key a school's shortlist keeps.
    public var id: String
    public var kind: Kind
    public var title: [String: String]
    public var summary: [String: String]
    /// Only where the address is certainly the publisher's own and stable; a practice can stand on its description.
    public var link: URL?
    public var source: String
    public var year: Int?
    /// The language of the original, as a code ("en", "fr").
    public var language: String
    public var audiences: [Audience]
    public var grades: ClosedRange<Grade>
    public var strategies: [Strategy]
    /// The measures it serves: feelings ("safe" … "caredFor") and "trusted-adult".
    public var measures: [String]
    /// Minutes it takes to use or read, when that can be said.
    public var minutes: Int?
    public var evidence: Evidence
    /// Words people search with that are not in the title or summary, by language code.
    public var tags: [String: [String]]

    public init(
        id: String, kind: Kind, title: [String: String], summary: [String: String], link: URL? = nil, source: String, year: Int? = nil,
        language: String, audiences: [Audience], grades: ClosedRange<Grade>, strategies: [Strategy], measures: [String], minutes: Int? = nil,
        evidence: Evidence, tags: [String: [String]] = [:]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.link = link
        self.source = source
        self.year = year
        self.language = language
        self.audiences = audiences
        self.grades = grades
        self.strategies = strategies
        self.measures = measures
        self.minutes = minutes
        self.evidence = evidence
        self.tags = tags
    }

    /// The measures a resource may name: the six feelings and having a trusted adult.
    public static let measureIds = ResultsLayout.feelings + ["trusted-adult"]

    public func title(in language: Language) -> String { title[language.code] ?? title[Language.english.code] ?? id }
    public func summary(in language: Language) -> String { summary[language.code] ?? summary[Language.english.code] ?? "" }
    /// The title as lists order it in a language: its words folded, so "École" sorts beside "ecole", not after "z".
    public func sortTitle(in language: Language) -> String { SearchText.words(title(in: language)).joined(separator: " ") }
    /// Alphabetical in the reader's language, then by id: one order for every list of resources.
    public static func alphabetical(_ a: Resource, _ b: Resource, in language: Language) -> Bool {
        let (x, y) = (a.sortTitle(in: language), b.sortTitle(in: language))
        return x != y ? x.utf8.lexicographicallyPrecedes(y.utf8) : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, summary, link, source, year, language, audiences, grades, strategies, measures, minutes, evidence, tags
    }

    private struct GradeSpan: Codable {
        let from: String
        let to: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        title = try container.decode([String: String].self, forKey: .title)
        summary = try container.decode([String: String].self, forKey: .summary)
        link = try container.decodeIfPresent(URL.self, forKey: .link)
        source = try container.decode(String.self, forKey: .source)
        year = try container.decodeIfPresent(Int.self, forKey: .year)
        language = try container.decode(String.self, forKey: .language)
        audiences = try container.decode([Audience].self, forKey: .audiences)
        let span = try container.decode(GradeSpan.self, forKey: .grades)
        guard let from = Grade(code: span.from), let to = Grade(code: span.to), from <= to else {
            throw DecodingError.dataCorruptedError(forKey: .grades, in: container, debugDescription: "grades \(span.from) to \(span.to) are not a range of grades")
        }
        grades = from...to
        strategies = try container.decode([Strategy].self, forKey: .strategies)
        measures = try container.decode([String].self, forKey: .measures)
        minutes = try container.decodeIfPresent(Int.self, forKey: .minutes)
        evidence = try container.decode(Evidence.self, forKey: .evidence)
        tags = try container.decodeIfPresent([String: [String]].self, forKey: .tags) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(summary, forKey: .summary)
        try container.encodeIfPresent(link, forKey: .link)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(year, forKey: .year)
        try container.encode(language, forKey: .language)
        try container.encode(audiences, forKey: .audiences)
        try container.encode(GradeSpan(from: grades.lowerBound.oneRosterCode, to: grades.upperBound.oneRosterCode), forKey: .grades)
        try container.encode(strategies, forKey: .strategies)
        try container.encode(measures, forKey: .measures)
        try container.encodeIfPresent(minutes, forKey: .minutes)
        try container.encode(evidence, forKey: .evidence)
        if !tags.isEmpty { try container.encode(tags, forKey: .tags) }
    }
}
