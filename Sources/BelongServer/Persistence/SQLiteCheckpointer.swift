import Foundation
import Logging
import NIOPosix

/// Keeps an SQLite file's write-ahead log short without stalling the writers. On its own connection and
/// thread it copies committed pages into the database every tenth of a second (a PASSIVE checkpoint: it
/// never blocks a writer, and its fsyncs are off the writer's thread). A RESTART, which lets the log
/// start again from its beginning, must hold the writers back while it syncs (tens of milliseconds
/// under a stream of submissions), so it runs when writes pause, or once the log has grown long. SQLite's automatic checkpoints ran on the committing thread (an fsync every few batches of
/// submissions), and under steady reads never found a moment to restart the log, which only grew.
///
/// When writes pause the log is truncated to nothing, not merely restarted: its frames are whole pages of
/// each commit, and consecutive frames showed which code became used in the same commit as which
/// response appeared (DOMAIN.md §4). So what links a response to its code lives in the log only until
/// the next quiet tenth of a second, or under a stream of submissions (when each commit holds a batch of
/// them) until the log has grown long.
final class SQLiteCheckpointer: Sendable {
    private let handle: SQLiteHandle
    private let thread: NIOThreadPool
    private let writeLock: LoopLock
    private let logger: Logger

    init(path: String, writeLock: LoopLock, logger: Logger) throws {
        // No waiting: a restart that finds a reader still in the log gives way and is tried again later;
        // after one, the log file is cut back to 64 MB.
        handle = try SQLiteHandle(path: path, pragmas: ["PRAGMA busy_timeout = 0", "PRAGMA synchronous = NORMAL",
                                                        "PRAGMA journal_size_limit = 67108864"])
        thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        self.writeLock = writeLock
        self.logger = logger
    }

    /// Runs until the task running it is cancelled.
    func run() async {
        var previous = 0, lastLong = ContinuousClock.now
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(100))
                var pass = try await passive()
                defer { previous = pass.frames }
                // A truncated log reports no frames, so a log that has not changed since is not truncated again.
                let quiet = pass.frames > 0 && pass.frames == previous && pass.copied == pass.frames
                let long = pass.frames >= Self.longLog && ContinuousClock.now - lastLong >= .seconds(1)
                guard quiet || long else { continue }
                if long { lastLong = .now }
                // First catch up until a pass is quick, so the restart has little left to copy.
                for _ in 0..<4 where pass.took > .milliseconds(2) { pass = try await passive() }
                // Under a stream of submissions the log only starts again (cutting it to nothing would make it grow back
                // page by page); once writes pause it is cut to nothing.
                let mode = quiet ? "TRUNCATE" : "RESTART"
                try await writeLock.withLock {
                    try await self.thread.runIfActive { try self.handle.execute("PRAGMA wal_checkpoint(\(mode))") }
                }
            } catch is CancellationError {
                break
            } catch {
                logger.warning("write-ahead log checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// 262,144 pages: 1 GB of log, some six seconds of submissions at full speed on two cores. Each
    /// restart under load holds every submission for tens of milliseconds: at 256 MB they came every
    /// second or two and made the slowest submissions take 35–50 ms (p99) instead of 18.
    static let longLog = 262_144

    /// One pass that copies what it can without waiting for anyone: the log's length in pages, how many
    /// of them are now in the database, and how long it took.
    private func passive() async throws -> (frames: Int, copied: Int, took: Duration) {
        let started = ContinuousClock.now
        let (frames, copied) = try await thread.runIfActive {
            var result = (0, 0)
            try self.handle.rows("PRAGMA wal_checkpoint(PASSIVE)", []) { row in result = (row.integer(1) ?? 0, row.integer(2) ?? 0) }
            return result
        }
        return (frames, copied, ContinuousClock.now - started)
    }

    /// After `run` has returned.
    func close() async {
        try? await thread.runIfActive { self.handle.close() }
        try? await thread.shutdownGracefully()
    }
}
