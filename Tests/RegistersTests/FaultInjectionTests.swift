import Foundation
import Synchronization
import Testing

@testable import Registers

@Suite struct FaultInjectionTests {
    func adapter(_ faults: FaultInjectingAdapter.Faults) -> FaultInjectingAdapter {
        FaultInjectingAdapter(wrapping: DemoResidentRegister(source: T.source, clock: { T.t0 }), faults: faults)
    }

    let query = RegisterQuery.person(DemoPeople.erikaQuery, categories: [.name])

    @Test func latencyDelaysTheAnswer() async throws {
        let a = adapter(.init(latency: .milliseconds(150)))
        let clock = ContinuousClock()
        let start = clock.now
        let e = try await a.query(query, context: T.context())
        #expect(clock.now - start >= .milliseconds(150))
        #expect(e.subjectID == DemoPeople.erika.id)
        #expect(a.calls == 1 && a.forwarded == 1)
    }

    @Test func aSlowRegisterTimesOut() async throws {
        // The latency is far beyond the bound, so the bound proves "gave up at the deadline" even
        // when the whole suite runs in parallel on a busy machine and the timer fires late.
        let a = adapter(.init(latency: .seconds(3600), timeout: .milliseconds(50)))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: RegisterError.timeout) { try await a.query(query, context: T.context()) }
        #expect(clock.now - start < .seconds(300), "gave up at the deadline, not after the latency")
        #expect(a.calls == 1 && a.forwarded == 0)
    }

    @Test func aFastRegisterWithinItsDeadlineAnswers() async throws {
        let a = adapter(.init(latency: .milliseconds(10), timeout: .seconds(120)))
        let e = try await a.query(query, context: T.context())
        #expect(e.data[EvidenceKey.familienname] == "Mustermann")
    }

    @Test func failuresAlwaysOnChosenCallsOrEveryNth() async throws {
        let down = RegisterError.unavailable(reason: "maintenance")
        let always = adapter(.init(failure: .always(down)))
        await #expect(throws: down) { try await always.query(query, context: T.context()) }
        #expect(always.forwarded == 0)

        let second = adapter(.init(failure: .calls([2], down)))
        _ = try await second.query(query, context: T.context())
        await #expect(throws: down) { try await second.query(query, context: T.context()) }
        _ = try await second.query(query, context: T.context())
        #expect(second.calls == 3 && second.forwarded == 2)

        let third = adapter(.init(failure: .everyNth(3, .timeout)))
        var failures = 0
        for _ in 0..<9 {
            do { _ = try await third.query(query, context: T.context()) } catch RegisterError.timeout { failures += 1 }
        }
        #expect(failures == 3)
    }

    @Test func faultsCanChangeBetweenCalls() async throws {
        let a = adapter(.init(failure: .always(.unavailable(reason: "down"))))
        await #expect(throws: RegisterError.self) { try await a.query(query, context: T.context()) }
        a.faults = .init()
        _ = try await a.query(query, context: T.context())
        #expect(a.forwarded == 1)
    }

    @Test func withTimeoutReturnsTheValueWhenInTime() async throws {
        let v = try await withTimeout(.seconds(10)) { 42 }
        #expect(v == 42)
    }

    @Test func withTimeoutCancelsTheOperation() async throws {
        let cancelled = ManagedFlag()
        await #expect(throws: RegisterError.timeout) {
            try await withTimeout(.milliseconds(20)) {
                do {
                    try await Task.sleep(for: .seconds(600))
                } catch {
                    cancelled.set()
                    throw error
                }
                return 1
            }
        }
        #expect(cancelled.value, "the slow operation saw the cancellation")
    }

    @Test func cancellingTheCallerIsNotATimeout() async throws {
        let task = Task {
            try await withTimeout(.seconds(600)) {
                try await Task.sleep(for: .seconds(600))
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func anOperationErrorPassesThrough() async throws {
        await #expect(throws: RegisterError.notFound) {
            try await withTimeout(.seconds(10)) { () async throws -> Int in throw RegisterError.notFound }
        }
    }
}

/// A thread-safe boolean for tests.
final class ManagedFlag: Sendable {
    private let storage = Mutex(false)
    func set() { storage.withLock { $0 = true } }
    var value: Bool { storage.withLock { $0 } }
}
