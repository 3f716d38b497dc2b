import Foundation
import Synchronization

/// Runs `operation` and gives up at `limit`: when the deadline passes first, the operation is
/// cancelled and `RegisterError.timeout` is thrown. Structured (a task group): the function returns
/// once the cancelled operation has ended, so the operation must honour cancellation (`Task.sleep`,
/// URLSession and AsyncHTTPClient do). Cancelling the caller cancels both and rethrows the
/// operation's error (usually `CancellationError`), never `timeout`.
public func withTimeout<T: Sendable>(
    _ limit: Duration, operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw RegisterError.timeout
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

/// A register that is slow, fails or times out on purpose: wraps any adapter for tests and demos.
/// Counts the calls that reach it (`calls`) and those passed on to the wrapped adapter (`forwarded`).
public final class FaultInjectingAdapter: RegisterAdapter {
    /// When calls fail.
    public enum Failure: Sendable, Hashable {
        /// Never.
        case never
        /// Every call, with this error.
        case always(RegisterError)
        /// The calls with these 1-based numbers, with this error.
        case calls(Set<Int>, RegisterError)
        /// Every n-th call (n, 2n, …), with this error.
        case everyNth(Int, RegisterError)

        func error(forCall n: Int) -> RegisterError? {
            switch self {
            case .never: nil
            case .always(let e): e
            case .calls(let numbers, let e): numbers.contains(n) ? e : nil
            case .everyNth(let k, let e): k > 0 && n % k == 0 ? e : nil
            }
        }
    }

    /// The faults to inject.
    public struct Faults: Sendable, Hashable {
        /// Added before every call (the wrapped adapter is asked afterwards).
        public var latency: Duration
        /// When calls fail (after the latency).
        public var failure: Failure
        /// When set, a call (latency included) not done by then throws `RegisterError.timeout`.
        public var timeout: Duration?

        public init(latency: Duration = .zero, failure: Failure = .never, timeout: Duration? = nil) {
            self.latency = latency
            self.failure = failure
            self.timeout = timeout
        }
    }

    /// The adapter asked when no fault intervenes.
    public let wrapped: any RegisterAdapter
    private let state: Mutex<(faults: Faults, calls: Int, forwarded: Int)>

    /// Wraps `adapter`; no faults unless given.
    public init(wrapping adapter: any RegisterAdapter, faults: Faults = Faults()) {
        wrapped = adapter
        state = Mutex((faults, 0, 0))
    }

    public var id: RegisterID { wrapped.id }
    public var descriptor: RegisterDescriptor { wrapped.descriptor }

    /// The faults in force; changing them affects the next calls.
    public var faults: Faults {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    /// Calls received.
    public var calls: Int { state.withLock { $0.calls } }
    /// Calls passed on to the wrapped adapter.
    public var forwarded: Int { state.withLock { $0.forwarded } }

    public func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence {
        let (faults, n) = state.withLock { s in
            s.calls += 1
            return (s.faults, s.calls)
        }
        let call: @Sendable () async throws -> Evidence = { [self] in
            if faults.latency > .zero { try await Task.sleep(for: faults.latency) }
            if let error = faults.failure.error(forCall: n) { throw error }
            state.withLock { $0.forwarded += 1 }
            return try await wrapped.query(q, context: context)
        }
        if let limit = faults.timeout { return try await withTimeout(limit, operation: call) }
        return try await call()
    }
}
