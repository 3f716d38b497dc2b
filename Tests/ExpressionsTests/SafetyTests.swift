import Expressions
import Testing

@Suite("Parse errors and safety limits")
struct SafetyTests {
    static let errorsCases: [(source: String, offset: Int, message: String)] = [
        ("(1 + 2", 0, "'(' is never closed"),
        ("[1, 2", 0, "'[' is never closed"),
        ("f(x", 0, "unknown function 'f'"),
        ("1 + 2)", 5, "unexpected ')'"),
        ("((1) + 2", 0, "'(' is never closed"),
        ("foo(1)", 0, "unknown function 'foo'"),
        (#"1 + string lenght("a")"#, 4, "unknown function 'string lenght'"),
        ("today()", 0, "variable 'today'"),
        ("1 + 2 3", 6, "unexpected '3'"),
        (#"F05001047 = "02" G1"#, 17, "unexpected 'G1'"),
        (#"x = "abc"#, 4, "unterminated string"),
        (#""a\q""#, 2, "unknown escape"),
        (#""\u12""#, 1, "invalid \\u escape"),
        ("1 +", 3, "unexpected end of expression"),
        ("", 0, "unexpected end of expression"),
        ("1 < 2 < 3", 6, "cannot be chained"),
        ("1 = 2 in [1..2]", 6, "cannot be chained"),
        (#"date("2024-02-30")"#, 5, "invalid date"),
        (#"@"2024-02-30""#, 1, "invalid temporal literal"),
        (#"duration("P1X")"#, 9, "invalid duration"),
        (#"matches(x, "[")"#, 11, "invalid regular expression"),
        (#"substring("a")"#, 0, "takes 2 or 3 arguments, not 1"),
        ("not(1, 2)", 0, "takes 1 argument, not 2"),
        ("date(1, 2)", 0, "takes 1 or 3 arguments"),
        ("sum()", 0, "at least 1 argument"),
        ("? > 1", 0, "only allowed in unary tests"),
        ("x # 1", 2, "unexpected character '#'"),
        ("{a: 1, a: 2}", 7, "duplicate context key 'a'"),
        ("if x then 1", 11, "expected 'else'"),
        ("if x 1 else 2", 5, "expected 'then'"),
        ("x between 1 or 2", 12, "expected 'and'"),
        ("a.in", 2, "expected a name after '.'"),
        ("1234567890123456789012345678901234567890", 0, "more than 38 digits"),
        ("Größe )", 6, "unexpected ')'"),
        ("\"e\u{301}\" )", 4, "unexpected ')'"),
    ]

    @Test("Parse errors name the problem and its character offset", arguments: errorsCases)
    func parseFailure(_ expected: (source: String, offset: Int, message: String)) throws {
        let error = try #require(parseError(expected.source))
        #expect(error.offset == expected.offset)
        #expect(error.message.contains(expected.message), "\(error.message)")
        #expect(error.description.hasSuffix("(at character \(expected.offset))"))
    }

    @Test("A huge expression runs out of budget instead of running on")
    func budget() throws {
        let ones = Array(repeating: "1", count: 20_000)
        let list = try Expression("count([" + ones.joined(separator: ", ") + "])")
        let error = #expect(throws: ExpressionError.self) { try list.evaluate([:]) }
        #expect(error?.message == "evaluation exceeded its budget of 10000 steps")
        #expect(error?.offset == nil)
        #expect(try list.evaluate([:], budget: 100_000) == 20_000)

        let chain = try Expression(ones.joined(separator: " + "))
        #expect(throws: ExpressionError.self) { try chain.evaluate([:]) }
        #expect(try chain.evaluate([:], budget: 1_000_000) == 20_000)

        let filter = try Expression("count(big[item > 0])")
        let big = Value.list(Array(repeating: 1, count: 20_000))
        #expect(throws: ExpressionError.self) { try filter.evaluate(["big": big]) }
        #expect(throws: ExpressionError.self) { try Expression("sum(big)").evaluate(["big": big]) }
        #expect(throws: ExpressionError.self) { try Expression("1 + 2 + 3").evaluate([:], budget: 3) }
        #expect(try Expression("1 + 2 + 3").evaluate([:], budget: 4) == 6)
    }

    @Test("Deep nesting is a parse error, never a stack overflow")
    func nesting() throws {
        let depth = 10_000
        let sources = [
            String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            String(repeating: "-", count: depth) + "1",
            String(repeating: "not(", count: depth) + "true" + String(repeating: ")", count: depth),
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth),
            String(repeating: "if true then ", count: depth) + "1" + String(repeating: " else 2", count: depth),
            String(repeating: "x in (", count: depth) + "1" + String(repeating: ")", count: depth),
            "a" + String(repeating: ".b", count: depth),
            "a" + String(repeating: "[1]", count: depth),
            String(repeating: "(", count: depth),
        ]
        for source in sources {
            let error = try #require(parseError(source), "\(source.prefix(20))")
            #expect(error.message == "expression nested more than 64 levels deep", "\(source.prefix(20))")
        }
        let unary = #expect(throws: ExpressionError.self) {
            try UnaryTests(String(repeating: "[", count: depth) + "1")
        }
        #expect(unary?.message.contains("nested") == true)
    }

    @Test("Reasonable nesting still works")
    func moderateNesting() throws {
        let source = String(repeating: "(1 + ", count: 30) + "1" + String(repeating: ")", count: 30)
        #expect(try evaluate(source) == 31)
        #expect(try evaluate("a" + String(repeating: ".a", count: 20), [:]) == .null)
    }
}
