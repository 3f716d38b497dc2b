import Foundation
import Rules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// In-process benchmark of `Wohngeld.calculate` (no JSON, no trace rendering as text; the structured trace is
/// recorded unless a variant says otherwise).
///
/// - No arguments: median nanoseconds per calculation over a fixed mix of six households (smoke test).
/// - `--households FILE [--rounds R]`: households as JSON lines (the format of `amtsweg rules wohngeld`, see
///   docs/rules/wohngeld.md) are decoded first (not timed), then
///   1. every household is timed on its own (clock_gettime around one call) → median / p99 / p99.9 / max,
///   2. the whole list is calculated R times in a tight loop → seconds per round (throughput),
///   3. the same with the parameter set resolved once per Stichtag (`calculate(_:parameters:)`),
///   4. the same as 2 without trace (`calculate(_:trace: .none)`), and with the trace read as `[TraceEntry]` and the
///      reason as text (what the engine built eagerly before),
///   5. 2 and the no-trace variant on all cores (one contiguous chunk per thread).
///   `--only full|once|none|materialized|decode` runs one loop alone (`--rounds` times) and prints its checksum.
///   One JSON object with the numbers is printed on stdout (used by bench/wohngeld.py).
func nanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func fixedMix() {
    let stichtag = LocalDate(year: 2025, month: 6, day: 1)
    var households: [Household] = []
    for size in 1...6 {
        let members = (0..<size).map { index in
            HouseholdMember(
                rolle: index == 0 ? .antragsteller : (index == 1 ? .partner : .kind),
                alter: index < 2 ? 40 : 10,
                jahreseinkommen: index < 2 ? FixedDecimal(14_000 + 1_000 * size) : .zero,
                zahltSteuern: index == 0, zahltKrankenPflegeversicherung: index < 2, zahltRentenversicherung: index < 2)
        }
        households.append(
            Household(
                stichtag: stichtag, mietstufe: 1 + size % 7, wohnkosten: .miete(FixedDecimal(400 + 120 * size)),
                mitglieder: members))
    }

    let rounds = 31
    let perRound = 20_000
    var samples: [Double] = []
    var checksum: Int64 = 0
    for _ in 0..<rounds {
        let start = nanoseconds()
        for index in 0..<perRound {
            checksum &+= Wohngeld.calculate(households[index % households.count]).betrag
        }
        samples.append(Double(nanoseconds() - start) / Double(perRound))
    }
    samples.sort()
    let median = samples[rounds / 2]
    print(
        "wohngeld-bench: median \(Int(median.rounded())) ns per calculation (\(rounds) rounds × \(perRound), checksum \(checksum))"
    )
}

struct FileReport: Encodable {
    struct Latency: Encodable {
        let samples: Int
        let medianNs: Double
        let p90Ns: Double
        let p99Ns: Double
        let p999Ns: Double
        let maxNs: Double
        let meanNs: Double
        /// Median cost of an empty clock_gettime pair, included in every sample above.
        let clockOverheadNs: Double
    }
    let households: Int
    let decodeSeconds: Double
    /// `calculate(_:)` (structured trace recorded), one clock pair around each call.
    let latency: Latency
    /// `calculate(_:trace: .none)`, one clock pair around each call.
    let latencyNoTrace: Latency
    /// Throughput of `calculate(_:)` (parameter set looked up per household, structured trace), one thread.
    let roundSeconds: [Double]
    let medianRoundSeconds: Double
    let medianNsPerHousehold: Double
    let householdsPerSecond: Double
    /// Same loop with the parameter set resolved once per Stichtag (`WoGGParameterSet.referenz(am:)`, then
    /// `calculate(_:parameters:)`), as a batch job would do; structured trace; one thread.
    let parametersOnceRoundSeconds: [Double]
    let parametersOnceHouseholdsPerSecond: Double
    /// `calculate(_:trace: .none)`: same amounts, status and reasons, no trace; one thread.
    let noTraceRoundSeconds: [Double]
    let noTraceHouseholdsPerSecond: Double
    /// `calculate(_:)` and then its `trace` read as `[TraceEntry]` (key, label, norm strings) and its
    /// `begruendung` as text — everything the old engine built eagerly; one thread.
    let materializedRoundSeconds: [Double]
    let materializedHouseholdsPerSecond: Double
    /// `calculate(_:)` on all cores (contiguous chunks, one per thread), structured trace.
    let threads: Int
    let parallelRoundSeconds: [Double]
    let parallelHouseholdsPerSecond: Double
    /// `calculate(_:trace: .none)` on all cores.
    let parallelNoTraceRoundSeconds: [Double]
    let parallelNoTraceHouseholdsPerSecond: Double
    let checksumBetrag: Int64
    let statusCounts: [String: Int]
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return Double(sorted[max(index, 0)])
}

