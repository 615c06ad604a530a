import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes
import Prometheus

#if canImport(Glibc)
import Glibc
#endif

/// Every open connection, so that none sits for ever and no client takes them all: closes connections
/// that say nothing (idle, headers or a body too slow, `ConnectionLimits`), refuses an address past its
/// share, and at the overall limit closes the connection idle longest to make room for a new one.
final class ConnectionRegistry: Sendable {
    let limits: ConnectionLimits
    let maximum: Int
    let perAddress: Int?
    private let logger: Logger
    private let closed: [String: Counter]
    private let open: Gauge

    private struct State {
        var connections: [ObjectIdentifier: WatchedConnection] = [:]
        var byAddress: [String: Int] = [:]
        var peak = 0
    }
    private let state = NIOLockedValueBox(State())

    init(limits: ConnectionLimits, openFileLimit: Int, trustProxy: Bool, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.limits = limits
        maximum = limits.connections(openFileLimit: openFileLimit)
        perAddress = trustProxy ? nil : max(1, limits.maximumPerAddress ?? maximum / 2)
        self.logger = logger
        closed = Dictionary(uniqueKeysWithValues: CloseReason.allCases.map {
            ($0.rawValue, registry.makeCounter(name: "belong_connections_closed_total", labels: [("reason", $0.rawValue)]))
        })
        open = registry.makeGauge(name: "belong_connections_open")
    }

    enum CloseReason: String, CaseIterable {
        case idle, slowHeaders = "slow_headers", slowBody = "slow_body", slowReader = "slow_reader", evicted, refusedAddress = "refused_address", refusedFull = "refused_full"
    }

    /// Takes a new connection in, or says why not. At the limit the connection idle longest (overall, or
    /// from the same address at its share) is closed to make room; a new one is refused only when every
    /// connection is busy with a request.
    func admit(_ connection: WatchedConnection) -> CloseReason? {
        let (evict, refused): (WatchedConnection?, CloseReason?) = state.withLockedValue { state in
            var evict: WatchedConnection?
            if let perAddress, state.byAddress[connection.address, default: 0] >= perAddress {
                evict = Self.longestIdle(in: state.connections.values.lazy.filter { $0.address == connection.address })
                guard evict != nil else { return (nil, .refusedAddress) }
            } else if state.connections.count >= maximum {
                evict = Self.longestIdle(in: state.connections.values)
                guard evict != nil else { return (nil, .refusedFull) }
            }
            if let evict { Self.remove(evict, from: &state) }
            state.connections[ObjectIdentifier(connection)] = connection
            state.byAddress[connection.address, default: 0] += 1
            state.peak = max(state.peak, state.connections.count)
            return (evict, nil)
        }
        if let evict {
            closed[CloseReason.evicted.rawValue]?.increment()
            evict.close()
        }
        if let refused {
            closed[refused.rawValue]?.increment()
            logger.debug("connection refused", metadata: ["reason": "\(refused.rawValue)"])
        }
        open.set(Double(count))
        return refused
    }

    func release(_ connection: WatchedConnection) {
        let trim: Bool = state.withLockedValue { state in
            guard state.connections[ObjectIdentifier(connection)] != nil else { return false }
            Self.remove(connection, from: &state)
            // After a burst, once most of it has gone, give the freed memory back to the system.
            guard state.peak >= 256, state.connections.count <= state.peak / 8 else { return false }
            state.peak = state.connections.count
            return true
        }
        open.set(Double(count))
        if trim { DispatchQueue.global().async { Self.returnFreedMemory() } }
    }

    func closedForTimeout(_ reason: CloseReason) {
        closed[reason.rawValue]?.increment()
        logger.debug("connection closed", metadata: ["reason": "\(reason.rawValue)"])
    }

    var count: Int { state.withLockedValue { $0.connections.count } }

    private static func remove(_ connection: WatchedConnection, from state: inout State) {
        guard state.connections.removeValue(forKey: ObjectIdentifier(connection)) != nil else { return }
        state.byAddress[connection.address, default: 1] -= 1
        if state.byAddress[connection.address] == 0 { state.byAddress[connection.address] = nil }
    }

    private static func longestIdle<S: Sequence>(in connections: S) -> WatchedConnection? where S.Element == WatchedConnection {
        var oldest: (WatchedConnection, NIODeadline)?
        for connection in connections {
            guard let since = connection.idleSince else { continue }
            if oldest == nil || since < oldest!.1 { oldest = (connection, since) }
        }
        return oldest?.0
    }

    /// glibc keeps freed memory for reuse; `malloc_trim` hands it back (not in Swift's Glibc module, so looked up).
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}

/// One connection as the registry sees it: its peer's address, and since when it has been idle (nil
/// while a request is being read or answered).
final class WatchedConnection: Sendable {
    let channel: any Channel
    let address: String
    private let idle = NIOLockedValueBox<NIODeadline?>(.now())

    init(channel: any Channel) {
        self.channel = channel
        address = channel.remoteAddress?.ipAddress ?? "unknown"
    }

    var idleSince: NIODeadline? { idle.withLockedValue { $0 } }
    func setIdle(_ since: NIODeadline?) { idle.withLockedValue { $0 = since } }
    func close() { channel.close(mode: .all, promise: nil) }
}

