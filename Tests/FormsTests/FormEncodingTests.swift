import Forms
import Foundation
import Testing

private func field(_ type: DataType, kind: FieldKind = .input, label: String = "Miete") -> Field {
    Field(
        id: "F1", texts: ElementTexts(name: label, label: label), kind: kind, dataType: type,
        codeList: kind == .select
            ? CodeList(uri: "urn:test", entries: [CodeListEntry(code: "000", label: "deutsch")]) : nil)
}

@Suite("Form encoding")
struct FormEncodingTests {
    @Test(
        "day, month and year inputs",
        arguments: [
            ("31", "1", "2024", "2024-01-31"),
            (" 5 ", "09", " 1999", "1999-09-05"),
            ("05", "März", "2024", "2024-03-05"),
            ("1", "dec", "2024", "2024-12-01"),
            ("31", "2", "2024", "2024-02-31"),  // assembled; the validator reports invalidDate
            ("1", "1", "24", "24-1-1"),  // two-digit year: not a date
            ("", "1", "2024", "2024-1-"),
            ("x", "1", "2024", "2024-1-x"),
        ] as [(String, String, String, String)])
    func dateParts(day: String, month: String, year: String, expected: String) {
        #expect(FormEncoding.value(for: field(.date), day: day, month: month, year: year) == expected)
    }

    @Test func emptyDatePartsMeanNotGiven() {
        #expect(FormEncoding.value(for: field(.date), day: " ", month: nil, year: "") == nil)
    }

    @Test func assembledInvalidDatesAreReportedAsInvalidDate() {
        let schema = Build.single(Build.field("F1", .date), 1)
        let validator = FormValidator(schema: schema)
        for parts in [("31", "2", "2024"), ("", "1", "2024"), ("1", "1", "24"), ("0", "1", "2024")] {
            let value = FormEncoding.value(for: field(.date), day: parts.0, month: parts.1, year: parts.2)
            let issues = validator.validate(["F1": value.map(FormValue.string) ?? .null])
            #expect(issues.map(\.code) == [.invalidDate], "\(parts)")
        }
        let ok = FormEncoding.value(for: field(.date), day: "29", month: "2", year: "2024")
        #expect(validator.validate(["F1": .string(ok ?? "")]).isEmpty)
    }

    @Test(
        "numbers as people type them",
        arguments: [
            ("12,50", "12.5"), ("1.234,50", "1234.5"), ("1.234", "1234"), ("1.234.567", "1234567"), ("0.125", "0.125"),
            ("1,234.50", "1234.5"), ("1234.5", "1234.5"), ("1 234,50 €", "1234.5"), ("€ 1.234,50", "1234.5"),
            ("-3,5", "-3.5"), ("+7", "7"), ("450,50 EUR", "450.5"), (",5", "0.5"), ("007", "7"),
            ("1\u{202F}000", "1000"),
            ("1,234,567", "1234567"), ("0", "0"),
        ] as [(String, String)])
    func numbers(raw: String, expected: String) {
        #expect(FormEncoding.coerce(raw, for: field(.numCurrency)) == .num(expected))
        #expect(FormEncoding.coerce(raw, for: field(.num)) == .num(expected))
    }

    @Test(
        "text that is not a number stays text",
        arguments: ["12,", "1.2.3", "1,23,4", "zwölf", "1e5", "12.34,5", "--1", "1..2"])
    func notNumbers(raw: String) {
        #expect(FormEncoding.coerce(raw, for: field(.num)) == .string(raw))
    }

