import Foundation

/// The words the library is searched by, made the same way for what is stored and for what a person types:
/// lowercased, accents folded ("écoute" is "ecoute"), split at anything not a letter or digit, the commonest
/// English and French little words left out, and each word cut to a light stem ("relationships" and
/// "relationship", "écouter" and "écoute" meet). Both databases index these words and nothing else, so
/// SQLite and PostgreSQL find the same resources for the same query.
public enum SearchText {
    /// The most words a query is searched by; the rest of a long paste is ignored.
    public static let maximumQueryTerms = 12
    /// The longest word kept (a longer run of letters is no word anyone searches for).
    static let maximumWordLength = 40

    /// Every word of `text`, stemmed, in order (repeats kept).
    public static func terms(_ text: String) -> [String] {
        words(text).compactMap { word in
            guard !stopWords.contains(word) else { return nil }
            return stem(word)
        }
    }

    /// The words of a query, each once, at most `maximumQueryTerms`: what the databases are asked to match.
    public static func queryTerms(_ query: String) -> [String] {
        var seen: Set<String> = []
        var terms: [String] = []
        for term in self.terms(String(query.prefix(2_000))) where seen.insert(term).inserted {
            terms.append(term)
            if terms.count == maximumQueryTerms { break }
        }
        return terms
    }

    /// Lowercase ASCII letters and digits only: accents folded, ligatures opened, other scripts and emoji dropped.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func finish() {
            if !current.isEmpty, current.count <= maximumWordLength { words.append(current) }
            current = ""
        }
        for scalar in fold(text).unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    /// Lowercased with accents removed; "œ" and "æ" written out, as French and English readers type them.
    static func fold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// A light stem shared by English and French: plural and common verb endings cut, a doubled last consonant
    /// made single, so the forms of one word meet. Short words are left whole.
    public static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        var stem = word
        for (suffix, replacement) in suffixes where stem.hasSuffix(suffix) && stem.count - suffix.count + replacement.count >= 3 {
            if suffix == "s", stem.hasSuffix("ss") || stem.hasSuffix("us") || stem.hasSuffix("is") { continue }
            if suffix == "x", !(stem.hasSuffix("eux") || stem.hasSuffix("oux")) { continue }
            stem = String(stem.dropLast(suffix.count)) + replacement
            if ["ings", "ing", "ed", "er"].contains(suffix), let last = stem.last, let before = stem.dropLast().last, last == before,
               "bdfgklmnprtz".contains(last) {
                stem.removeLast()
            }
            break
        }
        return stem
    }

    /// Tried in order; the first that fits is cut.
    private static let suffixes: [(String, String)] = [
        ("ies", "y"), ("ings", ""), ("ing", ""), ("ees", ""), ("ee", ""), ("es", ""), ("ed", ""), ("er", ""), ("s", ""), ("x", ""), ("e", ""),
    ]

    /// Words too common to tell resources apart, in English and French, already folded.
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "into", "is", "it", "its", "of", "on", "or",
        "that", "the", "their", "this", "to", "was", "what", "with", "who", "your", "we", "our",
        "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "est", "et", "il", "ils", "l", "la", "le", "les",
        "leur", "leurs", "n", "ne", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "un",
        "une", "y", "nos", "notre", "vos", "votre",
    ]
}

/// A search of the library: its words and the filters a reader chose.
public struct LibraryQuery: Sendable, Hashable {
    public var text: String
    public var strategy: Strategy?
    /// A feeling or "trusted-adult".
    public var measure: String?
    public var audience: Resource.Audience?
    public var grade: Grade?
    public var kind: Resource.Kind?
    public var evidence: Resource.Evidence.Level?
    /// The language of the original, as a code.
    public var language: String?
    /// At most this many minutes to use.
    public var maximumMinutes: Int?

    public init(text: String = "", strategy: Strategy? = nil, measure: String? = nil, audience: Resource.Audience? = nil, grade: Grade? = nil,
                kind: Resource.Kind? = nil, evidence: Resource.Evidence.Level? = nil, language: String? = nil, maximumMinutes: Int? = nil) {
        self.text = text
        self.strategy = strategy
        self.measure = measure
        self.audience = audience
        self.grade = grade
        self.kind = kind
        self.evidence = evidence
        self.language = language
        self.maximumMinutes = maximumMinutes
    }

    public var terms: [String] { SearchText.queryTerms(text) }

    /// Words were typed but none is one the library is searched by (only punctuation, emoji, little words).
    public var hasNoSearchableWords: Bool { !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && terms.isEmpty }

    /// Whether a resource passes the filters (the words are the database's to match).
    public func admits(_ resource: Resource) -> Bool {
        if let strategy, !resource.strategies.contains(strategy) { return false }
        if let measure, !resource.measures.contains(measure) { return false }
        if let audience, !resource.audiences.contains(audience) { return false }
        if let grade, !resource.grades.contains(grade) { return false }
        if let kind, resource.kind != kind { return false }
        if let evidence, resource.evidence.level != evidence { return false }
        if let language, resource.language != language { return false }
        if let maximumMinutes, (resource.minutes ?? .max) > maximumMinutes { return false }
        return true
    }
}

/// A text cut where it matches a query, so a page can mark the matching words.
public enum SearchHighlight {
    public struct Part: Sendable, Hashable {
        public let text: String
        public let matches: Bool
    }

    /// `text` in parts, each word whose stem is a query term (or starts with the last, as typed so far) marked.
    public static func parts(of text: String, terms: [String]) -> [Part] {
        guard !terms.isEmpty else { return [Part(text: text, matches: false)] }
        let wanted = Set(terms)
        let prefix = terms.last
        var parts: [Part] = []
        var plain = ""
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            let folded = SearchText.words(word)
            let hit = folded.count == 1 && !SearchText.stopWords.contains(folded[0])
                && (wanted.contains(SearchText.stem(folded[0])) || prefix.map { SearchText.stem(folded[0]).hasPrefix($0) || folded[0].hasPrefix($0) } == true)
            if hit {
                if !plain.isEmpty { parts.append(Part(text: plain, matches: false)); plain = "" }
                parts.append(Part(text: word, matches: true))
            } else {
                plain += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flushWord()
                plain.append(character)
            }
        }
        flushWord()
        if !plain.isEmpty { parts.append(Part(text: plain, matches: false)) }
        return parts
    }
}
