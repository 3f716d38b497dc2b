// Search benchmark, in process: builds a synthetic catalogue of N services from the seed
// catalogue's vocabulary, times the index build, and times realistic queries (p50/p99 over many
// repetitions). The seed catalogue (78 services) is measured in the same run as the reference.
// Writes JSON to stdout; `--export FILE` also writes the synthetic catalogue for the HTTP benchmark.
//
//   swift build -c release --product catalog-bench && .build/release/catalog-bench [--count 10000] [--export FILE]

import Catalog
import Foundation
import Regions

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let count = Int(option("--count") ?? "") ?? 10_000
let repetitions = Int(option("--repetitions") ?? "") ?? 200

/// Deterministic pseudo-random numbers (SplitMix64), so every run builds the same catalogue.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// N services: the seed services plus variants whose texts mix words of the whole seed catalogue,
/// so the vocabulary and posting lists grow like a real catalogue's.
func synthetic(_ n: Int) throws -> ServiceCatalog {
    let seed = ServiceCatalog.seed.services
    var words: [String] = []
    for s in seed {
        for text in [s.name.de, s.summary.de, s.description.de] + s.synonyms {
            words += text.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count > 3 }
        }
    }
    var rng = SplitMix(state: 42)
    var services = seed
    var key = 99_900_000_000_000
    while services.count < n {
        var s = seed[Int.random(in: 0..<seed.count, using: &rng)]
        func mix(_ k: Int) -> String { (0..<k).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") }
        s.leika = String(key)
        key += 1
        s.name = LocalizedText(de: "\(s.name.de) \(mix(2))", en: s.name.en, ls: s.name.ls)
        s.summary = LocalizedText(de: mix(12), en: s.summary.en, ls: s.summary.ls)
        s.description = LocalizedText(de: mix(40), en: s.description.en, ls: s.description.ls)
        s.synonyms = [mix(2), mix(1)]
        s.popularity = Int.random(in: 1...60, using: &rng)
        services.append(s)
    }
    return try ServiceCatalog(services: services)
}

let queries = [
    "Auto anmelden Jena", "Perso verloren", "Wohngeld Saalfeld", "Hund anmelden Weimar", "Gewerbe anmelden 99084",
    "umziehen", "Führerschein machen", "Personalausweiss beantragen", "Reispass", "passport", "register my car",
    "Ich ziehe um", "Geld für die Miete", "Hundesteuer 07646", "Baugenehmigung", "Elterngeld Nordhausen",
]

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func measure(_ catalog: ServiceCatalog) -> [String: Any] {
    let clock = ContinuousClock()
    let buildStart = clock.now
    let finder = ServiceFinder(catalog: catalog, regions: .thuringia)
    let build = clock.now - buildStart
    var samples: [Double] = []
    samples.reserveCapacity(queries.count * repetitions)
    var found = 0
    for _ in 0..<3 { for q in queries { found += finder.find(q).services.count } }  // warm-up
    let start = clock.now
    for _ in 0..<repetitions {
        for q in queries {
            let t0 = clock.now
            found += finder.find(q).services.count
            let d = clock.now - t0
            samples.append(Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1e3)
        }
    }
    let total = clock.now - start
    samples.sort()
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    let buildMs = Double(build.components.seconds) * 1e3 + Double(build.components.attoseconds) / 1e15
    return [
        "services": catalog.services.count, "index_build_ms": (buildMs * 100).rounded() / 100,
        "queries": samples.count, "searches_per_second": Int(Double(samples.count) / seconds),
        "p50_ms": (percentile(samples, 0.50) * 1000).rounded() / 1000,
        "p99_ms": (percentile(samples, 0.99) * 1000).rounded() / 1000,
        "max_ms": ((samples.last ?? 0) * 1000).rounded() / 1000, "results_returned": found,
    ]
}

let big = try synthetic(count)
if let path = option("--export") {
    struct File: Encodable {
        var version = 1
        var services: [Service]
    }
    try JSONEncoder().encode(File(services: big.services)).write(to: URL(fileURLWithPath: path))
}
let reference = measure(.seed)
let result = measure(big)
let p99 = result["p99_ms"] as? Double ?? .infinity
let build = result["index_build_ms"] as? Double ?? .infinity
let report: [String: Any] = [
    "benchmark": "catalogue search, in process", "reference_seed_catalogue": reference, "synthetic": result,
    "targets": [
        "p99_under_2ms": ["limit_ms": 2, "value_ms": p99, "met": p99 < 2],
        "index_build_under_1s": ["limit_ms": 1000, "value_ms": build, "met": build < 1000],
    ],
]
let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: data, as: UTF8.self))