func decodeHouseholds(path: String) throws -> [Household] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let decoder = JSONDecoder()
    var households: [Household] = []
    households.reserveCapacity(1_000_000)
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        lineNumber += 1
        let request = try decoder.decode(WohngeldRequest.self, from: Data(line.utf8))
        do {
            households.append(try request.household().0)
        } catch {
            FileHandle.standardError.write(Data("line \(lineNumber): \(error)\n".utf8))
            exit(2)
        }
    }
    return households
}

func fileBenchmark(path: String, rounds: Int) throws {
    let decodeStart = nanoseconds()
    let households = try decodeHouseholds(path: path)
    let decodeSeconds = Double(nanoseconds() - decodeStart) / 1e9
    guard !households.isEmpty else {
        FileHandle.standardError.write(Data("no households in \(path)\n".utf8))
        exit(2)
    }

    // Warm-up (parameter lookup, caches).
    var checksum: Int64 = 0
    for household in households.prefix(10_000) { checksum &+= Wohngeld.calculate(household).betrag }

    // 1. Latency of single decisions.
    var overhead: [UInt64] = []
    overhead.reserveCapacity(100_000)
    for _ in 0..<100_000 {
        let a = nanoseconds()
        let b = nanoseconds()
        overhead.append(b - a)
    }
    overhead.sort()
    let clockOverhead = percentile(overhead, 0.5)
    var statusCounts: [String: Int] = [:]
    var sum: Int64 = 0
    let latency = households.withUnsafeBufferPointer { list in
        var samples = [UInt64](repeating: 0, count: list.count)
        for index in list.indices {
            let start = nanoseconds()
            let result = Wohngeld.calculate(list[index])
            let stop = nanoseconds()
            samples[index] = stop - start
            sum &+= result.betrag
            statusCounts[result.status.rawValue, default: 0] += 1
        }
        return summary(&samples, clockOverhead: clockOverhead)
    }
    let latencyNoTrace = households.withUnsafeBufferPointer { list in
        var samples = [UInt64](repeating: 0, count: list.count)
        var check: Int64 = 0
        for index in list.indices {
            let start = nanoseconds()
            let result = Wohngeld.calculate(list[index], trace: .none)
            let stop = nanoseconds()
            samples[index] = stop - start
            check &+= result.betrag
        }
        precondition(check == sum, "no-trace latency loop differs")
        return summary(&samples, clockOverhead: clockOverhead)
    }

    // 2.–5. Throughput: the whole list, R rounds per variant, one thread.
    let single = { (name: String, loop: (UnsafeBufferPointer<Household>) -> Int64) -> [Double] in
        households.withUnsafeBufferPointer { list in
            var seconds: [Double] = []
            for _ in 0..<rounds {
                let start = nanoseconds()
                let roundSum = loop(list)
                seconds.append(Double(nanoseconds() - start) / 1e9)
                precondition(roundSum == sum, "\(name): checksum differs")
            }
            return seconds
        }
    }
    let roundSeconds = single("calculate(_:)", fullLoop)
    let onceSeconds = single("parameters once", parametersOnceLoop)
    let noTraceSeconds = single("trace: .none", noTraceLoop)
    let materializedSeconds = single("materialized trace", materializedLoop)

    // 6., 7. All cores.
    let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let parallel = { (name: String, mode: Wohngeld.TraceMode) -> [Double] in
        households.withUnsafeBufferPointer { list in
            nonisolated(unsafe) let shared = list
            var seconds: [Double] = []
            for _ in 0..<rounds {
                let partial = UnsafeMutablePointer<Int64>.allocate(capacity: threads * 8)  // one cache line each
                nonisolated(unsafe) let out = partial
                let chunk = (shared.count + threads - 1) / threads
                let start = nanoseconds()
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    var s: Int64 = 0
                    let lower = t * chunk
                    let upper = min(shared.count, lower + chunk)
                    if lower < upper {
                        for index in lower..<upper { s &+= Wohngeld.calculate(shared[index], trace: mode).betrag }
                    }
                    out[t * 8] = s
                }
                seconds.append(Double(nanoseconds() - start) / 1e9)
                var total: Int64 = 0
                for t in 0..<threads { total &+= partial[t * 8] }
                partial.deallocate()
                precondition(total == sum, "\(name): checksum differs")
            }
            return seconds
        }
    }
    let parallelSeconds = parallel("parallel", .full)
    let parallelNoTraceSeconds = parallel("parallel, trace: .none", .none)

    let n = Double(households.count)
    let median = { (seconds: [Double]) in seconds.sorted()[seconds.count / 2] }
    let report = FileReport(
        households: households.count, decodeSeconds: decodeSeconds, latency: latency, latencyNoTrace: latencyNoTrace,
        roundSeconds: roundSeconds, medianRoundSeconds: median(roundSeconds),
        medianNsPerHousehold: median(roundSeconds) * 1e9 / n, householdsPerSecond: n / median(roundSeconds),
        parametersOnceRoundSeconds: onceSeconds, parametersOnceHouseholdsPerSecond: n / median(onceSeconds),
        noTraceRoundSeconds: noTraceSeconds, noTraceHouseholdsPerSecond: n / median(noTraceSeconds),
        materializedRoundSeconds: materializedSeconds,
        materializedHouseholdsPerSecond: n / median(materializedSeconds), threads: threads,
        parallelRoundSeconds: parallelSeconds, parallelHouseholdsPerSecond: n / median(parallelSeconds),
        parallelNoTraceRoundSeconds: parallelNoTraceSeconds,
        parallelNoTraceHouseholdsPerSecond: n / median(parallelNoTraceSeconds),
        checksumBetrag: sum, statusCounts: statusCounts)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

