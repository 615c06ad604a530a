import BelongCore
import Foundation
import Testing
@testable import BelongServer

/// The interface's own catalogs, one file per feature in each language (Resources/locales/<language>/).
@Suite("Interface translations")
struct CatalogTests {
    static let folder = FixturePaths.repository.appendingPathComponent("Sources/BelongServer/Resources/locales")

    static func files(_ language: Language) throws -> [String: Catalog] {
        let directory = folder.appendingPathComponent(language.code)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        return try Dictionary(uniqueKeysWithValues: names.map {
            ($0, try Catalog(language: language, json: Data(contentsOf: directory.appendingPathComponent($0))))
        })
    }

    @Test("each feature's file exists in English and French with the same keys and the same placeholders")
    func sameKeys() throws {
        let english = try Self.files(.english), french = try Self.files(.french)
        #expect(Set(english.keys) == Set(french.keys))
        for (name, catalog) in english {
            let other = try #require(french[name], "\(name) has no French file")
            #expect(Set(catalog.entries.keys) == Set(other.entries.keys),
                    "\(name): \(Set(catalog.entries.keys).symmetricDifference(other.entries.keys).sorted())")
            for (key, text) in catalog.entries {
                guard let translated = other.entries[key] else { continue }
                #expect(Catalog.placeholders(in: text) == Catalog.placeholders(in: translated), "\(name) \(key)")
            }
        }
        // The catalog the server loads is the union of the files, with no key in two of them.
        _ = try Translations.bundled()
    }

    @Test("every key is used: spelled in the sources, or under a prefix the sources complete (\"role.\\(role)\")")
    func noUnusedKeys() throws {
        let sources = FixturePaths.repository.appendingPathComponent("Sources")
        var literals = Set<String>(), prefixes = Set<String>()
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let literal = /"([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+)"/
        let prefix = /"([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\.)\\\(/
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: literal) { literals.insert(String(match.1)) }
            for match in text.matches(of: prefix) { prefixes.insert(String(match.1)) }
        }
        let unused = try Self.files(.english).flatMap { file in
            // "survey.welcome.title@adult" is the adult wording of a key and is used wherever the key is.
            file.value.entries.keys.map { ($0, String($0.split(separator: "@")[0])) }
                .filter { _, key in !literals.contains(key) && !prefixes.contains { key.hasPrefix($0) } }.map(\.0).map { "\(file.key): \($0)" }
        }
        #expect(unused.isEmpty, "keys no source uses: \(unused.sorted())")
    }
}
