import BelongCore
import Foundation

/// Imports running in the background, each with its meter, kept until a while after they end.
actor ImportBoard {
    private var meters: [UUID: ImportMeter] = [:]
    private var done: Set<UUID> = []

    /// Starts `work` (an import's check, then later its writing, under the run's id) and returns when
    /// it ends or after `wait`, whichever is first.
    func start(_ id: UUID, wait: Duration, _ work: @escaping @Sendable (ImportMeter) async -> Void) async {
        let meter = ImportMeter()
        meters[id] = meter
        done.remove(id)
        Task {
            await work(meter)
            await self.finished(id, meter)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while !done.contains(id), clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Nil when this server is not running the import (it ended a while ago, or a restart cut it short).
    func progress(_ id: UUID) -> ImportProgress? { meters[id]?.progress }

    private func finished(_ id: UUID, _ meter: ImportMeter) {
        guard meters[id] === meter else { return }
        done.insert(id)
        meter.update { $0.stage = .finished }
        Task {
            try? await Task.sleep(for: .seconds(600))
            self.forget(id, meter)
        }
    }

    private func forget(_ id: UUID, _ meter: ImportMeter) {
        guard meters[id] === meter else { return }
        meters[id] = nil
        done.remove(id)
    }
}