/// The HTTP/1 server with `ConnectionLimits` applied: two watchers per connection, one on the bytes as
/// they arrive (a request has begun; a body is still coming) and one on the decoded parts (headers done,
/// request read, response sent), sharing one clock that closes the connection when it says nothing.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let registry: ConnectionRegistry

    init(responder: @escaping HTTPChannelHandler.Responder, registry: ConnectionRegistry) {
        self.registry = registry
        // Hummingbird's own idle timer stays off: the watcher keeps the same clock with the header and body rules.
        inner = HTTP1Channel(responder: responder, configuration: .init(additionalChannelHandlers: [RequestPartWatch()]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let connection = WatchedConnection(channel: channel)
        if registry.admit(connection) != nil {
            channel.close(mode: .all, promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        let registry = registry
        channel.closeFuture.whenComplete { _ in registry.release(connection) }
        do {
            try channel.pipeline.syncOperations.addHandler(ByteWatch(connection: connection, registry: registry), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    static func guardedHTTP1(registry: ConnectionRegistry) -> HTTPServerBuilder {
        .init { responder in GuardedHTTP1Channel(responder: responder, registry: registry) }
    }
}

/// First in the pipeline: sees every byte arrive and keeps the connection's clock.
final class ByteWatch: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    enum Phase {
        /// Between requests.
        case idle(since: NIODeadline)
        /// A request's first bytes are in; its headers are not complete.
        case headers(since: NIODeadline)
        /// Headers read; the body is arriving.
        case body(started: NIODeadline, lastByte: NIODeadline, bytes: Int)
        /// Request read, response not yet sent: the handler's own deadlines apply.
        case responding
    }

    let connection: WatchedConnection
    let registry: ConnectionRegistry
    var limits: ConnectionLimits { registry.limits }
    private(set) var phase: Phase = .idle(since: .now())
    private var requestRead = false, responseSent = false, bytesWhileResponding = false
    /// Since when the client has not taken what was sent (the socket's buffer is full): a reader that
    /// never reads would otherwise hold its connection, and the answer waiting in memory, for ever.
    private var unwritableSince: NIODeadline?
    private var tick: RepeatedTask?

    init(connection: WatchedConnection, registry: ConnectionRegistry) {
        self.connection = connection
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        tick = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            let (watch, context) = loopBound.value
            watch.check(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        tick?.cancel()
        tick = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        tick?.cancel()
        tick = nil
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        unwritableSince = context.channel.isWritable ? nil : .now()
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let count = unwrapInboundIn(data).readableBytes
        let now = NIODeadline.now()
        switch phase {
        case .idle:
            phase = .headers(since: now)
            connection.setIdle(nil)
        case .headers:
            break
        case .body(let started, _, let bytes):
            phase = .body(started: started, lastByte: now, bytes: bytes + count)
        case .responding:
            bytesWhileResponding = true
        }
        context.fireChannelRead(data)
    }

    // From RequestPartWatch, on the same event loop.
    func headReceived() {
        let now = NIODeadline.now()
        requestRead = false
        responseSent = false
        bytesWhileResponding = false
        phase = .body(started: now, lastByte: now, bytes: 0)
        connection.setIdle(nil)
    }

    func requestEnded() {
        requestRead = true
        phase = .responding
        finishIfDone()
    }

    func responseEnded() {
        responseSent = true
        finishIfDone()
    }

    private func finishIfDone() {
        guard requestRead, responseSent else { return }
        let now = NIODeadline.now()
        // A pipelined request may have begun arriving while this one was answered.
        phase = bytesWhileResponding ? .headers(since: now) : .idle(since: now)
        connection.setIdle(bytesWhileResponding ? nil : now)
        bytesWhileResponding = false
    }

    private func check(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        let reason: ConnectionRegistry.CloseReason?
        switch phase {
        case .idle(let since):
            reason = now - since > TimeAmount(limits.idleTimeout) ? .idle : nil
        case .headers(let since):
            reason = now - since > TimeAmount(limits.headerTimeout) ? .slowHeaders : nil
        case .body(let started, let lastByte, let bytes):
            let gap = TimeAmount(limits.bodyTimeout)
            let elapsed = now - started
            let tooQuiet = now - lastByte > gap
            let tooSlow = elapsed > gap && Double(bytes) / (Double(elapsed.nanoseconds) / 1e9) < Double(limits.minimumBodyRate)
            // A request answered already (413, say) may leave a body unread: the same rules apply.
            reason = requestRead ? nil : (tooQuiet || tooSlow ? .slowBody : nil)
        case .responding:
            reason = nil
        }
        let stalled = unwritableSince.map { now - $0 > TimeAmount(limits.bodyTimeout) } ?? false
        guard let reason = reason ?? (stalled ? .slowReader : nil) else { return }
        registry.closedForTimeout(reason)
        tick?.cancel()
        tick = nil
        context.close(mode: .all, promise: nil)
    }
}

/// After the HTTP decoder: tells `ByteWatch` where a request's headers and body end and when its
/// response has gone out.
final class RequestPartWatch: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var watch: ByteWatch?

    func handlerAdded(context: ChannelHandlerContext) {
        watch = try? context.pipeline.syncOperations.handler(type: ByteWatch.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: watch?.headReceived()
        case .body: break
        case .end: watch?.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { watch?.responseEnded() }
        context.write(data, promise: promise)
    }
}
