import Foundation
import Rules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// In-process benchmark of `Wohngeld.calculate` (no JSON, no trace rendering; the structured trace the engine
/// always builds is included).
///
/// - No arguments: median nanoseconds per calculation over a fixed mix of six households (smoke test).
/// - `--households FILE [--rounds R]`: households as JSON lines (the format of `amtsweg rules wohngeld`, see
///   docs/rules/wohngeld.md) are decoded first (not timed), then
///   1. every household is timed on its own (clock_gettime around one call) → median / p99 / p99.9 / max,
///   2. the whole list is calculated R times in a tight loop → seconds per round (throughput),
///   3. the same with the parameter set resolved once per Stichtag (`calculate(_:parameters:)`),
///   4. the same as 2 on all cores (one contiguous chunk per thread).
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
    let latency: Latency
    let roundSeconds: [Double]
    let medianRoundSeconds: Double
    let medianNsPerHousehold: Double
    let householdsPerSecond: Double
    /// Same loop with the parameter set resolved once per Stichtag (`calculate(_:parameters:)`), as a batch
    /// job would do; one thread.
    let parametersOnceRoundSeconds: [Double]
    let parametersOnceHouseholdsPerSecond: Double
    /// `calculate(_:)` on all cores (contiguous chunks, one per thread).
    let threads: Int
    let parallelRoundSeconds: [Double]
    let parallelHouseholdsPerSecond: Double
    let checksumBetrag: Int64
    let statusCounts: [String: Int]
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return Double(sorted[max(index, 0)])
}

func fileBenchmark(path: String, rounds: Int) throws {
    let decodeStart = nanoseconds()
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
    var samples = [UInt64](repeating: 0, count: households.count)
    var statusCounts: [String: Int] = [:]
    var sum: Int64 = 0
    for index in households.indices {
        let start = nanoseconds()
        let result = Wohngeld.calculate(households[index])
        let stop = nanoseconds()
        samples[index] = stop - start
        sum &+= result.betrag
        statusCounts[result.status.rawValue, default: 0] += 1
    }
    let mean = Double(samples.reduce(0, &+)) / Double(samples.count)
    samples.sort()

    // 2. Throughput: the whole list, R rounds.
    var roundSeconds: [Double] = []
    for _ in 0..<rounds {
        var roundSum: Int64 = 0
        let start = nanoseconds()
        for household in households { roundSum &+= Wohngeld.calculate(household).betrag }
        roundSeconds.append(Double(nanoseconds() - start) / 1e9)
        precondition(roundSum == sum, "non-deterministic result")
    }
    let median = roundSeconds.sorted()[roundSeconds.count / 2]

    // 3. Parameter set resolved once (all households of a file share few Stichtage).
    var onceSeconds: [Double] = []
    for _ in 0..<rounds {
        var roundSum: Int64 = 0
        var cachedDate: LocalDate? = nil
        var cached: WoGGParameterSet? = nil
        let start = nanoseconds()
        for household in households {
            if cachedDate != household.stichtag {
                cachedDate = household.stichtag
                cached = WoGGParameterSet.gueltig(am: household.stichtag)
            }
            if let cached {
                roundSum &+= Wohngeld.calculate(household, parameters: cached).betrag
            } else {
                roundSum &+= Wohngeld.calculate(household).betrag
            }
        }
        onceSeconds.append(Double(nanoseconds() - start) / 1e9)
        precondition(roundSum == sum, "parameters-once loop differs")
    }
    let onceMedian = onceSeconds.sorted()[onceSeconds.count / 2]

    // 4. All cores.
    let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let shared = households
    var parallelSeconds: [Double] = []
    for _ in 0..<rounds {
        let partial = UnsafeMutablePointer<Int64>.allocate(capacity: threads)
        nonisolated(unsafe) let out = partial
        let chunk = (shared.count + threads - 1) / threads
        let start = nanoseconds()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var s: Int64 = 0
            let lower = t * chunk
            let upper = min(shared.count, lower + chunk)
            if lower < upper {
                for index in lower..<upper { s &+= Wohngeld.calculate(shared[index]).betrag }
            }
            out[t] = s
        }
        parallelSeconds.append(Double(nanoseconds() - start) / 1e9)
        var total: Int64 = 0
        for t in 0..<threads { total &+= partial[t] }
        partial.deallocate()
        precondition(total == sum, "parallel loop differs")
    }
    let parallelMedian = parallelSeconds.sorted()[parallelSeconds.count / 2]

    let report = FileReport(
        households: households.count, decodeSeconds: decodeSeconds,
        latency: .init(
            samples: samples.count, medianNs: percentile(samples, 0.5), p90Ns: percentile(samples, 0.9),
            p99Ns: percentile(samples, 0.99), p999Ns: percentile(samples, 0.999), maxNs: Double(samples.last!),
            meanNs: mean, clockOverheadNs: percentile(overhead, 0.5)),
        roundSeconds: roundSeconds, medianRoundSeconds: median,
        medianNsPerHousehold: median * 1e9 / Double(households.count),
        householdsPerSecond: Double(households.count) / median,
        parametersOnceRoundSeconds: onceSeconds,
        parametersOnceHouseholdsPerSecond: Double(households.count) / onceMedian, threads: threads,
        parallelRoundSeconds: parallelSeconds, parallelHouseholdsPerSecond: Double(households.count) / parallelMedian,
        checksumBetrag: sum, statusCounts: statusCounts)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

let arguments = Array(CommandLine.arguments.dropFirst())
if let index = arguments.firstIndex(of: "--households"), index + 1 < arguments.count {
    var rounds = 5
    if let r = arguments.firstIndex(of: "--rounds"), r + 1 < arguments.count, let value = Int(arguments[r + 1]) {
        rounds = max(1, value)
    }
    try fileBenchmark(path: arguments[index + 1], rounds: rounds)
} else {
    fixedMix()
}
