import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Synchronization

/// How long work may wait on the database. A person is promised a clear answer within 10 s: their
/// request's database work is abandoned after 8 s and answered 503 "try again" (ErrorPageMiddleware).
public enum DatabaseDeadline {
    /// A page, an API call, a submission: what a person waits on.
    public static let request: Duration = .seconds(8)
    /// Rolling back a transaction that failed; a connection that cannot is closed, never reused.
    static let rollback: Duration = .seconds(2)
    /// Work nobody waits on with a page open: imports applied, housekeeping, migrations, the demo's seed.
    public static let background: Duration = .seconds(3600)
}

/// The database did not answer within its deadline.
struct TimeoutError: Error, CustomStringConvertible {
    var description: String { "timed out" }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// Runs `work` and answers within `limit` whether or not `work` has finished: a query that hangs on a
/// connection gone bad (as PostgresNIO's can after a server restart) must not hold its caller, so the
/// caller gets `TimeoutError` at the deadline, `work` is cancelled, and `onTimeout` may close what it holds.
func withDeadline<T: Sendable>(
    _ limit: Duration, onTimeout: @escaping @Sendable () -> Void = {}, _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.start(continuation)
            let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(limit)) {
                race.finish(.failure(TimeoutError()), first: onTimeout)
            }
            race.run(timer: timer) {
                do { return .success(try await work()) } catch { return .failure(error) }
            }
        }
    } onCancel: {
        race.cancel()
    }
}

/// The two sides of `withDeadline`: whichever of the work and the timer finishes first answers, once.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var worker: Task<Void, Never>?
        var timer: Scheduled<Void>?
        var cancelled = false
    }
    private let state = NIOLockedValueBox(State())

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLockedValue { $0.continuation = continuation }
    }

    func run(timer: Scheduled<Void>, _ work: @escaping @Sendable () async -> Result<T, any Error>) {
        let worker = Task {
            let result = await work()
            self.finish(result)
        }
        let cancelled = state.withLockedValue { state in
            state.worker = worker
            state.timer = timer
            return state.cancelled || state.continuation == nil
        }
        if cancelled { worker.cancel() }
    }

    /// Answers the caller unless the other side has, running `first` before the answer goes out.
    func finish(_ result: Result<T, any Error>, first: () -> Void = {}) {
        let (continuation, worker, timer) = state.withLockedValue { state in
            defer { state.continuation = nil }
            return (state.continuation, state.worker, state.timer)
        }
        guard let continuation else { return }
        timer?.cancel()
        if case .failure(let error) = result, error is TimeoutError { worker?.cancel() }
        first()
        continuation.resume(with: result)
    }

    func cancel() {
        let worker = state.withLockedValue { state in
            state.cancelled = true
            return state.worker
        }
        worker?.cancel()
    }
}

/// One request's time on the database, all its operations together: a page that waits 7 s for one
/// query and then 7 s for another has still kept its visitor waiting 14 s. Each operation with the
/// default deadline gets what is left of `Database.requestDeadline`; time spent reading the request's
/// body is the client's and does not count. Set for every request by `DatabaseBudgetMiddleware`.
final class DatabaseBudget: Sendable {
    @TaskLocal static var current: DatabaseBudget?
    private let spent = Mutex<Duration>(.zero)

    func remaining(of limit: Duration) -> Duration {
        max(.zero, limit - spent.withLock { $0 })
    }

    func spend(_ time: Duration) {
        spent.withLock { $0 += time }
    }
}
