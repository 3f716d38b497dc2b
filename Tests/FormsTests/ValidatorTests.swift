import Forms
import Foundation
import Testing

/// One minimal case per issue code: a one-field schema, a value that must fail and one that must pass.
struct IssueCase: Sendable, CustomTestStringConvertible {
    var code: IssueCode
    var schema: FormSchema
    var bad: FormValue
    var good: FormValue
    var pointer: String
    var dynamic: DynamicRules = .none
    var testDescription: String { code.rawValue }
}

private let codes: [(String, String)] = [("000", "deutsch"), ("040", "österreichisch")]

let issueCases: [IssueCase] = [
    IssueCase(
        code: .required, schema: Build.single(Build.field("F1"), 1), bad: [:], good: ["F1": "x"], pointer: "/F1"),
    IssueCase(
        code: .unknownField, schema: Build.single(Build.field("F1")), bad: ["F1": "x", "F9": "y"], good: ["F1": "x"],
        pointer: "/F9"),
    IssueCase(
        code: .wrongType, schema: Build.single(Build.field("F1")), bad: ["F1": 5], good: ["F1": "5"], pointer: "/F1"),
    IssueCase(
        code: .tooShort, schema: Build.single(Build.field("F1", Constraints(minLength: 3))), bad: ["F1": "ab"],
        good: ["F1": "abc"], pointer: "/F1"),
    IssueCase(
        code: .tooLong, schema: Build.single(Build.field("F1", Constraints(maxLength: 5))), bad: ["F1": "abcdef"],
        good: ["F1": "abcde"], pointer: "/F1"),
    IssueCase(
        code: .belowMinimum, schema: Build.single(Build.field("F1", .num, Constraints(minValue: "10"))), bad: ["F1": 9],
        good: ["F1": 10], pointer: "/F1"),
    IssueCase(
        code: .aboveMaximum, schema: Build.single(Build.field("F1", .num, Constraints(maxValue: "10.5"))),
        bad: ["F1": .num("10.51")], good: ["F1": .num("10.5")], pointer: "/F1"),
    IssueCase(
        code: .patternMismatch, schema: Build.single(Build.field("F1", Constraints(pattern: "[0-9]{5}"))),
        bad: ["F1": "1234"], good: ["F1": "12345"], pointer: "/F1"),
    IssueCase(
        code: .notInCodeList, schema: Build.single(Build.field("F1", kind: .select, codes: codes)),
        bad: ["F1": "deutsch"], good: ["F1": "040"], pointer: "/F1"),
    IssueCase(
        code: .tooFewItems, schema: Build.single(Build.field("F1"), 2, 3), bad: ["F1": ["a"]],
        good: ["F1": ["a", "b"]],
        pointer: "/F1"),
    IssueCase(
        code: .tooManyItems, schema: Build.single(Build.field("F1"), 2, 3), bad: ["F1": ["a", "b", "c", "d"]],
        good: ["F1": ["a", "b", "c"]], pointer: "/F1"),
    IssueCase(
        code: .invalidDate, schema: Build.single(Build.field("F1", .date)), bad: ["F1": "2023-02-29"],
        good: ["F1": "2024-02-29"], pointer: "/F1"),
    IssueCase(
        code: .invalidTime, schema: Build.single(Build.field("F1", .time)), bad: ["F1": "24:00"], good: ["F1": "23:59"],
        pointer: "/F1"),
    IssueCase(
        code: .invalidDateTime, schema: Build.single(Build.field("F1", .datetime)), bad: ["F1": "2024-01-31 10:00:00Z"],
        good: ["F1": "2024-01-31T10:00:00Z"], pointer: "/F1"),
    IssueCase(
        code: .notInteger, schema: Build.single(Build.field("F1", .numInt)), bad: ["F1": .num("1.5")],
        good: ["F1": .num("2.0")], pointer: "/F1"),
    IssueCase(
        code: .tooManyDecimals, schema: Build.single(Build.field("F1", .numCurrency)), bad: ["F1": .num("1.005")],
        good: ["F1": .num("1.05")], pointer: "/F1"),
    IssueCase(
        code: .invalidCharacters, schema: Build.single(Build.field("F1", .textLatin)), bad: ["F1": "Москва"],
        good: ["F1": "Moskau"], pointer: "/F1"),
    IssueCase(
        code: .notApplicable, schema: Build.single(Build.field("F1")), bad: ["F1": "x"], good: [:], pointer: "/F1",
        dynamic: DynamicRules(hidden: ["F1"])),
    IssueCase(
        code: .rule, schema: Build.single(Build.field("F1")), bad: ["F1": "x"], good: ["F1": "x"], pointer: "/F1",
        dynamic: DynamicRules(checks: [PlausibilityFailure(elementID: "F1", messageDE: "Falsch.", messageEN: "Wrong.")])
    ),
]

