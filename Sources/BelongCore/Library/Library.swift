import Foundation

/// The resources Belong ships (DOMAIN.md §8), read from `Resources/library/*.json`, one file per kind of
/// resource; a district's own are added to these at run time.
public struct Library: Sendable {
    public let resources: [Resource]

    public init(resources: [Resource]) {
        self.resources = resources
    }

    public subscript(id: String) -> Resource? { resources.first { $0.id == id } }

    /// How many resources Belong ships (0 if the data files cannot be read, which `builtIn()` reports).
    public static var builtInCount: Int { (try? builtIn().resources.count) ?? 0 }

    public enum LoadError: Error, CustomStringConvertible {
        case missing
        case unreadable(file: String, reason: String)
        case invalid([String])

        public var description: String {
            switch self {
            case .missing: "the library's data files are not in the bundle"
            case .unreadable(let file, let reason): "\(file): \(reason)"
            case .invalid(let problems): "the library has problems:\n" + problems.joined(separator: "\n")
            }
        }
    }

    /// The built-in library, checked: a problem in the data is an error at start, never a half-read library.
    public static func builtIn() throws -> Library {
        guard let folder = Bundle.module.url(forResource: "library", withExtension: nil) else { throw LoadError.missing }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var resources: [Resource] = []
        for file in files {
            do {
                resources += try JSONDecoder().decode([Resource].self, from: Data(contentsOf: file))
            } catch {
                throw LoadError.unreadable(file: file.lastPathComponent, reason: "\(error)")
            }
        }
        let problems = LibraryValidator.problems(in: resources)
        guard problems.isEmpty else { throw LoadError.invalid(problems) }
        return Library(resources: resources)
    }
}

/// What every resource must be before anyone reads it: whole in both interface languages, tagged with real
/// strategies and measures, honest about its evidence, and linking only over HTTPS.
public enum LibraryValidator {
    public static func problems(in resources: [Resource]) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for resource in resources {
            problems += self.problems(in: resource)
            if !seen.insert(resource.id).inserted { problems.append("\(resource.id): the id is used twice") }
        }
        return problems
    }

    public static func problems(in resource: Resource) -> [String] {
        let name = resource.id
        var problems: [String] = []
        if resource.id.isEmpty || resource.id.count > 80 || !resource.id.allSatisfy({ ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }) {
            problems.append("\(name): the id uses lowercase letters, digits and hyphens only (at most 80)")
        }
        for language in Language.interface {
            let code = language.code
            if resource.title[code]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty != false { problems.append("\(name): no '\(code)' title") }
            if resource.summary[code]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty != false { problems.append("\(name): no '\(code)' summary") }
            if resource.evidence.basis[code]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty != false {
                problems.append("\(name): the evidence has no '\(code)' basis")
            }
        }
        if resource.source.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name): no source") }
        if Language(anyCode: resource.language) == nil { problems.append("\(name): '\(resource.language)' is not a language code") }
        if resource.audiences.isEmpty { problems.append("\(name): no audience") }
        if resource.strategies.isEmpty { problems.append("\(name): serves no strategy") }
        for measure in resource.measures where !Resource.measureIds.contains(measure) {
            problems.append("\(name): '\(measure)' is not a measure (\(Resource.measureIds.joined(separator: ", ")))")
        }
        if let link = resource.link, link.scheme != "https" || link.host?.isEmpty != false { problems.append("\(name): a link is an https address") }
        if let year = resource.year, !(1900...2100).contains(year) { problems.append("\(name): \(year) is not a year") }
        if let minutes = resource.minutes, !(1...10_000).contains(minutes) { problems.append("\(name): minutes are 1 to 10,000") }
        switch (resource.evidence.level, resource.evidence.review?.trimmingCharacters(in: .whitespaces).isEmpty == false) {
        case (.reviewed, false): problems.append("\(name): a reviewed resource names the review that rated it")
        case (.researchBased, true), (.practiceBased, true): problems.append("\(name): only a reviewed resource names a review")
        default: break
        }
        return problems
    }
}
