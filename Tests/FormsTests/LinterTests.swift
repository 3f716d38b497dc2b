import Forms
import Foundation
import Testing

/// A clean schema that triggers no finding: the starting point of every lint case.
enum LintBase {
    static let catalogue: [QualityRule] = {
        guard let url = try? FIMData.url("quality-rules/xdfm-meldungen_1.8.genericode.xml"),
            let data = try? Data(contentsOf: url), let rules = try? QualityRules.load(data)
        else { return [] }
        return rules
    }()

    static func field(
        _ id: String, kind: FieldKind = .input, type: DataType = .text, constraints: Constraints = .none,
        codeList: CodeList? = nil, content: String? = nil
    ) -> Field {
        Field(
            id: id, version: "1.0",
            texts: ElementTexts(
                name: "Feld \(id)", label: "Angabe \(id)", outputLabel: "Angabe \(id)", hint: "Hilfe zu \(id)",
                legalBasis: "§ 3 Gesetz"),
            kind: kind, dataType: type, constraints: constraints, codeList: codeList, content: content)
    }

    static let list = CodeList(
        uri: "urn:de:test:anrede", version: "2024-01-01", id: "C05000001",
        entries: [CodeListEntry(code: "01", label: "Frau"), CodeListEntry(code: "02", label: "Herr")])

    static var schema: FormSchema {
        let name = field("F05000001", constraints: Constraints(minLength: 1, maxLength: 50))
        let salutation = field("F05000002", kind: .select, codeList: list)
        let group = Group(
            id: "G05000001", version: "1.0",
            texts: ElementTexts(
                name: "Person", label: "Angaben zur Person", outputLabel: "Person", legalBasis: "§ 2 Gesetz"),
            children: [
                ElementRef(element: .field(name), cardinality: .one),
                ElementRef(element: .field(salutation), cardinality: .optional),
            ],
            ruleIDs: ["R05000001"])
        return FormSchema(
            id: "S05000001", version: "1.0", xdfVersion: .v2,
            texts: ElementTexts(name: "Antrag", label: "Antrag", legalBasis: "§ 1 Gesetz"),
            children: [ElementRef(element: .group(group), cardinality: .one)],
            rules: [
                Rule(
                    id: "R05000001", version: "1.0",
                    texts: ElementTexts(name: "Regel", label: "Regel", definition: "Wenn A, dann B."))
            ])
    }

    /// The base with raw facts as a clean import would have them.
    static var result: ImportResult {
        var r = ImportResult(schema: schema)
        for i in r.elements.indices {
            r.elements[i].isDerived = false
            r.elements[i].status = "aktiv"
            r.elements[i].creator = "Amtsweg"
            if r.elements[i].kind == .group || r.elements[i].kind == .field { r.elements[i].elementType = "RNG" }
            if r.elements[i].kind == .schema {
                r.elements[i].derivationStructure = "0"
                r.elements[i].derivationRepresentation = "0"
            }
        }
        return r
    }
}

/// Edits of an ImportResult for the lint cases.
extension ImportResult {
    mutating func field(_ id: String, _ edit: (inout Field) -> Void) {
        func walk(_ refs: inout [ElementRef]) {
            for i in refs.indices {
                switch refs[i].element {
                case .field(var f) where f.id == id:
                    edit(&f)
                    refs[i].element = .field(f)
                case .group(var g):
                    walk(&g.children)
                    refs[i].element = .group(g)
                default: continue
                }
            }
        }
        walk(&schema.children)
    }

    mutating func group(_ edit: (inout Group) -> Void) {
        guard case .group(var g) = schema.children[0].element else { return }
        edit(&g)
        schema.children[0].element = .group(g)
    }

    mutating func info(_ id: String, _ edit: (inout ElementInfo) -> Void) {
        for i in elements.indices where elements[i].id == id { edit(&elements[i]) }
    }

    /// Re-derive the infos after structural edits, keeping the raw facts of the base.
    mutating func rederive() {
        let old = Dictionary(elements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        elements = ElementInfo.derived(from: schema).map { d in
            guard var o = old[d.id] else { return d }
            o.elementPath = d.elementPath
            o.cardinalityText = d.cardinalityText
            o.parentID = d.parentID
            return o
        }
    }
}

struct LintCase: CustomTestStringConvertible, Sendable {
    var code: String
    var trigger: @Sendable (inout ImportResult) -> Void
    var clean: @Sendable (inout ImportResult) -> Void
    var testDescription: String { code }

