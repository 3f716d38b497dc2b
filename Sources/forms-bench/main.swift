import Applications
import Forms
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// forms-bench: the in-process figures behind issue 5, printed as one JSON object.
//
//   forms-bench [--runs N]
//
// - import: a generated XDatenfelder 2.0 schema of 1,000 fields in 200 groups (target < 50 ms),
//   next to the baseline of XMLParser alone on the same bytes;
// - validate: the real parking-permit form (S05000058) validating a complete application,
//   and the JSON parse of that application.
// bench/forms.py runs it with the HTTP submission benchmark.

var runs = 50
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    if arg == "--runs", let n = args.popFirst().flatMap(Int.init) { runs = max(n, 5) }
}

final class NullDelegate: NSObject, XMLParserDelegate {
    var count = 0
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) { count += 1 }
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func stats(_ samples: [Double]) -> [String: Double] {
    let s = samples.sorted()
    return ["median": s[s.count / 2], "p99": s[min(s.count - 1, s.count * 99 / 100)], "runs": Double(s.count)]
}

let xml = SyntheticSchema.xdf2(fields: 1_000, groups: 200)
var fieldCount = 0
var imports: [Double] = []
var baseline: [Double] = []
for _ in 0..<runs {
    imports.append(
        try time {
            let result = try XDatenfelder.parse(xml)
            fieldCount = result.elements.filter { $0.kind == .field }.count
        })
    baseline.append(
        time {
            let parser = XMLParser(data: xml)
            let delegate = NullDelegate()
            parser.delegate = delegate
            _ = parser.parse()
        })
}
precondition(fieldCount == 1_000, "expected 1,000 fields, got \(fieldCount)")

let registry = try FormRegistry.embedded()
let form = registry.form(id: "S05000058")!
// A complete application (the same file the HTTP benchmark and the API tests submit).
let sample = try FormValue.parse(
    try Data(contentsOf: URL(fileURLWithPath: "data/forms/bewohnerparkausweis/beispiel-antrag.json")))
let issues = form.validate(sample)
precondition(issues.isEmpty, "the sample application is not valid: \(issues)")
let bytes = Array(sample.jsonData())
var validations: [Double] = []
var parses: [Double] = []
for _ in 0..<(runs * 200) {
    validations.append(time { precondition(form.validate(sample).isEmpty) })
    parses.append(time { _ = try? FormValue.parse(bytes) })
}

let import1000 = stats(imports)
let out: [String: Any] = [
    "import_1000_fields_ms": import1000, "xmlparser_alone_ms": stats(baseline),
    "import_target_met": import1000["median"]! < 50,
    "validate_parking_permit_ms": stats(validations), "parse_parking_permit_json_ms": stats(parses),
    "xml_bytes": xml.count,
]
let json = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
