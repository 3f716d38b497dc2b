import Foundation

/// Static quality checks from the FIM catalogue (xdfm-meldungen), run on an `ImportResult`: the model plus
/// the raw facts in `ImportResult.elements`. Each finding carries the catalogue's code, severity and text;
/// checks whose code is missing from the given catalogue, or marked "Deaktiviert" there, are not reported.
public struct Linter: Sendable {
    public let rules: [String: QualityRule]

    public init(rules: [QualityRule]) {
        self.rules = Dictionary(rules.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Catalogue codes this linter checks (see README for the ones it cannot check and why).
    public static let implementedCodes: [String] = [
        "1002", "1003", "1004", "1005", "1006", "1007", "1009", "1010", "1011", "1012", "1013", "1014", "1015",
        "1016", "1017", "1018", "1021", "1022", "1023", "1024", "1025", "1026", "1029", "1030", "1031", "1032",
        "1033", "1034", "1037", "1039", "1040", "1043", "1044", "1045", "1046", "1047", "1048", "1051", "1056",
        "1057", "1058", "1059", "1060", "1061", "1062", "1063", "1064", "1065", "1066", "1067", "1068", "1069",
        "1070", "1071", "1072", "1073", "1074", "1075", "1076", "1077", "1078", "1079", "1080", "1081", "1082",
        "1083", "1084", "1085", "1090", "1091", "1093", "1094", "1095", "1098", "1099", "1100", "1101", "1102",
        "1103", "1105", "1106", "1109", "1116", "1117", "1118", "1120", "1122", "1127", "1128", "1129", "1130",
        "1131", "1133", "1135", "1139", "1140", "1141", "1142", "1143",
    ]

    public func lint(_ result: ImportResult) -> [Finding] {
        var run = LintRun(linter: self, result: result)
        run.run()
        return run.findings
    }
}

/// One element occurrence in the model tree, paired with its raw facts.
private struct Occurrence {
    var element: Element
    var cardinality: Cardinality
    var info: ElementInfo
    /// Index of the parent occurrence; nil when the parent is the schema.
    var parent: Int?
    /// Ids of all enclosing groups.
    var ancestors: [String]
}

private struct LintRun {
    let linter: Linter
    let result: ImportResult
    let version: XDFVersion
    var findings: [Finding] = []
    private var seen: Set<Finding> = []

    init(linter: Linter, result: ImportResult) {
        self.linter = linter
        self.result = result
        self.version = result.schema.xdfVersion
    }

    mutating func emit(_ code: String, _ info: ElementInfo, _ detail: String? = nil) {
        guard let rule = linter.rules[code], rule.severity != .disabled else { return }
        let f = Finding(
            ruleCode: code, severity: rule.severity, message: rule.text, detail: detail,
            elementID: info.id.isEmpty ? nil : info.id, elementPath: info.elementPath)
        if seen.insert(f).inserted { findings.append(f) }
    }

    // MARK: - Pairing model and facts

    func occurrences() -> [Occurrence] {
        let infos = result.elements.filter { $0.kind == .group || $0.kind == .field }
        var byID: [String: ElementInfo] = [:]
        for i in infos where byID[i.id] == nil { byID[i.id] = i }
        var out: [Occurrence] = []
        var k = 0
        func walk(_ refs: [ElementRef], parent: Int?, ancestors: [String]) {
            for ref in refs {
                let id = ref.element.id
                let info: ElementInfo
                if k < infos.count, infos[k].id == id {
                    info = infos[k]
                    k += 1
                } else {
                    let kind: ElementInfo.Kind = if case .group = ref.element { .group } else { .field }
                    info =
                        byID[id]
                        ?? ElementInfo(
                            kind: kind, id: id, elementPath: id, cardinalityText: ref.cardinality.text, isDerived: true)
                }
                out.append(
                    Occurrence(
                        element: ref.element, cardinality: ref.cardinality, info: info, parent: parent,
                        ancestors: ancestors))
                if case .group(let g) = ref.element {
                    walk(g.children, parent: out.count - 1, ancestors: ancestors + [g.id])
                }
            }
        }
        walk(result.schema.children, parent: nil, ancestors: [])
        return out
    }

    var schemaInfo: ElementInfo {
        result.elements.first { $0.kind == .schema }
            ?? ElementInfo(
                kind: .schema, id: result.schema.id, version: result.schema.version, elementPath: result.schema.id,
                isDerived: true)
    }

    // MARK: - Run

    mutating func run() {
        let occ = occurrences()
        let schema = schemaInfo
        let isSchema = result.messageKind == .schema

        if isSchema { checkSchema(schema, occ) }

        var versionsByID: [String: (version: String?, info: ElementInfo)] = [:]
        var reportedVersionConflict: Set<String> = []
        var listVersions: [String: (version: String?, info: ElementInfo)] = [:]
        var reportedListConflict: Set<String> = []

        for o in occ {
            let parentInfo = o.parent.map { occ[$0].info } ?? (isSchema ? schema : nil)
            let parentVersion: String? =
                o.parent.map { occ[$0].element.version } ?? (isSchema ? result.schema.version : nil)
            checkCommon(o.element.texts, o.info, kind: o.info.kind)
            checkPlacement(o, parentInfo: parentInfo, parentVersion: parentVersion)

            // 1003: the same element in different versions.
            if let prior = versionsByID[o.info.id] {
                if prior.version != o.element.version, reportedVersionConflict.insert(o.info.id).inserted {
                    emit("1003", o.info, "versions \(prior.version ?? "none") and \(o.element.version ?? "none")")
                }
            } else {
                versionsByID[o.info.id] = (o.element.version, o.info)
            }

            switch o.element {
            case .group(let g):
                checkGroup(g, o)
            case .field(let f):
                checkField(f, o)
                if let list = f.codeList, isReference(list), !list.uri.isEmpty {
                    if let prior = listVersions[list.uri] {
                        if prior.version != list.version, reportedListConflict.insert(list.uri).inserted {
                            emit(
                                "1037", o.info,
                                "\(list.uri) in versions \(prior.version ?? "none") and \(list.version ?? "none")")
                        }
                    } else {
                        listVersions[list.uri] = (list.version, o.info)
                    }
                }
            }
        }

        let ruleInfos = Dictionary(
            result.elements.filter { $0.kind == .rule }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for rule in result.schema.rules {
            let info =
                ruleInfos[rule.id]
                ?? ElementInfo(kind: .rule, id: rule.id, version: rule.version, elementPath: rule.id, isDerived: true)
            checkRule(rule, info)
        }
    }

    // MARK: - Schema

    mutating func checkSchema(_ info: ElementInfo, _ occ: [Occurrence]) {
        let s = result.schema
        checkCommon(s.texts, info, kind: .schema)
        if isBlank(s.texts.legalBasis) { emit("1051", info) }
        if s.children.isEmpty { emit("1078", info) }
        if !info.isDerived {
            if info.derivationStructure == nil { emit("1033", info) }
            if info.derivationRepresentation == nil { emit("1034", info) }
            if version == .v3 && info.documentProfileID == nil { emit("1007", info) }
            if version == .v3, let st = info.status, ["3", "4", "5", "6", "7"].contains(st), info.statusSetOn == nil {
                emit("1143", info)
            }
        }
        if isFIMCreator(info.creator), numberRange(s.id) != "60" { emit("1141", info, info.creator) }
        checkDuplicateChildren(s.children, code: "1025", info)
        checkDefaultField(s.children, info)
    }

    // MARK: - Common to schema, groups, fields

    mutating func checkCommon(_ t: ElementTexts, _ info: ElementInfo, kind: ElementInfo.Kind) {
        if isBlank(t.name) { emit("1002", info) }
        if !idMatchesFormat(info.id, kind: kind) { emit("1039", info, info.id) }
        for (what, text) in [
            ("name", t.name), ("label", t.label), ("outputLabel", t.outputLabel), ("description", t.description),
            ("definition", t.definition), ("hint", t.hint), ("legalBasis", t.legalBasis),
        ] {
            if let text, let bad = StringLatin.firstInvalid(in: text) {
                emit("1131", info, "\(what): U+\(String(bad.value, radix: 16, uppercase: true))")
            }
        }
        if !info.isDerived {
            if info.status == nil && !(kind == .rule && version == .v3) { emit("1032", info) }
            if isBlank(info.creator) { emit("1117", info) }
        }
        if kind != .schema {
            if info.status == "inaktiv" || (version == .v3 && info.status == "7" && kind != .rule) {
                emit("1116", info)
            }
            if isFIMCreator(info.creator), numberRange(info.id) != "60" { emit("1140", info, info.creator) }
        }
        for r in info.relations {
            if r.objectID == nil { emit("1091", info) }
            if !(r.predicate.map { ["ABL", "ERS", "EQU", "VKN"].contains($0) } ?? false) {
                emit("1029", info, r.predicate)
            }
        }
        for link in info.legalBasisLinks where !isWebURL(link) { emit("1133", info, link) }
    }

    /// Checks of a group or field at its place in the tree.
    mutating func checkPlacement(_ o: Occurrence, parentInfo: ElementInfo?, parentVersion: String?) {
        let info = o.info
        let t = o.element.texts
        if info.kind == .group || info.kind == .field {
            if !info.hasInputLabel { emit("1009", info) }
            if isBlank(t.outputLabel) { emit("1010", info) }
            if info.elementType == "RNG" && isBlank(t.legalBasis) { emit("1006", info) }
            if info.elementType == "HAR" && isBlank(t.legalBasis) { emit("1101", info) }
            if info.hasInputLabel, let hint = t.hint, !isBlank(hint), hint == t.label { emit("1098", info) }
            if let hint = t.hint, !isBlank(hint), hint == t.name { emit("1099", info) }
            if !info.isDerived && info.elementType == nil { emit("1031", info) }
            if info.kind == .field && info.elementType == "ABS" { emit("1014", info) }
            if version == .v3, !info.isDerived, let st = info.status, ["3", "4", "5", "6", "7"].contains(st),
                info.statusSetOn == nil
            {
                emit("1142", info)
            }
        }
        guard let parentInfo else { return }  // the root of a group/field message has no parent
        if info.elementType == "ABS" { emit("1013", info) }
        if parentInfo.elementType == "RNG", info.elementType == "ABS" || info.elementType == "HAR",
            isBlank(info.structureLegalBasis)
        {
            emit("1022", info)
        }
        if parentVersion != nil && o.element.version == nil { emit("1135", info) }
        if parentInfo.publishedOn != nil {
            if info.publishedOn == nil { emit(parentInfo.kind == .schema ? "1127" : "1128", info) }
            if let st = info.status, st == "1" || st == "2" || st == "inVorbereitung" {
                emit(parentInfo.kind == .schema ? "1129" : "1130", info, st)
            }
        }
        if parentInfo.groupKind == "X", o.cardinality != .optional { emit("1118", info, o.cardinality.text) }
        if !info.isDerived && !(info.cardinalityText.map { !$0.isEmpty } ?? false) { emit("1021", info) }
        if let text = info.cardinalityText, !text.isEmpty, Cardinality(anzahl: text) == nil {
            if text.split(separator: ":").count == 2, let a = Int(text.split(separator: ":")[0]),
                let b = Int(text.split(separator: ":")[1]), a > b
            {
                emit("1047", info, text)
            } else {
                emit("1046", info, text)
            }
        } else if let max = o.cardinality.max, max < o.cardinality.min {
            emit("1047", info, o.cardinality.text)
        }
    }

    // MARK: - Groups

    mutating func checkGroup(_ g: Group, _ o: Occurrence) {
        let info = o.info
        if o.ancestors.contains(g.id) { emit("1026", info) }
        if g.children.isEmpty { emit("1023", info) }
        if g.children.count == 1 { emit("1106", info) }
        if info.groupKind == "X" && g.children.count < 2 { emit("1043", info) }
        checkDuplicateChildren(g.children, code: "1004", info)
        checkDefaultField(g.children, info)
    }

    mutating func checkDuplicateChildren(_ children: [ElementRef], code: String, _ info: ElementInfo) {
        var seen: Set<String> = []
        var reported: Set<String> = []
        for c in children {
            let key = "\(c.element.id):\(c.element.version ?? "")"
            if !seen.insert(key).inserted, reported.insert(key).inserted { emit(code, info, key) }
        }
    }

    mutating func checkDefaultField(_ children: [ElementRef], _ info: ElementInfo) {
        guard children.contains(where: { $0.element.id == "F60000000001" }) else { return }
        emit("1095", info)
        if children.count > 1 { emit("1094", info) }
    }

    // MARK: - Fields

    mutating func checkField(_ f: Field, _ o: Occurrence) {
        let info = o.info
        let c = f.constraints
        let textual: Set<DataType> = [.text, .textLatin]
        let ranged: Set<DataType> = [.num, .numInt, .numCurrency, .time, .date, .datetime]
        let hasLength = c.minLength != nil || c.maxLength != nil
        let hasRange = c.minValue != nil || c.maxValue != nil

        if f.kind == .select && f.dataType != .text { emit("1011", info, f.dataType.rawValue) }
        if (f.kind == .select || f.kind == .label) && hasLength { emit("1012", info) }
        if hasLength && !textual.contains(f.dataType) { emit("1015", info, f.dataType.rawValue) }
        if hasRange && !ranged.contains(f.dataType) { emit("1016", info, f.dataType.rawValue) }
        if f.codeList != nil && f.kind != .select { emit("1017", info, f.kind.rawValue) }
        if f.kind == .select && f.codeList == nil { emit("1018", info) }
        if c.maxSize != nil && f.dataType != .file { emit("1056", info) }
        if !c.mediaTypes.isEmpty && f.dataType != .file { emit("1057", info) }
        if (f.dataType == .file || f.dataType == .obj) && c.pattern != nil { emit("1120", info) }
        if (f.dataType == .file || f.dataType == .obj) && !isBlank(f.content) { emit("1100", info) }
        if f.kind == .label && ![.obj, .text, .textLatin].contains(f.dataType) {
            emit("1090", info, f.dataType.rawValue)
        }
        if f.kind == .label && isBlank(f.content) { emit("1109", info) }
        if f.kind == .input && textual.contains(f.dataType) && (c.minLength == nil || c.maxLength == nil) {
            emit("1102", info)
        }
        if [.num, .numInt, .numCurrency, .date].contains(f.dataType) && f.kind != .select && !hasRange {
            emit("1103", info)
        }
        if f.dataType == .file && o.cardinality.max != nil { emit("1139", info, o.cardinality.text) }
        if (info.codeKey != nil || info.nameKey != nil || info.helpKey != nil)
            && !(f.codeList.map(isReference) ?? false)
        {
            emit("1058", info)
        }
        if !info.missingCodeListColumns.isEmpty {
            emit("1122", info, info.missingCodeListColumns.joined(separator: ", "))
        }
        if version == .v3 && !info.isDerived && info.prefill == nil { emit("1030", info) }
        checkLengths(f, info)
        checkBounds(f, info)
        checkContent(f, info)
        if let list = f.codeList { checkCodeList(list, info) }
    }

    mutating func checkLengths(_ f: Field, _ info: ElementInfo) {
        let c = f.constraints
        if let raw = info.precision["minLength"], Int(Text.trim(raw)) == nil { emit("1059", info, raw) }
        if let n = c.minLength, n < 0 { emit("1059", info, String(n)) }
        if let raw = info.precision["maxLength"], Int(Text.trim(raw)) == nil { emit("1060", info, raw) }
        if let n = c.maxLength, n <= 0 { emit("1060", info, String(n)) }
        if let lo = c.minLength, let hi = c.maxLength, lo > hi { emit("1061", info, "\(lo) > \(hi)") }
    }

    mutating func checkBounds(_ f: Field, _ info: ElementInfo) {
        let c = f.constraints
        let codes: (String, String)
        switch f.dataType {
        case .num, .numCurrency: codes = ("1062", "1063")
        case .numInt: codes = ("1065", "1066")
        case .date: codes = ("1067", "1068")
        case .datetime: codes = ("1079", "1080")
        case .time: codes = ("1081", "1082")
        default: return
        }
        var lowOK = true
        var highOK = true
        if let lo = c.minValue, !ValueFormat.matches(lo, f.dataType) {
            emit(codes.0, info, lo)
            lowOK = false
        }
        if let hi = c.maxValue, !ValueFormat.matches(hi, f.dataType) {
            emit(codes.1, info, hi)
            highOK = false
        }
        if lowOK, highOK, let lo = c.minValue, let hi = c.maxValue,
            ValueFormat.compare(lo, hi, f.dataType) == .orderedDescending
        {
            emit("1064", info, "\(lo) > \(hi)")
        }
    }

    mutating func checkContent(_ f: Field, _ info: ElementInfo) {
        guard f.kind != .label, let content = f.content, !isBlank(content) else { return }
        let c = f.constraints
        let formatCode: String? =
            switch f.dataType {
            case .num, .numCurrency: "1069"
            case .numInt: "1070"
            case .date: "1071"
            case .datetime: "1083"
            case .time: "1084"
            case .bool: "1077"
            default: nil
            }
        if let formatCode, f.kind != .select {
            if !ValueFormat.matches(content, f.dataType) {
                emit(formatCode, info, content)
            } else {
                if let lo = c.minValue, ValueFormat.matches(lo, f.dataType),
                    ValueFormat.compare(content, lo, f.dataType) == .orderedAscending
                {
                    emit("1072", info, "\(content) < \(lo)")
                }
                if let hi = c.maxValue, ValueFormat.matches(hi, f.dataType),
                    ValueFormat.compare(content, hi, f.dataType) == .orderedDescending
                {
                    emit("1073", info, "\(content) > \(hi)")
                }
            }
        }
        if [.text, .textLatin].contains(f.dataType) && f.kind != .select {
            let length = content.count
            if let lo = c.minLength, length < lo { emit("1074", info, "\(length) < \(lo)") }
            if let hi = c.maxLength, length > hi { emit("1075", info, "\(length) > \(hi)") }
        }
        if let list = f.codeList, hasKnownEntries(list), !list.entries.contains(where: { $0.code == content }) {
            emit(isReference(list) ? "1076" : "1085", info, content)
        }
    }

    mutating func checkCodeList(_ list: CodeList, _ info: ElementInfo) {
        if isReference(list) {
            let uri = list.uri
            if uri.isEmpty {
                emit("1040", info, list.id)
            } else if !uri.lowercased().hasPrefix("urn:") {
                emit("1005", info, uri)
            } else if !isValidURN(uri) {
                emit("1048", info, uri)
            }
            if let v = list.version, !ValueFormat.matches(v, .date) { emit("1105", info, v) }
        }
        guard hasKnownEntries(list) else { return }
        if list.entries.count < 2 { emit("1044", info, "\(list.entries.count) entries") }
        var codes: Set<String> = []
        var names: Set<String> = []
        var dupCodes: [String] = []
        var dupNames: [String] = []
        for e in list.entries {
            if !codes.insert(e.code).inserted { dupCodes.append(e.code) }
            if !names.insert(e.label).inserted { dupNames.append(e.label) }
        }
        if !dupCodes.isEmpty { emit("1045", info, dupCodes.joined(separator: ", ")) }
        if !dupNames.isEmpty { emit("1093", info, dupNames.joined(separator: ", ")) }
    }

    // MARK: - Rules

    mutating func checkRule(_ rule: Rule, _ info: ElementInfo) {
        checkCommon(rule.texts, info, kind: .rule)
        if isBlank(rule.texts.definition) { emit("1024", info) }
    }

    // MARK: - Helpers

    func isBlank(_ s: String?) -> Bool { s.map(Text.isBlank) ?? true }

    /// A code list reference (as opposed to 3.0 embedded `werte`, which have no URI, id or version).
    func isReference(_ list: CodeList) -> Bool { !list.uri.isEmpty || list.id != nil || list.version != nil }

    /// Entries are authoritative: embedded values, or a reference that was resolved.
    func hasKnownEntries(_ list: CodeList) -> Bool { !isReference(list) || !list.entries.isEmpty }

    func isFIMCreator(_ creator: String?) -> Bool {
        guard let c = creator.map(Text.trim) else { return false }
        return c == "FIM-Baustein Datenfelder" || c == "FIM Baustein Datenfelder"
    }

    /// The Nummernkreis: the two digits after the kind letter (F60000000243 → "60").
    func numberRange(_ id: String) -> String? {
        let u = Array(id.utf8)
        guard u.count >= 3, u[1] >= 0x30, u[1] <= 0x39, u[2] >= 0x30, u[2] <= 0x39 else { return nil }
        return String(decoding: u[1...2], as: UTF8.self)
    }

    /// 2.0: kind letter + 8 digits (F05000059); 3.0: kind letter + 11 digits (F60000000243).
    func idMatchesFormat(_ id: String, kind: ElementInfo.Kind) -> Bool {
        let letter: UInt8 =
            switch kind {
            case .schema: UInt8(ascii: "S")
            case .group: UInt8(ascii: "G")
            case .field: UInt8(ascii: "F")
            case .rule: UInt8(ascii: "R")
            }
        let digits = version == .v2 ? 8 : 11
        let u = Array(id.utf8)
        guard u.count == digits + 1, u[0] == letter else { return false }
        return u.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// RFC 8141 syntax, ASCII only: urn:<NID>:<NSS>.
    func isValidURN(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count > 4, String(decoding: u[0..<4], as: UTF8.self).lowercased() == "urn:" else { return false }
        let rest = u[4...]
        guard let colon = rest.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let nid = rest[rest.startIndex..<colon]
        let nss = rest[(colon + 1)...]
        func alnum(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        guard nid.count >= 2, nid.count <= 32, let f = nid.first, let l = nid.last, alnum(f), alnum(l),
            nid.allSatisfy({ alnum($0) || $0 == UInt8(ascii: "-") })
        else { return false }
        let extra = Set("-._~%!$&'()*+,;=:@/".utf8)
        return !nss.isEmpty && nss.allSatisfy { alnum($0) || extra.contains($0) }
    }

    func isWebURL(_ s: String) -> Bool {
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, !s.contains(" ")
        else { return false }
        return true
    }
}

/// Formats of values (Präzisierung bounds, `inhalt`) by data type.
enum ValueFormat {
    static func matches(_ s: String, _ type: DataType) -> Bool {
        let v = Text.trim(s)
        switch type {
        case .num, .numCurrency: return isDecimal(v)
        case .numInt: return isInteger(v)
        case .date: return isDate(v)
        case .time: return isTime(v)
        case .datetime: return isDateTime(v)
        case .bool: return v == "true" || v == "false"
        default: return true
        }
    }

    static func compare(_ a: String, _ b: String, _ type: DataType) -> ComparisonResult {
        switch type {
        case .num, .numCurrency, .numInt:
            let posix = Locale(identifier: "en_US_POSIX")
            guard let x = Decimal(string: Text.trim(a), locale: posix),
                let y = Decimal(string: Text.trim(b), locale: posix)
            else { return .orderedSame }
            return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
        default:
            // ISO dates and times order lexicographically.
            let x = Text.trim(a)
            let y = Text.trim(b)
            return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
        }
    }

    private static func digits(_ s: Substring.UTF8View) -> Bool {
        !s.isEmpty && s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isInteger(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("-") || t.hasPrefix("+") { t = t.dropFirst() }
        return digits(t.utf8)
    }

    static func isDecimal(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("-") || t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, digits(parts[0].utf8) else { return false }
        return parts.count == 1 || digits(parts[1].utf8)
    }

    private static func number(_ s: Substring, count: Int, in range: ClosedRange<Int>) -> Bool {
        guard s.count == count, digits(s.utf8), let n = Int(s) else { return false }
        return range.contains(n)
    }

    static func isDate(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        return p.count == 3 && number(p[0], count: 4, in: 0...9999) && number(p[1], count: 2, in: 1...12)
            && number(p[2], count: 2, in: 1...31)
    }

    static func isTime(_ s: String) -> Bool {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, number(p[0], count: 2, in: 0...23), number(p[1], count: 2, in: 0...59)
        else { return false }
        if p.count == 3 {
            let sec = p[2].split(separator: ".", maxSplits: 1)
            guard let first = sec.first, number(first, count: 2, in: 0...60) else { return false }
            if sec.count == 2 && !digits(sec[1].utf8) { return false }
        }
        return true
    }

    static func isDateTime(_ s: String) -> Bool {
        let p = s.split(separator: "T", maxSplits: 1)
        guard p.count == 2, isDate(String(p[0])) else { return false }
        var time = p[1]
        if time.hasSuffix("Z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...]
            guard isTime(String(zone)) else { return false }
            time = time[..<sign]
        }
        return isTime(String(time))
    }
}

/// The character set of xoev-lc:String.Latin (DIN SPEC 91379, latinchars.xsd 1.1).
enum StringLatin {
    private static let ranges: [ClosedRange<UInt32>] = [
        0x9...0xA, 0xD...0xD, 0x20...0x7E, 0xA1...0xAC, 0xAE...0x107, 0x10A...0x11B, 0x11E...0x123, 0x126...0x131,
        0x134...0x15B, 0x15E...0x16B, 0x16E...0x17E, 0x18F...0x18F, 0x1A0...0x1A1, 0x1AF...0x1B0, 0x1B7...0x1B7,
        0x1CD...0x1D4, 0x1DE...0x1DF, 0x1E4...0x1F0, 0x1F4...0x1F5, 0x1FA...0x1FF, 0x218...0x21B, 0x21E...0x21F,
        0x22A...0x22B, 0x22E...0x233, 0x259...0x259, 0x292...0x292, 0x1E02...0x1E03, 0x1E0A...0x1E0B,
        0x1E10...0x1E11, 0x1E1E...0x1E21, 0x1E24...0x1E27, 0x1E30...0x1E31, 0x1E40...0x1E41, 0x1E44...0x1E45,
        0x1E56...0x1E57, 0x1E60...0x1E63, 0x1E6A...0x1E6B, 0x1E80...0x1E85, 0x1E8C...0x1E93, 0x1E9E...0x1E9E,
        0x1EA0...0x1EA7, 0x1EAA...0x1EAC, 0x1EAE...0x1EC1, 0x1EC4...0x1ED3, 0x1ED6...0x1EDD, 0x1EE4...0x1EF9,
        0x20AC...0x20AC,
    ]
    /// Base letters allowed before a combining circumflex (U+0302) or caron (U+030C).
    private static let circumflexBases: Set<UInt32> = [0x4D, 0x4E, 0x6D, 0x6E, 0x44, 0x64, 0x4C, 0x6C]
    private static let caronBases: Set<UInt32> = [0x4A]

    static func isAllowed(_ v: UInt32) -> Bool {
        if v >= 0x20 && v <= 0x7E { return true }
        return ranges.contains { $0.contains(v) }
    }

    /// The first scalar outside String.Latin, or nil.
    static func firstInvalid(in s: String) -> Unicode.Scalar? {
        var previous: UInt32 = 0
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x302 {
                if !circumflexBases.contains(previous) { return u }
            } else if v == 0x30C {
                if !caronBases.contains(previous) { return u }
            } else if !isAllowed(v) {
                return u
            }
            previous = v
        }
        return nil
    }
}
