/// The parsed form of an expression. Chains of one precedence level are flat, so a tree's depth
/// follows the parser's nesting limit, not the length of the source.
indirect enum Node: Sendable {
    case literal(Value)
    case name(String)
    /// `?`, the input of a unary test.
    case input
    case list([Node])
    case context([(key: String, value: Node)])
    case path(Node, String)
    /// `list[e]`: an index when `e` is a number, otherwise a filter.
    case filter(Node, Node)
    case call(Builtin, [Node])
    case negate(Node)
    case arithmetic(Node, [(ArithmeticOperator, Node)])
    case compare(ComparisonOperator, Node, Node)
    case between(Node, Node, Node)
    /// `e in tests`: true when any test matches.
    case within(Node, [Test])
    case and([Node])
    case or([Node])
    case conditional(Node, Node, Node)
}

/// One positive unary test, as in a DMN input entry or on the right of `in`.
enum Test: Sendable {
    /// `< 10`, `>= x`, `= "a"`, `!= 3`.
    case compare(ComparisonOperator, Node)
    /// `[1..5]`, `(a..b)`, `]1..5[`.
    case interval(start: Node, startClosed: Bool, end: Node, endClosed: Bool)
    /// A value: matches when equal to the input, or a list containing it.
    case value(Node)
    /// An expression using `?`: matches when it is true.
    case condition(Node)
}

enum ComparisonOperator: Sendable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    init?(_ symbol: Symbol) {
        switch symbol {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        default: return nil
        }
    }
}

enum ArithmeticOperator: Sendable {
    case add, subtract, multiply, divide, power

    init?(_ symbol: Symbol) {
        switch symbol {
        case .plus: self = .add
        case .minus: self = .subtract
        case .star: self = .multiply
        case .slash: self = .divide
        case .power: self = .power
        default: return nil
        }
    }
}

/// The variables a tree reads, and whether it uses `?`.
struct References {
    var names: Set<String> = []
    var usesInput = false

    /// `item` inside a filter is the current element, not a variable.
    mutating func collect(_ node: Node, inFilter: Bool = false) {
        switch node {
        case .literal: break
        case .name(let name): if !(inFilter && name == "item") { names.insert(name) }
        case .input: usesInput = true
        case .list(let nodes), .call(_, let nodes), .and(let nodes), .or(let nodes):
            for node in nodes { collect(node, inFilter: inFilter) }
        case .context(let entries): for entry in entries { collect(entry.value, inFilter: inFilter) }
        case .path(let base, _), .negate(let base): collect(base, inFilter: inFilter)
        case .filter(let base, let predicate):
            collect(base, inFilter: inFilter)
            collect(predicate, inFilter: true)
        case .arithmetic(let first, let rest):
            collect(first, inFilter: inFilter)
            for (_, node) in rest { collect(node, inFilter: inFilter) }
        case .compare(_, let left, let right):
            collect(left, inFilter: inFilter)
            collect(right, inFilter: inFilter)
        case .between(let a, let b, let c), .conditional(let a, let b, let c):
            for node in [a, b, c] { collect(node, inFilter: inFilter) }
        case .within(let value, let tests):
            collect(value, inFilter: inFilter)
            for test in tests { collect(test, inFilter: inFilter) }
        }
    }

    mutating func collect(_ test: Test, inFilter: Bool = false) {
        switch test {
        case .compare(_, let node), .value(let node), .condition(let node): collect(node, inFilter: inFilter)
        case .interval(let start, _, let end, _):
            collect(start, inFilter: inFilter)
            collect(end, inFilter: inFilter)
        }
    }
}
