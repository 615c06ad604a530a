import NIOCore

/// A first-come, first-served lock whose state lives on one event loop, so it can be taken both from
/// async code and from a chain of futures on that loop without passing through Swift's task queue.
/// The SQLite writer uses it: ordinary writes await it; survey submissions chain on it (see
/// `SQLiteBackend.chainedWrite`), and a busy server then never delays a commit behind queued requests.
final class LoopLock: Sendable {
    let loop: any EventLoop
    private let state: NIOLoopBoundBox<(locked: Bool, waiters: CircularBuffer<EventLoopPromise<Void>>)>

    init(loop: any EventLoop) {
        self.loop = loop
        state = .makeBoxSendingValue((false, CircularBuffer()), eventLoop: loop)
    }

    /// Succeeds, on the loop, once the lock is ours.
    func acquire() -> EventLoopFuture<Void> {
        loop.flatSubmit {
            if !self.state.value.locked {
                self.state.value.locked = true
                return self.loop.makeSucceededVoidFuture()
            }
            let promise = self.loop.makePromise(of: Void.self)
            self.state.value.waiters.append(promise)
            return promise.futureResult
        }
    }

    func release() {
        loop.execute {
            if let next = self.state.value.waiters.popFirst() {
                next.succeed()
            } else {
                self.state.value.locked = false
            }
        }
    }

    func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await acquire().get()
        defer { release() }
        return try await body()
    }

    /// Holds the lock while the future `body` makes runs, then lets the next holder in.
    func withLock<T: Sendable>(_ body: @escaping @Sendable () -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        acquire().flatMap { body().always { _ in self.release() } }
    }
}
