import Foundation

/// The translations of one language: a flat table of keys to strings with `{name}` placeholders.
public struct Catalog: Sendable {
    public let language: Language
    public let entries: [String: String]

    public init(language: Language, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// Reads a catalog file: a JSON object whose values are strings, or objects nesting further keys
    /// (`{"nav": {"home": "Home"}}` gives the key `nav.home`).
    public init(language: Language, json data: Data) throws {
        let object = try JSONSerialization.jsonObject(with: data)
        var entries: [String: String] = [:]
        try Catalog.flatten(object, prefix: "", into: &entries)
        self.init(language: language, entries: entries)
    }

    /// Reads a catalog kept as one file per feature (`locales/en/results.json`, …): a key defined in two files is an error.
    public init(language: Language, files: [(name: String, json: Data)]) throws {
        var entries: [String: String] = [:]
        var origin: [String: String] = [:]
        for file in files {
            let part = try Catalog(language: language, json: file.json)
            for (key, value) in part.entries {
                if let first = origin[key] { throw CatalogError.duplicate(key: key, files: [first, file.name]) }
                origin[key] = file.name
                entries[key] = value
            }
        }
        self.init(language: language, entries: entries)
    }

    private static func flatten(_ value: Any, prefix: String, into entries: inout [String: String]) throws {
        switch value {
        case let string as String:
            entries[prefix] = string
        case let object as [String: Any]:
            for (key, nested) in object {
                try flatten(nested, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &entries)
            }
        default:
            throw CatalogError.notAString(key: prefix)
        }
    }

    /// The placeholder names a string uses, e.g. `["count"]` for "{count} students".
    public static func placeholders(in template: String) -> Set<String> {
        var names: Set<String> = []
        var current: String?
        for character in template {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.insert(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }
}

public enum CatalogError: Error, Equatable, CustomStringConvertible {
    case notAString(key: String)
    case missing(language: Language)
    case duplicate(key: String, files: [String])

    public var description: String {
        switch self {
        case .notAString(let key): "translation '\(key)' is not a string"
        case .missing(let language): "no translations found for '\(language.code)'"
        case .duplicate(let key, let files): "translation '\(key)' is defined in both \(files.joined(separator: " and "))"
        }
    }
}
