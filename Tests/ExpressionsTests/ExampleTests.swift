import Expressions
import Testing

@Suite("Realistic rules, names, values and speed")
struct ExampleTests {
    @Test("FIM rule condition: if F05001047 = \"02\" then G05000499 is mandatory")
    func fimCondition() throws {
        let condition = try Expression(#"F05001047 = "02""#)
        #expect(condition.names == ["F05001047"])
        #expect(try condition.evaluate(["F05001047": "02"]).isTruthy == true)
        #expect(try condition.evaluate(["F05001047": "01"]).isTruthy == false)
        #expect(try condition.evaluate([:]).isTruthy == false)
        #expect(try condition.evaluate(["F05001047": 2]).isTruthy == nil)
    }

    @Test("Wohngeld-like income check over a household list")
    func householdIncome() throws {
        let rule = try Expression("sum(haushalt[item.einkommen > 0].einkommen) * 12 < 30000")
        #expect(rule.names == ["haushalt"])
        var haushalt: [Value] = [
            ["name": "Anna", "einkommen": 1200],
            ["name": "Ben", "einkommen": 0],
            ["name": "Carla", "einkommen": number("850.50")],
        ]
        #expect(try rule.evaluate(["haushalt": .list(haushalt)]) == true)
        let yearly = try Expression("sum(haushalt[item.einkommen > 0].einkommen) * 12")
        #expect(try yearly.evaluate(["haushalt": .list(haushalt)]) == number("24606"))
        haushalt.append(["name": "Dora", "einkommen": 450])
        #expect(try rule.evaluate(["haushalt": .list(haushalt)]) == false)
        #expect(try rule.evaluate(["haushalt": []]) == true)
    }

    @Test("BPMN gateway condition")
    func gateway() throws {
        let condition = try Expression(#"betrag > 1000 and status in ("neu", "geprüft")"#)
        #expect(try condition.evaluate(["betrag": 1500, "status": "geprüft"]) == true)
        #expect(try condition.evaluate(["betrag": 1500, "status": "abgelehnt"]) == false)
        #expect(try condition.evaluate(["status": "neu"]) == .null)
    }

    @Test("names reports every top-level variable, not filter-bound ones")
    func names() throws {
        let cases: [(String, Set<String>)] = [
            (#"F05001047 = "02" and G1.F2 > 3"#, ["F05001047", "G1"]),
            ("sum(haushalt[item.einkommen > 0].einkommen) * 12 < grenze", ["haushalt", "grenze"]),
            ("people[age > limit]", ["people", "age", "limit"]),
            ("item.x", ["item"]),
            (#"if a then b.c else [d, {k: e}][1]"#, ["a", "b", "d", "e"]),
            ("x between lo and hi", ["x", "lo", "hi"]),
            ("x in (a, < b, [c..d])", ["x", "a", "b", "c", "d"]),
            (#"date("2024-01-01") + duration("P1D")"#, []),
        ]
        for (source, names) in cases {
            #expect(try Expression(source).names == names, "\(source)")
        }
    }

    @Test("Values print as FEEL literals")
    func valueDescription() {
        let cases: [(Value, String)] = [
            (.null, "null"),
            (true, "true"),
            (number("12.50"), "12.5"),
            ("a\"b\\\n", #""a\"b\\\n""#),
            (date("2024-01-31"), #"date("2024-01-31")"#),
            (duration("P1Y2M"), #"duration("P1Y2M")"#),
            ([1, "x", []], #"[1, "x", []]"#),
            (["b c": 1, "a": true, "in": .null], #"{a: true, "b c": 1, "in": null}"#),
        ]
        for (value, text) in cases {
            #expect(value.description == text)
        }
        #expect(Value.bool(false).isTruthy == false)
        #expect(Value.null.isTruthy == nil)
        #expect(Value.number(1).isTruthy == nil)
    }

    @Test("Expressions are equal and hash by source")
    func hashable() throws {
        let set: Set<Expression> = [try Expression("a + 1"), try Expression("a + 1"), try Expression("a+1")]
        #expect(set.count == 2)
        #expect(try UnaryTests("< 3") == UnaryTests("< 3"))
        #expect(try Expression("a + 1").source == "a + 1")
        #expect(ExpressionError("boom").description == "boom")
    }

    @Test("Parsing and evaluating a typical condition is not pathologically slow")
    func speed() throws {
        let source = #"F05001047 = "02" and G1.F2 > 3 or count(G2[item > 1]) >= 2"#
        let variables: [String: Value] = ["F05001047": "02", "G1": ["F2": 4], "G2": [1, 2, 3]]
        let iterations = 1_000
        let clock = ContinuousClock()
        var expression = try Expression(source)
        let parsing = try clock.measure {
            for _ in 0..<iterations { expression = try Expression(source) }
        }
        var result = Value.null
        let evaluating = try clock.measure {
            for _ in 0..<iterations { result = try expression.evaluate(variables) }
        }
        #expect(result == true)
        print(
            "parse \(parsing / iterations) per \(source.count)-character condition, evaluate \(evaluating / iterations)"
        )
        // A generous bound (debug builds, busy machines): catches accidental quadratic behaviour only.
        #expect(parsing + evaluating < .seconds(5))
    }
}
