import Hummingbird

/// Gives each request its one budget of database time (`DatabaseBudget`), so that however many
/// queries it makes, its visitor hears an answer within the promised bound.
struct DatabaseBudgetMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await DatabaseBudget.$current.withValue(DatabaseBudget()) {
            try await next(request, context)
        }
    }
}
