import Expressions
import Foundation

extension DecisionModel {
    /// Evaluates the decision with this id: its required decisions first (each once), each decision seeing
    /// `variables` plus the results of the decisions it requires, bound to their names. A missing variable is null.
    /// Throws only for an unknown id, a violated hit policy (UNIQUE, ANY) or an expression that exceeded its
    /// step budget or a safety limit.
    public func evaluate(decisionID: String, variables: [String: Value]) throws(DecisionError) -> DecisionResult {
        guard let index = indexByID[decisionID] else {
            throw DecisionError(
                .unknownDecision, decisionID: decisionID, message: "the model has no decision with id '\(decisionID)'")
        }
        let decision = decisions[index]
        let plan = plans[index]
        if plan.count == 1 {
            let trace = try decision.evaluate(variables)
            return DecisionResult(decisionID: decision.id, name: decision.name, value: trace.value, trace: [trace])
        }
        var results: [Int: Value] = [:]
        var traces: [DecisionTrace] = []
        traces.reserveCapacity(plan.count)
        for step in plan {
            let current = decisions[step]
            var scope = variables
            for required in current.requiredIndices { scope[decisions[required].name] = results[required] ?? .null }
            let trace = try current.evaluate(scope)
            results[step] = trace.value
            traces.append(trace)
        }
        return DecisionResult(
            decisionID: decision.id, name: decision.name, value: traces[traces.count - 1].value, trace: traces)
    }
}

extension Decision {
    func evaluate(_ scope: [String: Value]) throws(DecisionError) -> DecisionTrace {
        switch logic {
        case .literalExpression(let literal):
            let value: Value
            do {
                value = try literal.expression.evaluate(scope)
            } catch {
                throw DecisionError(
                    .expressionFailed, decisionID: id, message: "the literal expression failed: \(error)")
            }
            let inputs = literal.expression.names.sorted().map { name in
                EvaluatedInput(label: name, expression: name, value: scope[name] ?? .null)
            }
            return DecisionTrace(
                decisionID: id, decisionName: name, hitPolicy: nil, aggregation: nil, inputs: inputs, matchedRules: [],
                usedDefaultOutput: false, requiredDecisions: requiredDecisions, value: value)
        case .decisionTable(let table):
            return try table.evaluate(scope, decision: self)
        }
    }
}

extension Compiled {
    func evaluate(_ variables: [String: Value]) throws -> Value {
        switch self {
        case .constant(let value): value
        case .variable(let name): variables[name] ?? .null
        case .expression(let expression): try expression.evaluate(variables)
        }
    }
}

extension DecisionTable {
    func evaluate(_ scope: [String: Value], decision: Decision) throws(DecisionError) -> DecisionTrace {
        func failure(_ message: String, _ rules: [RuleReference] = []) -> DecisionError {
            DecisionError(.expressionFailed, decisionID: decision.id, message: message, rules: rules)
        }
        // Inputs, once each.
        var values: [Value] = []
        values.reserveCapacity(inputs.count)
        for (column, input) in inputs.enumerated() {
            do {
                values.append(try input.compiled.evaluate(scope))
            } catch {
                throw failure("the expression of input \(column + 1) failed: \(error)")
            }
        }
        let operands = values.map(Operand.init)
        // `-` with input values matches only the allowed values; each input is checked at most once.
        var allowed: [Bool?] = checksInputValues ? Array(repeating: nil, count: inputs.count) : []
        var matches: [Int] = []
        ruleLoop: for (index, rule) in rules.enumerated() {
            for (column, test) in rule.tests.enumerated() {
                let passed: Bool
                switch test {
                case .any:
                    guard checksInputValues, let domain = inputs[column].allowed else { continue }
                    if let known = allowed[column] {
                        passed = known
                    } else {
                        do {
                            passed = try domain.matches(values[column], variables: scope)
                        } catch {
                            throw failure("the input values of input \(column + 1) failed: \(error)")
                        }
                        allowed[column] = passed
                    }
                case .constant(let tests):
                    passed = tests.matches(operands[column])
                case .tests(let tests):
                    do {
                        passed = try tests.matches(values[column], variables: scope)
                    } catch {
                        let reference = RuleReference(index: index, id: rule.id)
                        throw failure("\(reference), input entry \(column + 1) failed: \(error)", [reference])
                    }
                }
                if !passed { continue ruleLoop }
            }
            matches.append(index)
            if hitPolicy == .first { break }
        }
        let inputTrace = inputs.indices.map { column in
            EvaluatedInput(
                label: inputs[column].label ?? inputs[column].expression, expression: inputs[column].expression,
                value: values[column])
        }
        func trace(_ value: Value, _ matched: [MatchedRule], usedDefault: Bool = false) -> DecisionTrace {
            DecisionTrace(
                decisionID: decision.id, decisionName: decision.name, hitPolicy: hitPolicy, aggregation: aggregation,
                inputs: inputTrace, matchedRules: matched, usedDefaultOutput: usedDefault,
                requiredDecisions: decision.requiredDecisions, value: value)
        }
        guard !matches.isEmpty else {
            let (value, usedDefault) = try defaultValue(scope, failure)
            return trace(value, [], usedDefault: usedDefault)
        }
        let references = matches.map { RuleReference(index: $0, id: rules[$0].id) }
        if hitPolicy == .unique && matches.count > 1 {
            throw DecisionError(
                .uniqueViolation, decisionID: decision.id,
                message: "hit policy UNIQUE allows one matching rule, but \(Self.list(references)) matched",
                rules: references)
        }
        var results: [Value] = []
        results.reserveCapacity(matches.count)
        for reference in references { results.append(try output(of: reference, scope, failure)) }
        var matched = zip(references, results).map { MatchedRule(rule: $0, output: $1, hit: true) }
        switch hitPolicy {
        case .unique, .first:
            return trace(results[0], matched)
        case .any:
            if let conflict = results.firstIndex(where: { $0 != results[0] }) {
                throw DecisionError(
                    .anyConflict, decisionID: decision.id,
                    message: "hit policy ANY needs equal outputs, but \(references[0]) gives \(results[0]) and "
                        + "\(references[conflict]) gives \(results[conflict])",
                    rules: references)
            }
            return trace(results[0], matched)
        case .priority:
            let ranks = try results.map { value throws(DecisionError) in try rank(value, scope, failure) }
            var best = 0
            for position in ranks.indices where ranks[position].lexicographicallyPrecedes(ranks[best]) {
                best = position
            }
            for position in matched.indices where position != best {
                matched[position] = MatchedRule(rule: references[position], output: results[position], hit: false)
            }
            return trace(results[best], matched)
        case .outputOrder:
            let ranks = try results.map { value throws(DecisionError) in try rank(value, scope, failure) }
            let order = ranks.indices.sorted {
                ranks[$0].lexicographicallyPrecedes(ranks[$1]) || (ranks[$0] == ranks[$1] && $0 < $1)
            }
            return trace(.list(order.map { results[$0] }), order.map { matched[$0] })
        case .ruleOrder:
            return trace(.list(results), matched)
        case .collect:
            guard let aggregation else { return trace(.list(results), matched) }
            return trace(Self.aggregate(results, aggregation), matched)
        }
    }

