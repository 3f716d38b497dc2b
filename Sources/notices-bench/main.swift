import Crypto
import Foundation
import Notices

// Renders and seals N Wohngeld notices (two pages, 15-row calculation table) on one thread and
// reports throughput and latency, next to baselines measured in the same run:
//   render only      — the same notice as an unsealed, uncompressed PDF/A
//   seal only        — sealing an already rendered notice (parse, update, SHA-256, CMS, ECDSA)
//   hash + sign only — raw SHA-256 over the file size plus one ECDSA P-256 signature
// Usage: notices-bench [count] [font-directory]   (build with -c release)

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
let fontDirectory = arguments.count > 2 ? arguments[2] : "data/fonts"
let target = 500.0

struct Stats {
    let name: String
    let nanoseconds: [UInt64]

    var perSecond: Double { Double(nanoseconds.count) / (Double(nanoseconds.reduce(0, +)) / 1e9) }

    func percentile(_ p: Double) -> Double {
        let sorted = nanoseconds.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return Double(sorted[index]) / 1e6
    }

    var line: String {
        func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
        return "\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(format(perSecond, 0).leftPad(8)) /s"
            + "   p50 \(format(percentile(0.5), 3)) ms   p99 \(format(percentile(0.99), 3)) ms"
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

func measure(_ name: String, _ iterations: Int, _ body: (Int) throws -> Void) rethrows -> Stats {
    for index in 0..<min(50, iterations) { try body(index) }  // warm-up
    var samples: [UInt64] = []
    samples.reserveCapacity(iterations)
    for index in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        try body(index)
        samples.append(DispatchTime.now().uptimeNanoseconds - start)
    }
    return Stats(name: name, nanoseconds: samples)
}

let renderer = try NoticeRenderer(fontDirectory: fontDirectory)
let root = try DemoCertificateAuthority.create()
let identity = try root.issueSealCertificate(authorityName: "Stadtverwaltung Erfurt – Wohngeldbehörde")
let sealer = try identity.sealer()
let documents = (0..<64).map { DemoNotices.wohngeld(noticeNumber: "WG-2025-\(100_000 + $0)") }
let created = Date()

var sink = 0
var lastSealed: [UInt8] = []
let sealedStats = try measure("render + seal", count) { index in
    let pdf = try renderer.render(documents[index % documents.count], creationDate: created)
    lastSealed = try sealer.seal(pdf: pdf, signingTime: created, reason: "Bescheid", location: "Erfurt")
    sink &+= lastSealed.count
}
let renderStats = try measure("render only (baseline)", count) { index in
    sink &+= try renderer.render(documents[index % documents.count], creationDate: created).count
}
let rendered = try renderer.render(documents[0], creationDate: created)
let sealStats = try measure("seal only", count) { _ in
    sink &+= try sealer.seal(pdf: rendered, signingTime: created).count
}
let key = identity.privateKey
let hashSignStats = try measure("SHA-256 + ECDSA only", count) { _ in
    let digest = SHA256.hash(data: lastSealed)
    sink &+= try key.signature(for: digest).derRepresentation.count
}

let verification = NoticeVerifier.verify(pdf: lastSealed, trustedRoots: [root.certificate])
guard verification.genuine, verification.seal?.chainTrusted == true else {
    print("the benchmark's output does not verify: \(verification.problems)")
    exit(1)
}

print("notices-bench: \(count) notices, single thread, \(lastSealed.count) bytes per sealed PDF")
for stats in [sealedStats, renderStats, sealStats, hashSignStats] { print(stats.line) }
let met = sealedStats.perSecond >= target
print("target ≥ \(Int(target)) sealed PDFs/s/core: \(met ? "met" : "NOT met") (\(Int(sealedStats.perSecond))/s)")
if sink == 42 { print("") }  // keep the work observable
