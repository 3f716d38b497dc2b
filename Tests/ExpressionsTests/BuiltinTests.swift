import Expressions
import Testing

@Suite("Built-in functions")
struct BuiltinTests {
    static let stringsCases: [(String, Value)] = [
        ("not(true)", false),
        ("not(false)", true),
        ("not(null)", .null),
        ("not(1)", .null),
        (#"contains("Antrag", "trag")"#, true),
        (#"contains("Antrag", "x")"#, false),
        (#"contains("Antrag", "")"#, true),
        (#"contains(1, "a")"#, .null),
        (#"starts with("Antrag", "An")"#, true),
        (#"starts with("Antrag", "trag")"#, false),
        (#"ends with("Antrag", "trag")"#, true),
        (#"ends with("Antrag", "An")"#, false),
        (#"string length("Größe")"#, 5),
        (#"string length("")"#, 0),
        ("string length(5)", .null),
        (#"upper case("straße")"#, "STRASSE"),
        (#"lower case("ÄRGER")"#, "ärger"),
        (#"substring("foobar", 3)"#, "obar"),
        (#"substring("foobar", 3, 3)"#, "oba"),
        (#"substring("foobar", -2, 1)"#, "a"),
        (#"substring("foobar", 5, 10)"#, "ar"),
        (#"substring("foobar", 0)"#, .null),
        (#"substring("foobar", 1, -1)"#, .null),
        (#"substring("Größe", 3, 1)"#, "ö"),
        (#"matches("07743", "^[0-9]{5}$")"#, true),
        (#"matches("0774", "^[0-9]{5}$")"#, false),
        (#"matches("abc", "b")"#, true),
        (#"matches(5, "b")"#, .null),
        ("string(12.5)", "12.5"),
        ("string(true)", "true"),
        (#"string(date("2024-01-31"))"#, "2024-01-31"),
        (#"string(duration("P29D"))"#, "P29D"),
        (#"string("x")"#, "x"),
        ("string(null)", .null),
        (#"string([1, "a"])"#, #"[1, "a"]"#),
    ]

    @Test("Boolean and string functions", arguments: stringsCases)
    func strings(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let listsCases: [(String, Value)] = [
        ("count([1, 2, 3])", 3),
        ("count([])", 0),
        ("count(5)", .null),
        ("sum([1, 2, 3.5])", number("6.5")),
        ("sum(1, 2, 3)", 6),
        ("sum([])", 0),
        (#"sum([1, "a"])"#, .null),
        ("sum(null)", .null),
        ("min([3, 1, 2])", 1),
        ("min(3, 1, 2)", 1),
        ("max([3, 1, 2])", 3),
        (#"max("a", "c", "b")"#, "c"),
        (#"max(date("2023-05-01"), date("2024-01-01"))"#, date("2024-01-01")),
        ("max([])", .null),
        (#"max(1, "a")"#, .null),
        ("max([true])", .null),
        ("mean([1, 2, 3, 4])", number("2.5")),
        ("mean(1, 2)", number("1.5")),
        ("mean([])", .null),
        ("list contains([1, 2, 3], 2)", true),
        ("list contains([1, 2, 3], 4)", false),
        ("list contains([1, null], null)", true),
        ("list contains(1, 1)", .null),
    ]

    @Test("List functions", arguments: listsCases)
    func lists(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let numbersCases: [(String, Value)] = [
        ("abs(-3.5)", number("3.5")),
        ("abs(2)", 2),
        (#"abs("x")"#, .null),
        ("floor(1.5)", 1),
        ("floor(-1.5)", -2),
        ("ceiling(1.5)", 2),
        ("ceiling(-1.5)", -1),
        ("ceiling(2)", 2),
        ("decimal(1.125, 2)", number("1.12")),
        ("decimal(1.135, 2)", number("1.14")),
        ("decimal(2.5, 0)", 2),
        ("decimal(3.5, 0)", 4),
        ("decimal(-2.5, 0)", -2),
        ("decimal(1234, -2)", 1200),
        ("decimal(1, 0.5)", .null),
        (#"number("12.50")"#, number("12.5")),
        (#"number("-3")"#, -3),
        (#"number(".5")"#, number("0.5")),
        (#"number("1e3")"#, .null),
        (#"number("12abc")"#, .null),
        (#"number("1.")"#, .null),
        (#"number("-")"#, .null),
        (#"number("")"#, .null),
        ("number(12)", .null),
    ]

    @Test("Number functions (decimal rounding is half-even)", arguments: numbersCases)
    func numbers(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let temporalCases: [(String, Value)] = [
        (#"date("2024-01-31")"#, date("2024-01-31")),
        ("date(2024, 2, 29)", date("2024-02-29")),
        ("date(2023, 2, 29)", .null),
        ("date(text)", date("2024-05-01")),
        ("date(bad)", .null),
        ("date(date(2024, 5, 1))", date("2024-05-01")),
        (#"duration("P1Y2M")"#, .duration(.yearsMonths(months: 14))),
        (#"duration("P3DT4H")"#, .duration(.daysTime(seconds: 3 * 86_400 + 4 * 3_600))),
        ("duration(bad)", .null),
        (#"years and months duration(date("2011-12-22"), date("2013-08-24"))"#, duration("P1Y8M")),
        (#"years and months duration(date("2013-08-24"), date("2011-12-22"))"#, duration("-P1Y8M")),
        (#"years and months duration("2011-12-22", date("2013-08-24"))"#, .null),
    ]

    @Test("Temporal functions", arguments: temporalCases)
    func temporal(source: String, expected: Value) throws {
        #expect(try evaluate(source, ["text": "2024-05-01", "bad": "2024-02-30"]) == expected)
    }

    @Test("matches() refuses inputs over 1,000 characters instead of risking slow backtracking")
    func matchesLimit() throws {
        let rule = try Expression(#"matches(text, "^a+$")"#)
        #expect(try rule.evaluate(["text": .string(String(repeating: "a", count: 1_000))]) == true)
        let error = #expect(throws: ExpressionError.self) {
            try rule.evaluate(["text": .string(String(repeating: "a", count: 1_001))])
        }
        #expect(error?.message.contains("1000 characters") == true)
        #expect(try evaluate(#"matches("a", pattern)"#, ["pattern": "["]) == .null)
    }
}