    @Test func uncoercibleNumbersGetAFriendlyMessage() throws {
        let validator = FormValidator(schema: Build.single(Build.field("F1", .numCurrency, label: "Miete")))
        let issue = try #require(
            validator.validate(["F1": FormEncoding.coerce("vierhundert", for: field(.numCurrency))]).first)
        #expect(issue.code == .wrongType)
        #expect(issue.messageDE == "„Miete“ muss eine Zahl sein, zum Beispiel 450,50.")
        #expect(issue.messageEN == "“Miete” must be a number, like 450.50.")
        #expect(validator.validate(["F1": FormEncoding.coerce("1.234,56", for: field(.numCurrency))]).isEmpty)
        #expect(
            validator.validate(["F1": FormEncoding.coerce("1,234", for: field(.numCurrency))]).map(\.code) == [
                .tooManyDecimals
            ])
    }

    @Test func otherTypes() {
        for yes in ["ja", "Ja", "true", "on", "yes", "1"] {
            #expect(FormEncoding.coerce(yes, for: field(.bool)) == true)
        }
        for no in ["nein", "false", "off", "0"] { #expect(FormEncoding.coerce(no, for: field(.bool)) == false) }
        #expect(FormEncoding.coerce("vielleicht", for: field(.bool)) == "vielleicht")
        #expect(FormEncoding.coerce("   ", for: field(.text)) == .null)
        #expect(FormEncoding.coerce("", for: field(.numInt)) == .null)
        #expect(FormEncoding.coerce("  Erika \r\nMustermann ", for: field(.text)) == "Erika \nMustermann")
        #expect(FormEncoding.coerce("7", for: field(.numInt)) == 7)
        #expect(FormEncoding.coerce("31.1.2024", for: field(.date)) == "2024-01-31")
        #expect(FormEncoding.coerce("2024-01-31", for: field(.date)) == "2024-01-31")
        #expect(FormEncoding.coerce("9:05", for: field(.time)) == "09:05")
        #expect(FormEncoding.coerce("14.30 Uhr", for: field(.time)) == "14:30")
        #expect(FormEncoding.coerce("deutsch", for: field(.text, kind: .select)) == "000")
        #expect(FormEncoding.coerce("000", for: field(.text, kind: .select)) == "000")
        #expect(FormEncoding.coerce("{\"a\":1}", for: field(.obj)) == ["a": 1])
        #expect(FormEncoding.coerce("x", for: field(.text, kind: .label)) == .null)
    }

    @Test func displayForCheckYourAnswers() {
        #expect(FormEncoding.display("2024-01-31", for: field(.date), language: "de") == "31.01.2024")
        #expect(FormEncoding.display("2024-01-31", for: field(.date), language: "en") == "31 January 2024")
        #expect(FormEncoding.display("2024-02-30", for: field(.date), language: "en") == "2024-02-30")
        #expect(FormEncoding.display(.num("1234.5"), for: field(.numCurrency), language: "de") == "1.234,50 €")
        #expect(FormEncoding.display(.num("1234.5"), for: field(.numCurrency), language: "en") == "€1,234.50")
        #expect(FormEncoding.display(.num("-0.5"), for: field(.numCurrency), language: "en") == "-€0.50")
        // Plain numbers are often identifiers: shown as typed, without grouping.
        #expect(FormEncoding.display(.num("1234567.125"), for: field(.num), language: "de") == "1234567,125")
        #expect(FormEncoding.display(.num("1234"), for: field(.numInt), language: "en") == "1234")
        #expect(FormEncoding.display(.num("123"), for: field(.numInt), language: "de") == "123")
        #expect(FormEncoding.display(true, for: field(.bool), language: "de") == "Ja")
        #expect(FormEncoding.display(false, for: field(.bool), language: "en") == "No")
        #expect(FormEncoding.display("000", for: field(.text, kind: .select), language: "de") == "deutsch")
        #expect(FormEncoding.display("999", for: field(.text, kind: .select), language: "de") == "999")
        #expect(FormEncoding.display(nil, for: field(.text), language: "de") == "")
        #expect(
            FormEncoding.display(["2024-01-31", "2024-02-01"], for: field(.date), language: "de")
                == "31.01.2024, 01.02.2024")
        #expect(
            FormEncoding.display("2024-01-31T14:30:00+01:00", for: field(.datetime), language: "de")
                == "31.01.2024, 14:30 Uhr")
        #expect(FormEncoding.display("Text", for: field(.text), language: "en") == "Text")
    }
}