func summary(_ samples: inout [UInt64], clockOverhead: Double) -> FileReport.Latency {
    let mean = Double(samples.reduce(0, &+)) / Double(samples.count)
    samples.sort()
    return .init(
        samples: samples.count, medianNs: percentile(samples, 0.5), p90Ns: percentile(samples, 0.9),
        p99Ns: percentile(samples, 0.99), p999Ns: percentile(samples, 0.999), maxNs: Double(samples.last!),
        meanNs: mean, clockOverheadNs: clockOverhead)
}

// The timed loops (also run alone by `--only`, e.g. under valgrind).
func fullLoop(_ list: UnsafeBufferPointer<Household>) -> Int64 {
    var sum: Int64 = 0
    for index in list.indices { sum &+= Wohngeld.calculate(list[index]).betrag }
    return sum
}

func parametersOnceLoop(_ list: UnsafeBufferPointer<Household>) -> Int64 {
    var sum: Int64 = 0
    var cachedDate: LocalDate? = nil
    var cached: WoGGParameterSet.Referenz? = nil
    for index in list.indices {
        if cachedDate != list[index].stichtag {
            cachedDate = list[index].stichtag
            cached = WoGGParameterSet.referenz(am: list[index].stichtag)
        }
        if let cached {
            sum &+= Wohngeld.calculate(list[index], parameters: cached).betrag
        } else {
            sum &+= Wohngeld.calculate(list[index]).betrag
        }
    }
    return sum
}

func noTraceLoop(_ list: UnsafeBufferPointer<Household>) -> Int64 {
    var sum: Int64 = 0
    for index in list.indices { sum &+= Wohngeld.calculate(list[index], trace: .none).betrag }
    return sum
}

/// Reads what the old engine built for every result: the trace as `[TraceEntry]` and the reason text.
func materializedLoop(_ list: UnsafeBufferPointer<Household>) -> Int64 {
    var sum: Int64 = 0
    var sink = 0
    for index in list.indices {
        let result = Wohngeld.calculate(list[index])
        let trace = result.trace
        sink &+= trace.count &+ result.begruendung.utf8.count
        sum &+= result.betrag
    }
    precondition(sink > 0)
    return sum
}

/// `--only VARIANT`: decode, then run one loop `rounds` times and print the checksum (for instruction counts).
func onlyLoop(path: String, variant: String, rounds: Int) throws {
    let households = try decodeHouseholds(path: path)
    let loops: [String: (UnsafeBufferPointer<Household>) -> Int64] = [
        "full": fullLoop, "once": parametersOnceLoop, "none": noTraceLoop, "materialized": materializedLoop,
        "decode": { _ in 0 },
    ]
    guard let loop = loops[variant] else {
        FileHandle.standardError.write(Data("--only: one of \(loops.keys.sorted())\n".utf8))
        exit(2)
    }
    var sum: Int64 = 0
    households.withUnsafeBufferPointer { list in
        for _ in 0..<rounds { sum &+= loop(list) }
    }
    print("checksum \(sum) (\(rounds) rounds of \(households.count))")
}

let arguments = Array(CommandLine.arguments.dropFirst())
if let index = arguments.firstIndex(of: "--dump-fuzz"), index + 2 < arguments.count, let n = Int(arguments[index + 1]) {
    try dump(fuzzHouseholds(n), to: arguments[index + 2])
} else if let index = arguments.firstIndex(of: "--dump"), index + 2 < arguments.count {
    try dump(try decodeHouseholds(path: arguments[index + 1]), to: arguments[index + 2])
} else if let index = arguments.firstIndex(of: "--households"), index + 1 < arguments.count {
    var rounds = 5
    if let r = arguments.firstIndex(of: "--rounds"), r + 1 < arguments.count, let value = Int(arguments[r + 1]) {
        rounds = max(1, value)
    }
    if let o = arguments.firstIndex(of: "--only"), o + 1 < arguments.count {
        try onlyLoop(path: arguments[index + 1], variant: arguments[o + 1], rounds: rounds)
        exit(0)
    }
    try fileBenchmark(path: arguments[index + 1], rounds: rounds)
} else {
    fixedMix()
}