    /// The output of a matched rule: its single output entry's value, or a context of all named outputs.
    private func output(
        of reference: RuleReference, _ scope: [String: Value], _ failure: (String, [RuleReference]) -> DecisionError
    ) throws(DecisionError) -> Value {
        let rule = rules[reference.index]
        do {
            if rule.results.count == 1 { return try rule.results[0].evaluate(scope) }
            var context: [String: Value] = [:]
            for (column, result) in rule.results.enumerated() {
                context[outputs[column].name ?? ""] = try result.evaluate(scope)
            }
            return .context(context)
        } catch {
            throw failure("\(reference), an output entry failed: \(error)", [reference])
        }
    }

    /// No rule matched: the outputs' default entries if any has one, else null (DMN: "the result is given by the
    /// default output value, or null if no default output value is specified"), for every hit policy.
    private func defaultValue(
        _ scope: [String: Value], _ failure: (String, [RuleReference]) -> DecisionError
    ) throws(DecisionError) -> (Value, Bool) {
        guard outputs.contains(where: { $0.compiledDefault != nil }) else { return (.null, false) }
        do {
            if outputs.count == 1 { return (try outputs[0].compiledDefault?.evaluate(scope) ?? .null, true) }
            var context: [String: Value] = [:]
            for output in outputs { context[output.name ?? ""] = try output.compiledDefault?.evaluate(scope) ?? .null }
            return (.context(context), true)
        } catch {
            throw failure("a default output entry failed: \(error)", [])
        }
    }

    /// The priority of an output for PRIORITY and OUTPUT ORDER: for each ranked output, the position of the first
    /// output value it matches (values matching none rank last).
    private func rank(
        _ value: Value, _ scope: [String: Value], _ failure: (String, [RuleReference]) -> DecisionError
    ) throws(DecisionError) -> [Int] {
        var rank: [Int] = []
        rank.reserveCapacity(rankedOutputs.count)
        for column in rankedOutputs {
            let output = outputs[column]
            var component = value
            if outputs.count > 1 {
                guard case .context(let entries) = value else { return [] }
                component = entries[output.name ?? ""] ?? .null
            }
            var position = output.ranking.count
            for (index, test) in output.ranking.enumerated() {
                let matches: Bool
                do {
                    matches = try test.matches(component, variables: scope)
                } catch {
                    throw failure("the output values of output \(column + 1) failed: \(error)", [])
                }
                if matches {
                    position = index
                    break
                }
            }
            rank.append(position)
        }
        return rank
    }

    /// C+, C<, C>, C#: FEEL's sum, min, max and count of the outputs: null when an output is not a number (sum) or
    /// the outputs are not comparable (min, max); count counts every output.
    static func aggregate(_ values: [Value], _ aggregation: Aggregation) -> Value {
        switch aggregation {
        case .count:
            return .number(Decimal(values.count))
        case .sum:
            var total = Decimal(0)
            for value in values {
                guard case .number(let number) = value else { return .null }
                total += number
            }
            return total.isNaN ? .null : .number(total)
        case .min, .max:
            guard var best = values.first, order(best, best) != nil else { return .null }
            for value in values.dropFirst() {
                guard let comparison = order(value, best) else { return .null }
                if aggregation == .max ? comparison > 0 : comparison < 0 { best = value }
            }
            return best
        }
    }

    /// -1, 0 or 1 for two numbers, strings, dates or durations of the same kind; nil otherwise.
    static func order(_ lhs: Value, _ rhs: Value) -> Int? {
        func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (lhs, rhs) {
        case (.number(let x), .number(let y)): return compare(x, y)
        case (.string(let x), .string(let y)): return compare(x, y)
        case (.date(let x), .date(let y)): return compare(x, y)
        case (.duration(.yearsMonths(let x)), .duration(.yearsMonths(let y))): return compare(x, y)
        case (.duration(.daysTime(let x)), .duration(.daysTime(let y))): return compare(x, y)
        default: return nil
        }
    }

    static func list(_ references: [RuleReference]) -> String {
        guard references.count > 1 else { return references.first?.description ?? "no rule" }
        return references.dropLast().map(\.description).joined(separator: ", ") + " and "
            + references[references.count - 1].description
    }
}