@Suite("Validator")
struct ValidatorTests {
    @Test("each issue code has a minimal failing case", arguments: issueCases)
    func minimalCase(_ c: IssueCase) throws {
        let validator = FormValidator(schema: c.schema)
        #expect(validator.schemaProblems.isEmpty)
        let issues = validator.validate(c.bad, dynamic: c.dynamic)
        #expect(issues.count == 1, "\(issues)")
        let issue = try #require(issues.first)
        #expect(issue.code == c.code)
        #expect(issue.pointer == c.pointer)
        #expect(!issue.messageDE.isEmpty && !issue.messageEN.isEmpty)
        if c.code != .rule {
            #expect(validator.validate(c.good, dynamic: c.dynamic).isEmpty)
        }
    }

    @Test func everyIssueCodeIsCovered() {
        #expect(Set(issueCases.map(\.code)) == Set(IssueCode.allCases))
    }

    @Test func messagesAreGenericGOVUKStyle() throws {
        func only(_ schema: FormSchema, _ data: FormValue) throws -> ValidationIssue {
            let issues = FormValidator(schema: schema).validate(data)
            #expect(issues.count == 1)
            return try #require(issues.first)
        }
        let birth = try only(Build.single(Build.field("F1", .date, label: "Geburtsdatum"), 1), [:])
        #expect(birth.messageDE == "Geben Sie „Geburtsdatum“ an.")
        #expect(birth.messageEN == "Enter “Geburtsdatum”.")
        #expect(birth.label == "Geburtsdatum")
        #expect(birth.elementID == "F1")
        let name = Build.field("F1", label: "Familienname", Constraints(maxLength: 50))
        let long = try only(Build.single(name), ["F1": .string(String(repeating: "x", count: 51))])
        #expect(long.messageDE == "„Familienname“ darf höchstens 50 Zeichen lang sein.")
        #expect(long.messageEN == "“Familienname” must be 50 characters or fewer.")
        let date = try only(Build.single(Build.field("F1", .date, label: "Geburtsdatum")), ["F1": "31.01.2024"])
        #expect(date.messageDE == "„Geburtsdatum“ muss ein gültiges Datum sein.")
        #expect(date.messageEN == "“Geburtsdatum” must be a real date.")
        let select = Build.field("F1", label: "Staatsangehörigkeit", kind: .select, codes: codes)
        let missing = try only(Build.single(select, 1), [:])
        #expect(missing.messageDE == "Wählen Sie „Staatsangehörigkeit“ aus.")
        #expect(missing.messageEN == "Select “Staatsangehörigkeit”.")
        let rent = try only(Build.single(Build.field("F1", .numCurrency, label: "Miete")), ["F1": "450 Euro"])
        #expect(rent.messageDE == "„Miete“ muss eine Zahl sein, zum Beispiel 450,50.")
        #expect(rent.messageEN == "“Miete” must be a number, like 450.50.")
        let minimum = Build.field("F1", .numCurrency, label: "Miete", Constraints(minValue: "1000"))
        let low = try only(Build.single(minimum), ["F1": 999])
        #expect(low.messageDE == "„Miete“ muss mindestens 1.000,00 € sein.")
        #expect(low.messageEN == "“Miete” must be €1,000.00 or more.")
        let after = Build.field("F1", .date, label: "Beginn", Constraints(minValue: "2024-01-01"))
        let early = try only(Build.single(after), ["F1": "2023-12-31"])
        #expect(early.messageDE == "„Beginn“ muss am oder nach dem 01.01.2024 liegen.")
        #expect(early.messageEN == "“Beginn” must be the same as or after 1 January 2024.")
        #expect(early.message(language: "en-GB") == early.messageEN)
        #expect(early.message(language: "de") == early.messageDE)
    }

