import BelongCore
import Foundation

extension Translations {
    /// The English and French catalogs shipped in `Resources/locales/<language>/`, one file per feature, the translation packs shipped in
    /// `Resources/translations`, and those in `directory` (a district's own; one of theirs replaces ours).
    public static func bundled(packsIn directory: String? = nil) throws -> Translations {
        let catalogs = try Language.interface.map { language in
            let urls = (Bundle.module.urls(forResourcesWithExtension: "json", subdirectory: "locales/\(language.code)") ?? []).map { $0 as URL }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
            guard !urls.isEmpty else { throw CatalogError.missing(language: language) }
            return try Catalog(language: language, files: urls.map { ($0.lastPathComponent, try Data(contentsOf: $0)) })
        }
        var files: [URL] = (Bundle.module.urls(forResourcesWithExtension: "json", subdirectory: "translations") ?? []).map { $0 as URL }
        if let directory {
            let own = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
                .map { URL(fileURLWithPath: directory).appendingPathComponent($0) }
            let replaced = Set(own.map(\.lastPathComponent))
            files = files.filter { !replaced.contains($0.lastPathComponent) } + own
        }
        var packs: [TranslationPack] = []
        var unreadable: [Language: [String]] = [:]
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            do {
                packs.append(try TranslationPack.load(json: Data(contentsOf: file)))
            } catch {
                let code = Language(anyCode: file.deletingPathExtension().lastPathComponent) ?? .english
                unreadable[code, default: []].append("\(file.lastPathComponent) could not be read: \(error)")
            }
        }
        return try Translations(catalogs: catalogs, packs: packs, instruments: try BuiltInInstruments.load(), unreadable: unreadable)
    }
}

extension Localizer {
    public func grade(_ grade: Grade) -> String {
        switch grade {
        case .preKindergarten: self("grade.preKindergarten")
        case .kindergarten: self("grade.kindergarten")
        case .grade1: self("grade.first")
        default: self("grade.numbered", ["number": String(grade.rawValue)])
        }
    }
}
