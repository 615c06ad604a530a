import BelongCore
import Hummingbird

/// What every request carries through the middleware to its handler.
public struct BelongRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Chosen by `LanguageMiddleware` from `?lang=`, the language cookie or `Accept-Language`.
    public var language: Language = .default

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