    init(
        _ code: String, trigger: @escaping @Sendable (inout ImportResult) -> Void,
        clean: @escaping @Sendable (inout ImportResult) -> Void = { _ in }
    ) {
        self.code = code
        self.trigger = trigger
        self.clean = clean
    }
}

let F1 = "F05000001"  // input text 1..50
let F2 = "F05000002"  // select with code list

func setType(_ type: DataType, kind: FieldKind = .input, _ c: Constraints = .none, content: String? = nil)
    -> @Sendable (inout ImportResult) -> Void
{
    { r in
        r.field(F1) {
            $0.dataType = type
            $0.kind = kind
            $0.constraints = c
            $0.content = content
        }
    }
}

let lintCases: [LintCase] = [
    LintCase("1002", trigger: { r in r.field(F1) { $0.texts.name = " " } }),
    LintCase(
        "1003",
        trigger: { r in
            r.group { $0.children.append(ElementRef(element: .field(LintBase.field("F05000003")), cardinality: .one)) }
            r.schema.children.append(
                ElementRef(
                    element: .group(
                        Group(
                            id: "G05000002", version: "1.0",
                            texts: ElementTexts(name: "G", label: "G", outputLabel: "G", legalBasis: "§"),
                            children: [
                                ElementRef(
                                    element: .field(
                                        {
                                            var f = LintBase.field("F05000003"); f.version = "2.0"; return f
                                        }()), cardinality: .one),
                                ElementRef(element: .field(LintBase.field("F05000004")), cardinality: .one),
                            ])), cardinality: .one))
            r.rederive()
        },
        clean: { r in
            r.schema.children.append(
                ElementRef(
                    element: .group(
                        Group(
                            id: "G05000002", version: "1.0",
                            texts: ElementTexts(name: "G", label: "G", outputLabel: "G", legalBasis: "§"),
                            children: [
                                ElementRef(element: .field(LintBase.field(F1)), cardinality: .one),
                                ElementRef(element: .field(LintBase.field("F05000004")), cardinality: .one),
                            ])), cardinality: .one))
            r.rederive()
        }),
    LintCase(
        "1004",
        trigger: { r in
            r.group { $0.children.append($0.children[0]) }; r.rederive()
        },
        clean: { r in
            r.group { $0.children.append(ElementRef(element: .field(LintBase.field("F05000003")), cardinality: .one)) };
            r.rederive()
        }),
    LintCase("1005", trigger: { r in r.field(F2) { $0.codeList?.uri = "Anrede" } }),
    LintCase(
        "1006", trigger: { r in r.field(F1) { $0.texts.legalBasis = nil } },
        clean: { r in
            r.field(F1) { $0.texts.legalBasis = nil }; r.info(F1) { $0.elementType = "HAR" }
        }),
    LintCase(
        "1007", trigger: { r in r.schema.xdfVersion = .v3 },
        clean: { r in
            r.schema.xdfVersion = .v3; r.info("S05000001") { $0.documentProfileID = "D60000000001" }
        }),
    LintCase("1009", trigger: { r in r.info(F1) { $0.hasInputLabel = false } }),
    LintCase("1010", trigger: { r in r.field(F1) { $0.texts.outputLabel = "" } }),
    LintCase("1011", trigger: { r in r.field(F2) { $0.dataType = .numInt } }),
    LintCase(
        "1012", trigger: { r in r.field(F2) { $0.constraints.maxLength = 10 } },
        clean: { r in r.field(F2) { $0.constraints.pattern = "[a-z]" } }),
    LintCase("1013", trigger: { r in r.info("G05000001") { $0.elementType = "ABS" } }),
    LintCase(
        "1014", trigger: { r in r.info(F1) { $0.elementType = "ABS" } },
        clean: { r in r.info("G05000001") { $0.elementType = "ABS" } }),
    LintCase(
        "1015", trigger: setType(.date, Constraints(maxLength: 10)),
        clean: setType(.textLatin, Constraints(minLength: 1, maxLength: 10))),
    LintCase(
        "1016", trigger: setType(.text, Constraints(minLength: 1, maxLength: 5, minValue: "1")),
        clean: setType(.numCurrency, Constraints(minValue: "1"))),
    LintCase("1017", trigger: { r in r.field(F1) { $0.codeList = LintBase.list } }),
    LintCase("1018", trigger: { r in r.field(F2) { $0.codeList = nil } }),
    LintCase(
        "1021", trigger: { r in r.info(F1) { $0.cardinalityText = nil } },
        clean: { r in
            r.info(F1) {
                $0.cardinalityText = nil; $0.isDerived = true
            }
        }),
    LintCase(
        "1022", trigger: { r in r.info(F1) { $0.elementType = "HAR" } },
        clean: { r in
            r.info(F1) {
                $0.elementType = "HAR"; $0.structureLegalBasis = "§ 5"
            }
        }),
    LintCase(
        "1023", trigger: { r in r.group { $0.children = [] } },
        clean: { r in r.group { $0.children.removeLast() } }),
    LintCase("1024", trigger: { r in r.schema.rules[0].texts.definition = nil }),
    LintCase(
        "1025",
        trigger: { r in
            r.schema.children.append(r.schema.children[0]); r.rederive()
        },
        clean: { r in
            var copy = r.schema.children[0]
            if case .group(var g) = copy.element { g.id = "G05000002"; copy.element = .group(g) }
            r.schema.children.append(copy)
            r.rederive()
        }),
    LintCase(
        "1026",
        trigger: { r in
            r.group { g in
                var inner = g
                inner.children = [g.children[0], g.children[1]]
                g.children.append(ElementRef(element: .group(inner), cardinality: .optional))
            }
            r.rederive()
        }),
    LintCase(
        "1029", trigger: { r in r.info(F1) { $0.relations = [.init(predicate: "XYZ", objectID: "F05000009")] } },
        clean: { r in r.info(F1) { $0.relations = [.init(predicate: "ABL", objectID: "F05000009")] } }),
    LintCase(
        "1030", trigger: { r in r.schema.xdfVersion = .v3 },
        clean: { r in
            r.schema.xdfVersion = .v3; r.info(F1) { $0.prefill = "keine" }; r.info(F2) { $0.prefill = "keine" }
        }),
    LintCase("1031", trigger: { r in r.info(F1) { $0.elementType = nil } }),
    LintCase(
        "1032", trigger: { r in r.info(F1) { $0.status = nil } },
        clean: { r in
            r.schema.xdfVersion = .v3; r.info("R05000001") { $0.status = nil }
        }),
    LintCase("1033", trigger: { r in r.info("S05000001") { $0.derivationStructure = nil } }),
    LintCase("1034", trigger: { r in r.info("S05000001") { $0.derivationRepresentation = nil } }),
    LintCase(
        "1037",
        trigger: { r in
            r.field(F1) {
                $0.kind = .select
                $0.constraints = .none
                $0.codeList = LintBase.list
                $0.codeList?.version = "2023-01-01"
            }
        },
        clean: { r in
            r.field(F1) {
                $0.kind = .select; $0.constraints = .none; $0.codeList = LintBase.list
            }
        }),
    LintCase(
        "1039",
        trigger: { r in
            r.field(F1) { $0.id = "F0500000X" }; r.rederive()
        },
        clean: { r in
            r.field(F1) { $0.id = "F99999999" }; r.rederive()
        }),
    LintCase("1040", trigger: { r in r.field(F2) { $0.codeList?.uri = "" } }),
    LintCase(
        "1043",
        trigger: { r in
            r.info("G05000001") { $0.groupKind = "X" }; r.group { $0.children.removeLast() }
        },
        clean: { r in
            r.info("G05000001") { $0.groupKind = "X" }; r.field(F1) { _ in };
            r.group { $0.children[0].cardinality = .optional }
        }),
    LintCase(
        "1044", trigger: { r in r.field(F2) { $0.codeList?.entries.removeLast() } },
        clean: { r in r.field(F2) { $0.codeList?.entries = [] } }),  // unresolved reference: entries unknown
    LintCase(
        "1045",
        trigger: { r in r.field(F2) { $0.codeList?.entries.append(CodeListEntry(code: "01", label: "Divers")) } }),
    LintCase(
        "1046", trigger: { r in r.info(F1) { $0.cardinalityText = "eins" } },
        clean: { r in r.info(F1) { $0.cardinalityText = "0:*" } }),
    LintCase(
        "1047", trigger: { r in r.group { $0.children[0].cardinality = Cardinality(min: 3, max: 2) } },
        clean: { r in r.group { $0.children[0].cardinality = Cardinality(min: 2, max: 2) } }),
    LintCase(
        "1048", trigger: { r in r.field(F2) { $0.codeList?.uri = "urn:de:test:bestätigung" } },
        clean: { r in r.field(F2) { $0.codeList?.uri = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat" }
        }),
    LintCase("1051", trigger: { r in r.schema.texts.legalBasis = "  " }),
    LintCase(
        "1056", trigger: setType(.text, Constraints(minLength: 1, maxLength: 5, maxSize: 1024)),
        clean: setType(.file, Constraints(maxSize: 1024))),
    LintCase(
        "1057", trigger: setType(.text, Constraints(minLength: 1, maxLength: 5, mediaTypes: ["application/pdf"])),
        clean: setType(.file, Constraints(mediaTypes: ["application/pdf"]))),
    LintCase(
        "1058", trigger: { r in r.info(F1) { $0.codeKey = "code" } },
        clean: { r in r.info(F2) { $0.codeKey = "code" } }),
    LintCase(
        "1059", trigger: { r in r.info(F1) { $0.precision["minLength"] = "eins" } },
        clean: { r in r.info(F1) { $0.precision["minLength"] = "0" } }),
    LintCase(
        "1060", trigger: { r in r.field(F1) { $0.constraints.maxLength = 0 } },
        clean: { r in r.field(F1) { $0.constraints.maxLength = 1 } }),
    LintCase(
        "1061", trigger: { r in r.field(F1) { $0.constraints.minLength = 60 } },
        clean: { r in r.field(F1) { $0.constraints.minLength = 50 } }),
    LintCase(
        "1062", trigger: setType(.num, Constraints(minValue: "1,5")),
        clean: setType(.num, Constraints(minValue: "-1.5"))),
    LintCase(
        "1063", trigger: setType(.numCurrency, Constraints(maxValue: "viel")),
        clean: setType(.numCurrency, Constraints(maxValue: "1000.00"))),
    LintCase(
        "1064", trigger: setType(.num, Constraints(minValue: "10", maxValue: "9.5")),
        clean: setType(.num, Constraints(minValue: "9.5", maxValue: "10"))),
    LintCase(
        "1065", trigger: setType(.numInt, Constraints(minValue: "1.5")),
        clean: setType(.numInt, Constraints(minValue: "-2"))),
    LintCase(
        "1066", trigger: setType(.numInt, Constraints(maxValue: "1e3")),
        clean: setType(.numInt, Constraints(maxValue: "1000"))),
    LintCase(
        "1067", trigger: setType(.date, Constraints(minValue: "01.01.2020")),
        clean: setType(.date, Constraints(minValue: "2020-01-01"))),
    LintCase(
        "1068", trigger: setType(.date, Constraints(maxValue: "2020-13-01")),
        clean: setType(.date, Constraints(maxValue: "2020-12-31"))),
    LintCase(
        "1069", trigger: setType(.num, Constraints(minValue: "0"), content: "zwei"),
        clean: setType(.num, Constraints(minValue: "0"), content: "2.5")),
    LintCase(
        "1070", trigger: setType(.numInt, Constraints(minValue: "0"), content: "2.5"),
        clean: setType(.numInt, Constraints(minValue: "0"), content: "2")),
    LintCase(
        "1071", trigger: setType(.date, Constraints(minValue: "2000-01-01"), content: "heute"),
        clean: setType(.date, Constraints(minValue: "2000-01-01"), content: "2024-02-29")),
    LintCase(
        "1072", trigger: setType(.num, Constraints(minValue: "10"), content: "9.99"),
        clean: setType(.num, Constraints(minValue: "10"), content: "10")),
    LintCase(
        "1073",
        trigger: setType(.date, Constraints(minValue: "2000-01-01", maxValue: "2020-12-31"), content: "2021-01-01"),
        clean: setType(.date, Constraints(minValue: "2000-01-01", maxValue: "2020-12-31"), content: "2020-12-31")),
    LintCase(
        "1074", trigger: setType(.text, Constraints(minLength: 3, maxLength: 5), content: "ab"),
        clean: setType(.text, Constraints(minLength: 3, maxLength: 5), content: "abc")),
    LintCase(
        "1075", trigger: setType(.text, Constraints(minLength: 1, maxLength: 5), content: "abcdef"),
        clean: setType(.text, Constraints(minLength: 1, maxLength: 5), content: "abcde")),
    LintCase(
        "1076", trigger: { r in r.field(F2) { $0.content = "03" } },
        clean: { r in r.field(F2) { $0.content = "02" } }),
    LintCase("1077", trigger: setType(.bool, content: "ja"), clean: setType(.bool, content: "false")),
    LintCase(
        "1078",
        trigger: { r in
            r.schema.children = []; r.rederive()
        }),
    LintCase(
        "1079", trigger: setType(.datetime, Constraints(minValue: "2020-01-01")),
        clean: setType(.datetime, Constraints(minValue: "2020-01-01T08:00:00Z"))),
    LintCase(
        "1080", trigger: setType(.datetime, Constraints(maxValue: "2020-01-01 08:00")),
        clean: setType(.datetime, Constraints(maxValue: "2020-01-01T08:00:00+01:00"))),
    LintCase(
        "1081", trigger: setType(.time, Constraints(minValue: "8 Uhr")),
        clean: setType(.time, Constraints(minValue: "08:00"))),
    LintCase(
        "1082", trigger: setType(.time, Constraints(maxValue: "25:00")),
        clean: setType(.time, Constraints(maxValue: "23:59:59"))),
    LintCase(
        "1083", trigger: setType(.datetime, Constraints(minValue: "2020-01-01T00:00"), content: "2020-01-01"),
        clean: setType(.datetime, Constraints(minValue: "2020-01-01T00:00"), content: "2020-01-01T10:00")),
    LintCase(
        "1084", trigger: setType(.time, Constraints(minValue: "08:00"), content: "8"),
        clean: setType(.time, Constraints(minValue: "08:00"), content: "09:30")),
    LintCase(
        "1085",
        trigger: { r in
            r.field(F2) {
                $0.codeList = CodeList(uri: "", entries: LintBase.list.entries); $0.content = "03"
            }
        },
        clean: { r in
            r.field(F2) {
                $0.codeList = CodeList(uri: "", entries: LintBase.list.entries); $0.content = "01"
            }
        }),
    LintCase(
        "1090", trigger: setType(.date, kind: .label, content: "Hinweis"),
        clean: setType(.obj, kind: .label, content: "Hinweis")),
    LintCase("1091", trigger: { r in r.info(F1) { $0.relations = [.init(predicate: "ERS", objectID: nil)] } }),
    LintCase(
        "1093", trigger: { r in r.field(F2) { $0.codeList?.entries.append(CodeListEntry(code: "03", label: "Frau")) } }),
    LintCase(
        "1094",
        trigger: { r in
            r.group {
                $0.children.append(ElementRef(element: .field(LintBase.field("F60000000001")), cardinality: .one))
            }; r.rederive()
        },
        clean: { r in
            r.field(F2) { $0.id = "F05000009" }; r.rederive()
        }),
    LintCase(
        "1095",
        trigger: { r in
            r.group { $0.children = [ElementRef(element: .field(LintBase.field("F60000000001")), cardinality: .one)] };
            r.rederive()
        }),
    LintCase(
        "1098", trigger: { r in r.field(F1) { $0.texts.hint = $0.texts.label } },
        clean: { r in
            r.field(F1) { $0.texts.hint = $0.texts.label }; r.info(F1) { $0.hasInputLabel = false }
        }),
    LintCase("1099", trigger: { r in r.field(F1) { $0.texts.hint = $0.texts.name } }),
    LintCase("1100", trigger: setType(.file, content: "x.pdf"), clean: setType(.file)),
    LintCase(
        "1101",
        trigger: { r in
            r.info(F1) { $0.elementType = "HAR" }; r.field(F1) { $0.texts.legalBasis = nil }
        },
        clean: { r in r.info(F1) { $0.elementType = "HAR" } }),
    LintCase(
        "1102", trigger: { r in r.field(F1) { $0.constraints.maxLength = nil } },
        clean: { r in
            r.field(F1) {
                $0.constraints.maxLength = nil; $0.kind = .hidden
            }
        }),
    LintCase("1103", trigger: setType(.numCurrency), clean: setType(.date, Constraints(maxValue: "2030-01-01"))),
    LintCase("1105", trigger: { r in r.field(F2) { $0.codeList?.version = "1.0" } }),
    LintCase(
        "1106",
        trigger: { r in
            r.group { $0.children.removeLast() }; r.rederive()
        }),
    LintCase(
        "1109", trigger: setType(.text, kind: .label),
        clean: setType(.text, kind: .label, content: "Bitte beachten Sie ...")),
    LintCase(
        "1116", trigger: { r in r.info(F1) { $0.status = "inaktiv" } },
        clean: { r in r.info(F1) { $0.status = "inVorbereitung" } }),
    LintCase("1117", trigger: { r in r.info("R05000001") { $0.creator = "" } }),
    LintCase(
        "1118", trigger: { r in r.info("G05000001") { $0.groupKind = "X" } },
        clean: { r in
            r.info("G05000001") { $0.groupKind = "X" }; r.group { $0.children[0].cardinality = .optional }
        }),
    LintCase(
        "1120", trigger: setType(.obj, kind: .label, Constraints(pattern: ".*"), content: nil),
        clean: setType(.obj, kind: .label)),
    LintCase(
        "1122",
        trigger: { r in
            r.info(F2) {
                $0.nameKey = "name"; $0.missingCodeListColumns = ["name"]
            }
        }),
    LintCase(
        "1127", trigger: { r in r.info("S05000001") { $0.publishedOn = "2024-01-01" } },
        clean: { r in
            r.info("S05000001") { $0.publishedOn = "2024-01-01" }; r.info("G05000001") { $0.publishedOn = "2024-01-01" }
        }),
    LintCase(
        "1128", trigger: { r in r.info("G05000001") { $0.publishedOn = "2024-01-01" } },
        clean: { r in for id in ["G05000001", F1, F2] { r.info(id) { $0.publishedOn = "2024-01-01" } } }),
    LintCase(
        "1129",
        trigger: { r in
            r.info("S05000001") { $0.publishedOn = "2024-01-01" }; r.info("G05000001") { $0.status = "inVorbereitung" }
        },
        clean: { r in r.info("S05000001") { $0.publishedOn = "2024-01-01" } }),
    LintCase(
        "1130",
        trigger: { r in
            r.schema.xdfVersion = .v3; r.info("G05000001") { $0.publishedOn = "2024-01-01" };
            r.info(F1) { $0.status = "2" }
        },
        clean: { r in
            r.schema.xdfVersion = .v3; r.info("G05000001") { $0.publishedOn = "2024-01-01" };
            r.info(F1) { $0.status = "3" }
        }),
    LintCase(
        "1131", trigger: { r in r.field(F1) { $0.texts.hint = "Bitte „so“ – nicht anders" } },
        clean: { r in r.field(F1) { $0.texts.hint = "Straße, Ŵ, €, Łódź, M̂" } }),
    LintCase(
        "1133", trigger: { r in r.info(F1) { $0.legalBasisLinks = ["www.gesetze.de/§1"] } },
        clean: { r in r.info(F1) { $0.legalBasisLinks = ["https://www.gesetze-im-internet.de/stvo_2013/__45.html"] } }),
    LintCase(
        "1135", trigger: { r in r.field(F1) { $0.version = nil } },
        clean: { r in
            r.field(F1) { $0.version = nil }; r.group { $0.version = nil }; r.schema.version = nil
        }),
    LintCase(
        "1139", trigger: setType(.file),
        clean: { r in
            setType(.file)(&r); r.group { $0.children[0].cardinality = Cardinality(min: 1, max: nil) }
        }),
    LintCase(
        "1140", trigger: { r in r.info(F1) { $0.creator = "FIM-Baustein Datenfelder" } },
        clean: { r in
            r.field(F1) { $0.id = "F60000001" }; r.rederive();
            r.info("F60000001") { $0.creator = "FIM Baustein Datenfelder" }
        }),
    LintCase(
        "1141", trigger: { r in r.info("S05000001") { $0.creator = "FIM Baustein Datenfelder" } },
        clean: { r in
            r.info("S05000001") { $0.creator = "FIM Baustein Datenfelder" }; r.schema.id = "S60000001";
            r.info("S05000001") { $0.id = "S60000001" }
        }),
    LintCase(
        "1142",
        trigger: { r in
            r.schema.xdfVersion = .v3; r.info(F1) { $0.status = "6" }
        },
        clean: { r in
            r.schema.xdfVersion = .v3;
            r.info(F1) {
                $0.status = "6"; $0.statusSetOn = "2024-01-01"
            }
        }),
    LintCase(
        "1143",
        trigger: { r in
            r.schema.xdfVersion = .v3; r.info("S05000001") { $0.status = "4" }
        },
        clean: { r in
            r.schema.xdfVersion = .v3; r.info("S05000001") { $0.status = "2" }
        }),
]

@Suite("Linter")
struct LinterTests {
    let linter = Linter(rules: LintBase.catalogue)

    @Test func catalogueLoaded() {
        #expect(LintBase.catalogue.count == 142)
    }

    @Test func baseIsClean() {
        #expect(linter.lint(LintBase.result) == [])
        #expect(linter.lint(ImportResult(schema: LintBase.schema)) == [])
    }

    @Test func everyImplementedCodeHasACase() {
        let covered = Set(lintCases.map(\.code))
        #expect(covered == Set(Linter.implementedCodes))
        #expect(lintCases.count == Linter.implementedCodes.count)
    }

    @Test(arguments: lintCases)
    func check(_ c: LintCase) throws {
        var triggered = LintBase.result
        c.trigger(&triggered)
        let findings = linter.lint(triggered)
        let hit = try #require(findings.first { $0.ruleCode == c.code }, "no \(c.code) in \(findings)")
        let rule = try #require(LintBase.catalogue.first { $0.code == c.code })
        #expect(hit.message == rule.text)
        #expect(hit.severity == rule.severity)
        #expect(!hit.elementPath.isEmpty)

        var clean = LintBase.result
        c.clean(&clean)
        let cleanFindings = linter.lint(clean)
        #expect(!cleanFindings.contains { $0.ruleCode == c.code }, "\(cleanFindings.filter { $0.ruleCode == c.code })")
    }

    @Test func disabledAndUnknownCodesAreNotReported() {
        var r = LintBase.result
        r.field(F2) { $0.codeList = nil }  // 1018
        let rules = LintBase.catalogue.map { rule in
            var rule = rule
            if rule.code == "1018" { rule.severity = .disabled }
            return rule
        }
        #expect(Linter(rules: rules).lint(r).isEmpty)
        #expect(Linter(rules: []).lint(r).isEmpty)
    }

    @Test func realExample() throws {
        let url = try FIMData.exampleDirectory.appendingPathComponent("S05000058V1.0_xdf2.xml")
        let findings = linter.lint(try XDatenfelder.parse(contentsOf: url))
        let codes = Set(findings.map(\.ruleCode))
        // "Bestätigung" etc. are no URNs; C05000073 has a single entry; the consent field has a UUID-like id.
        #expect(codes.contains("1005"))
        #expect(
            findings.contains { $0.ruleCode == "1005" && $0.elementID == "F05001344" && $0.detail == "Bestätigung" })
        #expect(
            findings.contains { $0.ruleCode == "1044" && $0.elementID == "F00-4cb0dd14-629c-4661-9435-4e9eadc43e07" })
        #expect(
            findings.contains { $0.ruleCode == "1039" && $0.elementID == "F00-4cb0dd14-629c-4661-9435-4e9eadc43e07" })
        #expect(findings.contains { $0.ruleCode == "1105" && $0.detail == "0.1" })
        #expect(!codes.contains("1018"))  // all selects have resolved code lists
        #expect(!codes.contains("1002"))
        // Findings point at real element paths.
        let f = try #require(findings.first { $0.ruleCode == "1005" })
        #expect(f.elementPath.hasSuffix("xdf:datenfeld[F05001344]"))
    }

    @Test func fixtureFindings() throws {
        // v2 simple: an abstract group used inside a schema (1013).
        let simple = linter.lint(try FIMData.fixture("v2/simple.xml"))
        #expect(simple.contains { $0.ruleCode == "1013" && $0.elementID == "G00000082" })
        // v3 input: select without code list (1018), codeKey without reference (1058), length on a select (1012).
        let input = linter.lint(try FIMData.fixture("v3/input.xml"))
        for code in ["1018", "1058", "1012"] {
            #expect(input.contains { $0.ruleCode == code && $0.elementID == "F60000000243" }, "\(code)")
        }
    }
}
