import Expressions
import Testing

@Suite("Language: literals, operators, paths, filters")
struct LanguageTests {
    static let literalsCases: [(String, Value)] = [
        (#""a\"b\\c\nd\te\u00e4""#, .string("a\"b\\c\nd\te\u{e4}")),
        (#""Größe ß""#, "Größe ß"),
        ("12", 12),
        ("3.5", number("3.5")),
        (".5", number("0.5")),
        ("-2", -2),
        ("true", true),
        ("false", false),
        ("null", .null),
        ("[1, 2, 3]", [1, 2, 3]),
        ("[]", []),
        (#"{a: 1, "b c": [true, null]}"#, ["a": 1, "b c": [true, .null]]),
        ("{}", .context([:])),
        (#"date("2024-01-31")"#, date("2024-01-31")),
        (#"@"2024-01-31""#, date("2024-01-31")),
        (#"duration("P1Y")"#, .duration(.yearsMonths(months: 12))),
        (#"duration("P3D")"#, .duration(.daysTime(seconds: 3 * 86_400))),
        (#"@"P3D""#, duration("P3D")),
    ]

    @Test("Literals", arguments: literalsCases)
    func literal(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let precedenceCases: [(String, Value)] = [
        ("1 + 2 * 3", 7),
        ("1 + 2 * 3 = 7", true),
        ("(1 + 2) * 3", 9),
        ("10 - 2 - 3", 5),
        ("12 / 4 / 3", 1),
        ("7 / 2", number("3.5")),
        ("2 * 3 ** 2", 18),
        ("2 ** 3 ** 2", 64),
        ("-2 ** 2", 4),
        ("-(1 + 2)", -3),
        ("--3", 3),
        (#""Amts" + "weg""#, "Amtsweg"),
        ("1 + 1 = 2 and 2 > 1", true),
        ("true or false and false", true),
        ("(true or false) and false", false),
        ("not(1 = 2) and 3 >= 3", true),
    ]

    @Test("Operator precedence and associativity", arguments: precedenceCases)
    func precedence(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let decimalsCases: [(String, Value)] = [
        ("0.1 + 0.2 = 0.3", true),
        ("0.1 + 0.2", number("0.3")),
        ("0.1 * 3", number("0.3")),
        ("1.10 + 2.20", number("3.3")),
        ("1 / 4", number("0.25")),
        ("100000000000000000000 + 1", number("100000000000000000001")),
        ("19.99 * 3", number("59.97")),
    ]

    @Test("Arithmetic is decimal, not binary floating point", arguments: decimalsCases)
    func decimal(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let logicCases: [(String, Value)] = [
        ("true and true", true), ("true and false", false), ("true and null", .null),
        ("false and true", false), ("false and false", false), ("false and null", false),
        ("null and true", .null), ("null and false", false), ("null and null", .null),
        ("true or true", true), ("true or false", true), ("true or null", true),
        ("false or true", true), ("false or false", false), ("false or null", .null),
        ("null or true", true), ("null or false", .null), ("null or null", .null),
        ("1 and true", .null), ("false and 1", false), (#"true or "x""#, true),
        ("true and true and null and false", false),
    ]

    @Test("Three-valued logic (FEEL truth tables)", arguments: logicCases)
    func logic(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test("Three-valued logic with variables, including missing ones")
    func logicWithVariables() throws {
        let variables: [String: Value] = ["yes": true, "no": false, "nothing": .null]
        #expect(try evaluate("yes and missing", variables) == .null)
        #expect(try evaluate("no and missing", variables) == false)
        #expect(try evaluate("yes or nothing", variables) == true)
        #expect(try evaluate("no or nothing", variables) == .null)
    }

    static let comparisonsCases: [(String, Value)] = [
        (#"1 = "1""#, .null),
        (#"1 < "a""#, .null),
        (#"date("2024-01-01") > 5"#, .null),
        ("null < 1", .null),
        ("true < false", .null),
        (#"duration("P1Y") < duration("P1D")"#, .null),
        ("null = null", true),
        ("1 = null", false),
        ("1 != null", true),
        ("missing = null", true),
        ("missing", .null),
        ("missing > 3", .null),
        ("[1, 2] = [1, 2]", true),
        ("[1, 2] = [1, 3]", false),
        ("[1, 2] = [1]", false),
        (#"[1, "a"] = [1, 2]"#, .null),
        ("{a: 1, b: [2]} = {b: [2], a: 1}", true),
        ("{a: 1} = {b: 1}", false),
        (#""a" < "b""#, true),
        (#""Ä" = "Ä""#, true),
        ("2.0 = 2", true),
        ("1 != 2", true),
        ("true = true", true),
    ]

    @Test("Comparisons; incompatible types give null", arguments: comparisonsCases)
    func comparison(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let nullsCases: [(String, Value)] = [
        ("1 + null", .null),
        ("null * 2", .null),
        ("-null", .null),
        ("1 / 0", .null),
        ("0 / 0", .null),
        ("1 / 0 = null", true),
        (#""a" + 1"#, .null),
        (#"-"a""#, .null),
        ("10 ** 100 * 10 ** 100", .null),
        ("2 ** 0.5", .null),
        ("2 ** -2", number("0.25")),
        ("0 ** -1", .null),
        ("missing + 1", .null),
    ]

    @Test("Nulls, division by zero and overflow give null", arguments: nullsCases)
    func nulls(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let data: [String: Value] = [
        "person": ["name": "Ada", "address": ["city": "Jena"]],
        "numbers": [1, 2, 3, 4, 5],
        "people": [["name": "Ada", "age": 36], ["name": "Bob", "age": 17], ["name": "Cy", "age": 18]],
        "limit": 3,
        "position": 2,
        "Größe": 21,
    ]

    static let pathsCases: [(String, Value)] = [
        ("person.address.city", "Jena"),
        ("person.name", "Ada"),
        ("person.missing", .null),
        ("person.name.first", .null),
        ("missing.a.b", .null),
        ("people.name", ["Ada", "Bob", "Cy"]),
        ("Größe * 2", 42),
        ("{a: 1, b: {c: 2}}.b.c", 2),
        ("{a: 1, b: limit}.b", 3),
    ]

    @Test("Names and paths into contexts and lists", arguments: pathsCases)
    func path(source: String, expected: Value) throws {
        #expect(try evaluate(source, Self.data) == expected)
    }

    static let filtersCases: [(String, Value)] = [
        ("[1, 2, 3, 4, 5][item > 3]", [4, 5]),
        ("numbers[item > limit]", [4, 5]),
        ("numbers[item > 10]", []),
        ("numbers[1]", 1),
        ("numbers[-1]", 5),
        ("numbers[-5]", 1),
        ("numbers[position]", 2),
        ("numbers[0]", .null),
        ("numbers[6]", .null),
        ("numbers[-6]", .null),
        ("numbers[1.5]", .null),
        ("people[age >= 18].name", ["Ada", "Cy"]),
        ("people[item.age < 18].name", ["Bob"]),
        ("people[age >= 18][-1].name", "Cy"),
        ("count(people[age > 100])", 0),
        ("[[1, 2, 3], [4]][count(item[item > 1]) = 2]", [[1, 2, 3]]),
        ("5[item > 3]", [5]),
        ("missing[1]", .null),
        ("missing[item > 1]", .null),
    ]

    @Test("Filters and 1-based, negative-from-the-end indexes", arguments: filtersCases)
    func filter(source: String, expected: Value) throws {
        #expect(try evaluate(source, Self.data) == expected)
    }

    static let conditionalsCases: [(String, Value)] = [
        ("if true then 1 else 2", 1),
        ("if false then 1 else 2", 2),
        ("if null then 1 else 2", 2),
        ("if 1 then 1 else 2", 2),
        ("if true then 1 else 2 + 3", 1),
        ("if false then 1 else 2 + 3", 5),
        ("1 + (if limit > 1 then 10 else 20)", 11),
        ("if limit > 5 then 1 else if limit > 2 then 2 else 3", 2),
        (#"if person.address.city = "Jena" then "TH" else "?""#, "TH"),
    ]

    @Test("if … then … else", arguments: conditionalsCases)
    func conditional(source: String, expected: Value) throws {
        #expect(try evaluate(source, Self.data) == expected)
    }

    static let membershipCases: [(String, Value)] = [
        ("5 between 1 and 10", true),
        ("1 between 1 and 10", true),
        ("11 between 1 and 10", false),
        ("missing between 1 and 10", .null),
        ("5 between 1 and 10 and false", false),
        ("3 in [1..5]", true),
        ("5 in [1..5)", false),
        ("5 in [1..5[", false),
        ("1 in (1..5]", false),
        ("1 in ]1..5]", false),
        ("2 in (1..5)", true),
        ("limit in [position..limit]", true),
        (#""b" in ("a", "b")"#, true),
        (#""c" in ("a", "b")"#, false),
        ("2 in [1, 2, 3]", true),
        ("4 in [1, 2, 3]", false),
        ("3 in numbers", true),
        ("3 in < 5", true),
        ("12 in (< 5, > 10)", true),
        ("7 in (< 5, > 10)", false),
        ("3 in (1..5) and true", true),
        ("null in [1..5]", .null),
        (#"date("2024-06-01") in [date("2024-01-01")..date("2024-12-31")]"#, true),
    ]

    @Test("between and in", arguments: membershipCases)
    func membership(source: String, expected: Value) throws {
        #expect(try evaluate(source, Self.data) == expected)
    }
}
