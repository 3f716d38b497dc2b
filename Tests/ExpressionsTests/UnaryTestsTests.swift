import Expressions
import Testing

@Suite("DMN unary tests (input entries)")
struct UnaryTestsTests {
    static let casesCases: [(tests: String, input: Value, matches: Bool)] = [
        ("-", 5, true),
        ("-", .null, true),
        ("< 10", 5, true),
        ("< 10", 10, false),
        ("<= 10", 10, true),
        ("> 10", 11, true),
        ("> 10", 10, false),
        (">= 10", 10, true),
        ("< 10", "a", false),
        ("< 10", .null, false),
        (#"= "a""#, "a", true),
        (#"!= "a""#, "b", true),
        (#""a""#, "a", true),
        (#""a""#, "b", false),
        ("5", 5, true),
        ("-5", -5, true),
        ("null", .null, true),
        (#"date("2024-01-01")"#, date("2024-01-01"), true),
        (#""a", "b""#, "b", true),
        (#""a", "b""#, "c", false),
        ("< 10, > 20", 25, true),
        ("< 10, > 20", 15, false),
        ("[1..5]", 1, true),
        ("[1..5]", 5, true),
        ("[1..5]", 6, false),
        ("(1..5)", 1, false),
        ("(1..5)", 2, true),
        ("]1..5[", 5, false),
        ("]1..5[", 4, true),
        ("[1..5)", 5, false),
        ("[1..5[", 1, true),
        ("[1..5]", "3", false),
        (#"[date("2024-01-01")..date("2024-12-31")]"#, date("2024-06-30"), true),
        ("[1, 2, 3]", 2, true),
        ("[1, 2, 3]", 4, false),
        ("[]", 1, false),
        ("(1 + 2)", 3, true),
        ("(1 + 2) * 2", 6, true),
        (#"not("a", "b")"#, "c", true),
        (#"not("a", "b")"#, "a", false),
        ("not(< 10)", 12, true),
        ("not(< 10)", 5, false),
        ("not(< 10)", "x", false),
        ("not([1..5])", 6, true),
        ("? > 3 and ? < 9", 5, true),
        ("? > 3 and ? < 9", 9, false),
        ("string length(?) > 3", "abcd", true),
        (#"starts with(?, "F05")"#, "F05001047", true),
        (#"starts with(?, "F05")"#, "G05000499", false),
    ]

    @Test("Every form of unary test", arguments: casesCases)
    func unaryTest(_ test: (tests: String, input: Value, matches: Bool)) throws {
        #expect(try UnaryTests(test.tests).matches(test.input) == test.matches)
    }

    @Test("Tests read variables; names lists them")
    func variables() throws {
        let tests = try UnaryTests("< limit, [low..high], ? = other")
        #expect(tests.names == ["limit", "low", "high", "other"])
        let variables: [String: Value] = ["limit": 10, "low": 20, "high": 30, "other": 42]
        #expect(try tests.matches(5, variables: variables))
        #expect(try tests.matches(25, variables: variables))
        #expect(try tests.matches(42, variables: variables))
        #expect(try !tests.matches(15, variables: variables))
        #expect(try UnaryTests("-").names.isEmpty)
    }

    @Test("Malformed unary tests are parse errors with offsets")
    func errors() {
        let cases: [(String, Int)] = [("", 0), ("[1..5", 5), ("<", 1), ("not(1", 3), ("[1..5}", 5), (#""a",, "b""#, 4)]
        for (source, offset) in cases {
            let error = #expect(throws: ExpressionError.self, "\(source)") { try UnaryTests(source) }
            #expect(error?.offset == offset, "\(source): \(String(describing: error))")
        }
    }

    @Test("A DMN decision table row by row: first matching rule wins")
    func decisionTable() throws {
        let rules: [(age: UnaryTests, income: UnaryTests, fee: Value)] = [
            (try UnaryTests("< 18"), try UnaryTests("-"), 0),
            (try UnaryTests("[18..65)"), try UnaryTests("< 1000"), 10),
            (try UnaryTests("[18..65)"), try UnaryTests(">= 1000"), 25),
            (try UnaryTests(">= 65"), try UnaryTests("-"), 5),
        ]
        func fee(age: Value, income: Value) throws -> Value? {
            try rules.first { try $0.age.matches(age) && $0.income.matches(income) }?.fee
        }
        #expect(try fee(age: 17, income: 5000) == 0)
        #expect(try fee(age: 30, income: number("999.99")) == 10)
        #expect(try fee(age: 64, income: 1000) == 25)
        #expect(try fee(age: 65, income: 0) == 5)
        #expect(try fee(age: .null, income: 0) == nil)
    }
}