    @Test func labelFallsBackToNameThenID() throws {
        let field = Element.field(
            Field(id: "F1", texts: ElementTexts(name: "Name", label: " "), kind: .input, dataType: .text))
        let issue = try #require(FormValidator(schema: Build.single(field, 1)).validate([:]).first)
        #expect(issue.label == "Name")
    }

    @Test func rootMustBeAnObject() {
        let issues = FormValidator(schema: Build.single(Build.field("F1"))).validate(["F1"])
        #expect(issues.map(\.code) == [.wrongType])
        #expect(issues.first?.pointer == "")
        #expect(issues.first?.elementID == "S00000001")
    }

    // MARK: Structure

    @Test func nestedGroupPointers() {
        let schema = Build.schema([
            Build.ref(
                Build.group(
                    "G1",
                    [
                        Build.ref(Build.group("G2", [Build.ref(Build.field("F3", .numInt))])),
                        Build.ref(Build.field("F4"), 0),
                    ]))
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate(["G1": ["G2": ["F3": 7]]]).isEmpty)
        let issues = validator.validate(["G1": ["G2": ["F3": "7", "X": 1], "F4": 4, "Y": nil]])
        #expect(issues.map(\.pointer) == ["/G1/G2/F3", "/G1/G2/X", "/G1/F4", "/G1/Y"])
        #expect(issues.map(\.code) == [.wrongType, .unknownField, .wrongType, .unknownField])
        #expect(validator.validate(["G1": "x"]).map(\.pointer) == ["/G1"])
        #expect(validator.validate([:]).map(\.code) == [.required])
        #expect(validator.validate(["G1": [:]]).map(\.pointer) == ["/G1/G2"])
    }

    @Test func repeatableGroups() {
        let schema = Build.schema([
            Build.ref(Build.group("G1", [Build.ref(Build.field("F1")), Build.ref(Build.field("F2", .bool), 0)]), 1, 3)
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate(["G1": [["F1": "a"], ["F1": "b", "F2": true]]]).isEmpty)
        let missingInSecond = validator.validate(["G1": [["F1": "a"], ["F2": false]]])
        #expect(missingInSecond.map(\.pointer) == ["/G1/1/F1"])
        #expect(missingInSecond.map(\.code) == [.required])
        #expect(validator.validate(["G1": []]).map(\.code) == [.tooFewItems])
        #expect(validator.validate([:]).map(\.code) == [.required])
        #expect(validator.validate(["G1": nil]).map(\.code) == [.required])
        // Not an array: one issue, no guessing.
        #expect(validator.validate(["G1": ["F1": "a"]]).map(\.code) == [.wrongType])
        // Too many: reported once; only the first three items are checked.
        let four: FormValue = ["G1": [["F1": "a"], ["F1": "b"], ["F1": "c"], ["F1": 4]]]
        #expect(validator.validate(four).map(\.code) == [.tooManyItems])
        #expect(validator.validate(four).first?.pointer == "/G1")
        // A null item is a missing entry.
        let withNull = validator.validate(["G1": [["F1": "a"], nil, ["F1": 1]]])
        #expect(withNull.map(\.pointer) == ["/G1/1", "/G1/2/F1"])
        #expect(withNull.map(\.code) == [.required, .wrongType])
    }

    @Test func repeatableFieldsAndUnboundedMaximum() {
        let validator = FormValidator(schema: Build.single(Build.field("F1", .date), 0, nil))
        #expect(validator.validate(["F1": []]).isEmpty)
        #expect(validator.validate(["F1": ["2024-01-01", "2024-01-02"]]).isEmpty)
        #expect(validator.validate(["F1": "2024-01-01"]).map(\.code) == [.wrongType])
        let issues = validator.validate(["F1": ["2024-01-01", "2024-13-01"]])
        #expect(issues.map(\.pointer) == ["/F1/1"])
        #expect(issues.map(\.code) == [.invalidDate])
    }

    @Test func pointerTokensAreEscaped() {
        let validator = FormValidator(schema: Build.single(Build.group("a/b~c", [Build.ref(Build.field("x/y"))]), 1))
        let issues = validator.validate(["a/b~c": ["x/y": 1, "~": 2]])
        #expect(issues.map(\.pointer) == ["/a~1b~0c/x~1y", "/a~1b~0c/~0"])
    }

    @Test func labelFieldsCarryNoData() {
        let schema = Build.schema([
            Build.ref(Build.field("L1", kind: .label), 1), Build.ref(Build.field("F1"), 0),
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate([:]).isEmpty)
        #expect(validator.validate(["L1": "Hinweistext"]).map(\.code) == [.unknownField])
    }

    @Test func unknownFieldsAreReportedSortedAfterKnownOnes() {
        let validator = FormValidator(schema: Build.single(Build.field("F1"), 1))
        let issues = validator.validate(["z": 1, "F0": 2, "a": [:]])
        #expect(issues.map(\.pointer) == ["/F1", "/F0", "/a", "/z"])
        #expect(issues.dropFirst().allSatisfy { $0.code == .unknownField && $0.elementID == $0.label })
    }

    // MARK: Null is not a value

    @Test func nullIsRejected() {
        let schema = Build.schema([
            Build.ref(Build.field("F1"), 0), Build.ref(Build.field("F2"), 1),
            Build.ref(Build.group("G1", [Build.ref(Build.field("F3"))]), 0),
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate(["F2": "x"]).isEmpty)
        #expect(validator.validate(["F2": nil]).map(\.code) == [.required])
        // What the JSON Schema rejects (null for a typed element, unknown keys) the validator rejects too.
        let issues = validator.validate(["F1": nil, "F2": "x", "G1": nil, "unknown": nil])
        #expect(issues.map(\.pointer) == ["/F1", "/G1", "/unknown"])
        #expect(issues.map(\.code) == [.wrongType, .wrongType, .unknownField])
        let nested = validator.validate(["F2": "x", "G1": ["F3": nil, "X": nil]])
        #expect(nested.map(\.pointer) == ["/G1/F3", "/G1/X"])
    }

    @Test func lengthsCountCodePoints() {
        let schema = Build.schema([
            Build.ref(Build.field("F1", Constraints(minLength: 4, maxLength: 4)))
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate(["F1": "e\u{301}e\u{301}"]).isEmpty)  // two characters, four code points
        #expect(validator.validate(["F1": "éé"]).map(\.code) == [.tooShort])  // precomposed: two code points
    }

    // MARK: Field types

    @Test(
        "values that pass",
        arguments: [
            (DataType.text, FormValue.string("")),
            (.text, "Grüße 😀 Москва"),
            (.textLatin, "Łódź, Straße 5 – „Ångström“ Dvořák Nguyễn…"),
            (.textLatin, "Zeile 1\nZeile 2\tTab"),
            (.textLatin, "e\u{301}"),
            (.date, "2000-02-29"),
            (.date, "0001-01-01"),
            (.time, "00:00"),
            (.time, "23:59:59"),
            (.datetime, "2024-01-31T10:00:00Z"),
            (.datetime, "2024-01-31t10:00:00.123+01:00"),
            (.datetime, "2024-12-31T23:59:60-05:30"),
            (.bool, false),
            (.num, .num("-0.000001")),
            (.num, .num("1e20")),
            (.numInt, -42),
            (.numInt, .num("1e3")),
            (.numCurrency, .num("1234.5")),
            (.numCurrency, .num("-0.01")),
            (.file, "123e4567-e89b-12d3-a456-426614174000"),
            (.file, "123E4567-E89B-12D3-A456-426614174000"),
            (.obj, [:]),
            (.obj, ["anything": [1, nil]]),
        ] as [(DataType, FormValue)])
    func accepted(type: DataType, value: FormValue) {
        let issues = FormValidator(schema: Build.single(Build.field("F1", type))).validate(["F1": value])
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test(
        "values that fail",
        arguments: [
            (DataType.text, FormValue.bool(true), IssueCode.wrongType),
            (.text, ["a"], .wrongType),
            (.textLatin, "Ελλάδα", .invalidCharacters),
            (.textLatin, "Emoji 😀", .invalidCharacters),
            (.textLatin, "NUL \u{0}", .invalidCharacters),
            (.textLatin, 7, .wrongType),
            (.date, "2024-1-31", .invalidDate),
            (.date, "2024-00-10", .invalidDate),
            (.date, "2100-02-29", .invalidDate),
            (.date, "2024-04-31", .invalidDate),
            (.date, "2024-01-31T00:00:00Z", .invalidDate),
            (.date, "", .invalidDate),
            (.date, 20_240_131, .wrongType),
            (.time, "7:30", .invalidTime),
            (.time, "12:60", .invalidTime),
            (.time, "12:30:60", .invalidTime),
            (.time, "12:30Z", .invalidTime),
            (.datetime, "2024-01-31T10:00:00", .invalidDateTime),
            (.datetime, "2024-01-31T10:00Z", .invalidDateTime),
            (.datetime, "2024-02-30T10:00:00Z", .invalidDateTime),
            (.datetime, "2024-01-31T10:00:00.Z", .invalidDateTime),
            (.datetime, "2024-01-31T10:00:00+1:00", .invalidDateTime),
            (.bool, "true", .wrongType),
            (.bool, 1, .wrongType),
            (.num, "12", .wrongType),
            (.num, .number(.nan), .wrongType),
            (.numInt, .num("0.5"), .notInteger),
            (.numInt, "1", .wrongType),
            (.numCurrency, .num("0.001"), .tooManyDecimals),
            (.numCurrency, "12,50", .wrongType),
            (.file, "document.pdf", .wrongType),
            (.file, "123e4567e89b12d3a456426614174000", .wrongType),
            (.file, 5, .wrongType),
            (.obj, "{}", .wrongType),
            (.obj, [], .wrongType),
        ] as [(DataType, FormValue, IssueCode)])
    func rejected(type: DataType, value: FormValue, code: IssueCode) {
        let issues = FormValidator(schema: Build.single(Build.field("F1", type))).validate(["F1": value])
        #expect(issues.map(\.code) == [code])
        #expect(issues.map(\.pointer) == ["/F1"])
    }

    @Test func lengthCountsCodePoints() {
        let validator = FormValidator(schema: Build.single(Build.field("F1", Constraints(minLength: 2, maxLength: 3))))
        #expect(validator.validate(["F1": "äöü"]).isEmpty)  // 6 UTF-8 bytes, 3 code points
        #expect(validator.validate(["F1": "👍🏽"]).isEmpty)  // 1 character, 2 code points
        #expect(validator.validate(["F1": "👨‍👩‍👧"]).map(\.code) == [.tooLong])  // 1 character, 5 code points
        #expect(validator.validate(["F1": "e\u{301}"]).isEmpty)  // 1 character, 2 code points
        #expect(validator.validate(["F1": "äöüß"]).map(\.code) == [.tooLong])
    }

    @Test func numberBoundsAreDecimal() {
        let field = Build.field("F1", .numCurrency, Constraints(minValue: "0.1", maxValue: "1000000000000000000000.01"))
        let validator = FormValidator(schema: Build.single(field))
        #expect(validator.validate(["F1": .num("0.1")]).isEmpty)
        #expect(validator.validate(["F1": .num("1000000000000000000000.01")]).isEmpty)
        #expect(validator.validate(["F1": .num("0.09")]).map(\.code) == [.belowMinimum])
        #expect(validator.validate(["F1": .num("1000000000000000000000.02")]).map(\.code) == [.aboveMaximum])
        let comma = FormValidator(schema: Build.single(Build.field("F1", .num, Constraints(minValue: "2,5"))))
        #expect(comma.schemaProblems.isEmpty)
        #expect(comma.validate(["F1": .num("2.49")]).map(\.code) == [.belowMinimum])
    }

    @Test func dateAndTimeBounds() {
        let date = Build.field("F1", .date, Constraints(minValue: "2024-01-01", maxValue: "2024-12-31"))
        let dates = FormValidator(schema: Build.single(date))
        #expect(dates.validate(["F1": "2024-01-01"]).isEmpty)
        #expect(dates.validate(["F1": "2024-12-31"]).isEmpty)
        #expect(dates.validate(["F1": "2023-12-31"]).map(\.code) == [.belowMinimum])
        #expect(dates.validate(["F1": "2025-01-01"]).map(\.code) == [.aboveMaximum])
        let time = Build.field("F1", .time, Constraints(minValue: "08:00", maxValue: "18:00"))
        let times = FormValidator(schema: Build.single(time))
        #expect(times.validate(["F1": "08:00:00"]).isEmpty)
        #expect(times.validate(["F1": "18:00"]).isEmpty)
        #expect(times.validate(["F1": "07:59:59"]).map(\.code) == [.belowMinimum])
        #expect(times.validate(["F1": "18:00:01"]).map(\.code) == [.aboveMaximum])
        #expect(times.validate(["F1": "18:00:01"]).first?.messageEN == "“Feld F1” must be 18:00 or earlier.")
    }

    @Test func codeLists() {
        let select = Build.field("F1", kind: .select, codes: codes)
        let validator = FormValidator(schema: Build.single(select))
        #expect(validator.validate(["F1": "000"]).isEmpty)
        #expect(validator.validate(["F1": "österreichisch"]).map(\.code) == [.notInCodeList])
        #expect(validator.validate(["F1": 0]).map(\.code) == [.wrongType])
        #expect(validator.validate(["F1": ["000"]]).map(\.code) == [.wrongType])
        // Without entries (an unresolved code list) the field is free text of its data type.
        let unresolved = FormValidator(schema: Build.single(Build.field("F1", kind: .select)))
        #expect(unresolved.validate(["F1": "irgendwas"]).isEmpty)
        #expect(unresolved.schemaProblems.map(\.elementID) == ["F1"])
    }

    @Test func patternsMatchTheWholeValue() {
        let field = Build.field("F1", Constraints(pattern: "[0-9]{5}|[A-Z]{2}"))
        let validator = FormValidator(schema: Build.single(field))
        for ok in ["12345", "AB"] { #expect(validator.validate(["F1": .string(ok)]).isEmpty) }
        for bad in ["123456", "x12345", "ABC", "12345\n", "AB\n"] {
            #expect(validator.validate(["F1": .string(bad)]).map(\.code) == [.patternMismatch], "\(bad)")
        }
    }

    @Test func invalidPatternsAndBoundsAreSchemaProblemsNotCrashes() {
        let schema = Build.schema([
            Build.ref(Build.field("F1", Constraints(pattern: "[a-")), 0),
            Build.ref(Build.field("F2", Constraints(pattern: "(?<")), 0),
            Build.ref(Build.field("F3", .num, Constraints(minValue: "zehn")), 0),
            Build.ref(Build.field("F4", .date, Constraints(maxValue: "31.12.2024")), 0),
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.schemaProblems.map(\.elementID) == ["F1", "F2", "F3", "F4"])
        #expect(validator.validate(["F1": "anything", "F2": "(", "F3": -1, "F4": "2099-01-01"]).isEmpty)
        #expect(validator.validate(["F1": 1]).map(\.code) == [.wrongType])
    }

    @Test func duplicateIDsInOneGroupAreSchemaProblems() {
        let schema = Build.schema([Build.ref(Build.field("F1")), Build.ref(Build.field("F1", .num))])
        let validator = FormValidator(schema: schema)
        #expect(validator.schemaProblems.count == 1)
        #expect(validator.validate(["F1": "x"]).isEmpty)
    }

    // MARK: Dynamic rules

    @Test func hiddenElements() {
        let schema = Build.schema([
            Build.ref(Build.field("F1"), 1),
            Build.ref(Build.group("G1", [Build.ref(Build.field("F2"))])),
        ])
        let validator = FormValidator(schema: schema)
        let hidden = DynamicRules(hidden: ["F1", "G1"])
        #expect(validator.validate([:], dynamic: hidden).isEmpty)  // requiredness void
        // null is not a value: a hidden element sent as null is still an answer that does not apply
        #expect(validator.validate(["F1": nil], dynamic: hidden).map(\.code) == [.notApplicable])
        let present = validator.validate(["F1": "x", "G1": ["F2": 1, "junk": 2]], dynamic: hidden)
        #expect(present.map(\.code) == [.notApplicable, .notApplicable])  // no descent into hidden groups
        #expect(present.map(\.pointer) == ["/F1", "/G1"])
        // Hiding a child of a present group.
        #expect(validator.validate(["F1": "x", "G1": [:]], dynamic: DynamicRules(hidden: ["F2"])).isEmpty)
    }

    @Test func dynamicallyRequiredElements() {
        let schema = Build.schema([
            Build.ref(Build.field("F1"), 0),
            Build.ref(Build.group("G1", [Build.ref(Build.field("F2"), 0), Build.ref(Build.field("F3"), 0)]), 0),
            Build.ref(Build.field("F4"), 0, nil),
        ])
        let validator = FormValidator(schema: schema)
        #expect(validator.validate([:]).isEmpty)
        let f1 = validator.validate([:], dynamic: DynamicRules(required: ["F1"]))
        #expect(f1.map(\.pointer) == ["/F1"])
        #expect(f1.map(\.code) == [.required])
        // Required inside an absent optional group: the group is reported; inside a present one: the field.
        let rules = DynamicRules(required: ["F2"])
        #expect(validator.validate([:], dynamic: rules).map(\.pointer) == ["/G1"])
        #expect(validator.validate(["G1": ["F3": "x"]], dynamic: rules).map(\.pointer) == ["/G1/F2"])
        #expect(validator.validate(["G1": ["F2": "x"]], dynamic: rules).isEmpty)
        // Repeatable with minimum 0 needs at least one entry.
        #expect(validator.validate(["F4": []], dynamic: DynamicRules(required: ["F4"])).map(\.code) == [.tooFewItems])
        // Hidden wins over required.
        #expect(validator.validate([:], dynamic: DynamicRules(hidden: ["F2"], required: ["F2"])).isEmpty)
    }

    @Test func plausibilityChecksBecomeRuleIssues() {
        let schema = Build.schema([
            Build.ref(Build.group("G1", label: "Kinder", [Build.ref(Build.field("F1", label: "Vorname"))]), 0, nil),
            Build.ref(Build.field("F2", label: "Einkommen"), 0),
        ])
        let validator = FormValidator(schema: schema)
        let checks = DynamicRules(checks: [
            PlausibilityFailure(
                elementID: "F1", messageDE: "Prüfen Sie den Vornamen.", messageEN: "Check the first name."),
            PlausibilityFailure(elementID: "F1", pointer: "/G1/2/F1", messageDE: "a", messageEN: "b"),
            PlausibilityFailure(elementID: "F2", messageDE: "c", messageEN: "d"),
            PlausibilityFailure(elementID: "S00000001", messageDE: "e", messageEN: "f"),
            PlausibilityFailure(elementID: "R99", messageDE: "g", messageEN: "h"),
        ])
        let issues = validator.validate([:], dynamic: checks)
        #expect(issues.allSatisfy { $0.code == .rule })
        #expect(issues.map(\.pointer) == ["/G1/0/F1", "/G1/2/F1", "/F2", "", ""])
        #expect(issues.map(\.label) == ["Vorname", "Vorname", "Einkommen", "Testformular", "R99"])
        #expect(issues.first?.messageDE == "Prüfen Sie den Vornamen.")
        #expect(issues.first?.messageEN == "Check the first name.")
        // One step of the journey only reports its own checks.
        let g1 = schema.children[0]
        let step = validator.validateGroup(g1, value: [["F1": "Anna"]], pointer: "/G1", dynamic: checks)
        #expect(step.map(\.pointer) == ["/G1/0/F1", "/G1/2/F1"])
    }

    @Test func validateGroupChecksOneStep() {
        let g1 = Build.ref(Build.group("G1", [Build.ref(Build.field("F1", .date)), Build.ref(Build.field("F2"), 0)]))
        let f3 = Build.ref(Build.field("F3", .bool), 0)
        let validator = FormValidator(schema: Build.schema([g1, f3]))
        #expect(validator.validateGroup(g1, value: ["F1": "2024-02-29"], pointer: "/G1").isEmpty)
        #expect(validator.validateGroup(g1, value: nil, pointer: "/G1").map(\.code) == [.required])
        #expect(validator.validateGroup(g1, value: .null, pointer: "/G1").map(\.pointer) == ["/G1"])
        let issues = validator.validateGroup(g1, value: ["F1": "2024-02-30", "F9": 1], pointer: "/G1")
        #expect(issues.map(\.code) == [.invalidDate, .unknownField])
        #expect(issues.map(\.pointer) == ["/G1/F1", "/G1/F9"])
        #expect(validator.validateGroup(f3, value: nil, pointer: "/F3").isEmpty)
        #expect(validator.validateGroup(f3, value: "ja", pointer: "/F3").map(\.code) == [.wrongType])
        #expect(
            validator.validateGroup(f3, value: true, pointer: "/F3", dynamic: DynamicRules(hidden: ["F3"]))
                .map(\.code) == [.notApplicable])
        // A ref that is not a top-level child is validated as given.
        let other = Build.ref(Build.field("F7", .numInt), 1)
        #expect(validator.validateGroup(other, value: nil, pointer: "/F7").map(\.code) == [.required])
    }

    // MARK: Hostile input

    @Test func issuesAreCappedAtOneHundred() throws {
        let validator = FormValidator(schema: Build.single(Build.field("F1", .numInt), 0, nil))
        var junk: [String: FormValue] = [:]
        for i in 0..<10_000 { junk["K\(i)"] = .number(Decimal(i)) }
        let unknown = validator.validate(.object(junk))
        #expect(unknown.count == 100)
        #expect(unknown.allSatisfy { $0.code == .unknownField })
        #expect(unknown.first?.pointer == "/K0")
        #expect(unknown[1].pointer == "/K1")  // sorted
        let items = FormValue.array((0..<50_000).map { _ in "x" })
        let wrong = validator.validate(["F1": items])
        #expect(wrong.count == 100)
        #expect(wrong.last?.pointer == "/F1/99")
        let small = FormValidator(schema: Build.single(Build.field("F1", .numInt), 0, nil), maxIssues: 3)
        #expect(small.validate(["F1": items]).count == 3)
        let checks = DynamicRules(
            checks: Array(repeating: PlausibilityFailure(elementID: "F1", messageDE: "x", messageEN: "x"), count: 500))
        #expect(validator.validate([:], dynamic: checks).count == 100)
    }

    @Test func oneValidatorIsSharedAcrossTasks() async {
        let validator = FormValidator(schema: Build.single(Build.field("F1", Constraints(pattern: "[a-z]+")), 1))
        let counts = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
            for i in 0..<8 {
                group.addTask {
                    (0..<500).reduce(0) { sum, j in
                        sum + validator.validate(["F1": (i + j) % 2 == 0 ? "abc" : "ABC"]).count
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.reduce(0, +) == 2_000)
    }

    @Test func issuesAreCodable() throws {
        let issue = ValidationIssue(
            pointer: "/G1/0/F2", elementID: "F2", code: .tooManyDecimals, messageDE: "de", messageEN: "en", label: "L")
        let data = try JSONEncoder().encode(issue)
        #expect(try JSONDecoder().decode(ValidationIssue.self, from: data) == issue)
        #expect(String(decoding: data, as: UTF8.self).contains("\"tooManyDecimals\""))
    }
}
