import Expressions
import Foundation
import Testing

@testable import Decisions

/// `ConstantTests` (the fast path for constant input entries) must decide exactly as `UnaryTests`.
@Suite struct DifferentialTests {
    static let entries = [
        "< 10", "<= 10", "> 10", ">= 10", "= 10", "!= 10", "10", "-10", "< -2.5", "> 1 + 2", "10.0",
        "[1..10]", "(1..10)", "]1..10[", "[1..10)", "(1..10]", "[-5..5]", "[0.1..0.3]", "[10..1]",
        #""a""#, #""a", "b""#, #"not("a")"#, #"not("a", "b")"#, #"not ( "a" )"#, #"not(< 5)"#, #"not([1..3], 7)"#,
        #"["a", "b"]"#, "[1, 2]", "[]", "[[1, 2], 3]", "true", "false", "not(true)", "null", "= null", "!= null",
        "< null", #"< "m""#, #"["a".."m"]"#, #"["a..b"]"#, #""a,b", "c""#, #"date("2024-01-31")"#,
        #"< date("2024-01-31")"#, #"[date("2024-01-01")..date("2024-12-31")]"#, #"@"P1Y""#, #"> duration("P2D")"#,
        "{a: 1}", "> 99999999999999999999999999999999999", "[1..2], [5..6], 9", "1 + 1", "(1 + 1)", "(2)",
        #""a" or "b""#, "5 > 3", "[1..2] , < 0",
        "0.30000000000000000000000000000000001", "< 0.30000000000000000000000000000000001",
        ">= 0.3", "<= 0.29999999999999999999999999999999999",
    ]

    static let inputs: [Value] = [
        .null, 0, 1, 2, 5, 9, 10, 11, -10, -5, 3, .number(Decimal(string: "0.3")!),
        .number(Decimal(string: "0.30000000000000000000000000000000001")!),
        .number(Decimal(string: "0.29999999999999999999999999999999999")!), .number(Decimal(string: "-2.5")!),
        .number(Decimal(string: "10.0")!), .number(Decimal(string: "99999999999999999999999999999999999")!),
        "a", "b", "c", "m", "z", "a,b", "a..b", "", true, false, [1, 2], ["a", "b"], [], [[1, 2], 3],
        .date(LocalDate(iso: "2024-01-31")!), .date(LocalDate(iso: "2023-06-01")!),
        .duration(FEELDuration(iso: "P1Y")!), .duration(FEELDuration(iso: "P3D")!), ["a": 1], ["a": 2],
    ]

    @Test func constantTestsDecideAsUnaryTests() throws {
        var fast = 0
        for entry in Self.entries {
            let reference = try UnaryTests(entry)
            guard let constant = ConstantTests(entry) else { continue }
            fast += 1
            for input in Self.inputs {
                let expected = try reference.matches(input)
                #expect(constant.matches(Operand(input)) == expected, "\(entry) with \(input)")
            }
        }
        #expect(fast == Self.entries.count)
    }

    @Test func entriesWithVariablesOrTheInputStayUnaryTests() {
        for entry in ["< limit", "? > 3", "[a..b]", #"contains(?, "x")"#, "x", "-"] {
            #expect(ConstantTests(entry) == nil, "\(entry)")
        }
    }
}
