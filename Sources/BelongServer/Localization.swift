import BelongCore
import Foundation

extension Translations {
    /// The English and French catalogs shipped in `Resources/locales`.
    public static func bundled() throws -> Translations {
        let catalogs = try Language.interface.map { language in
            guard let url = Bundle.module.url(forResource: language.code, withExtension: "json", subdirectory: "locales") else {
                throw CatalogError.missing(language: language)
            }
            return try Catalog(language: language, json: Data(contentsOf: url))
        }
        return try Translations(catalogs: catalogs)
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
