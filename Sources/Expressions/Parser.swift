/// Recursive-descent parser for the FEEL subset; the grammar is in README.md.
///
/// Every operand, postfix and unary test goes through `enter()`, so the parser's recursion, and the
/// depth of the tree it builds, stay within a small multiple of `maxDepth` whatever the input.
struct Parser {
    static let maxDepth = 64
    static let keywords: Set<String> = ["true", "false", "null", "and", "or", "if", "then", "else", "between", "in"]

    private let tokens: [Token]
    private let allowsInput: Bool
    private var index = 0
    private var depth = 0
    /// False while parsing the end of an interval, where `[` closes it (`]1..5[`) instead of filtering.
    private var bracketsFilter = true

    private init(tokens: [Token], allowsInput: Bool) {
        self.tokens = tokens
        self.allowsInput = allowsInput
    }

    // MARK: Entry points

    static func expression(_ source: String) throws -> Node {
        try parse(source, allowsInput: false) { parser in
            let node = try parser.parseExpression()
            try parser.expectEnd()
            return node
        }
    }

    /// DMN unary tests: nil for `-` (matches anything), else the tests and whether `not(…)` negates them.
    static func unaryTests(_ source: String) throws -> (tests: [Test], negated: Bool)? {
        try parse(source, allowsInput: true) { parser in
            if parser.token.isSymbol(.minus) && parser.peek(1).kind == .end { return nil }
            let opener = parser.peek(1)
            let negated = parser.token.isWord("not") && opener.isSymbol(.openParen)
            if negated { parser.index += 2 }
            var tests = [try parser.parsePositiveTest(full: true)]
            while parser.consume(.comma) { tests.append(try parser.parsePositiveTest(full: true)) }
            if negated { try parser.expectClosing(.closeParen, opener: opener) }
            try parser.expectEnd()
            return (tests, negated)
        }
    }

    /// Runs `body` on the tokens of `source`, turning error offsets from scalars into characters.
    private static func parse<T>(
        _ source: String, allowsInput: Bool, _ body: (inout Parser) throws -> T
    ) throws -> T {
        do {
            var parser = Parser(tokens: try Lexer.tokenize(source), allowsInput: allowsInput)
            return try body(&parser)
        } catch var error as ExpressionError {
            if let offset = error.offset {
                let scalars = source.unicodeScalars
                let end = scalars.index(scalars.startIndex, offsetBy: offset, limitedBy: scalars.endIndex)
                error.offset = source[..<(end ?? scalars.endIndex)].count
            }
            throw error
        }
    }

    // MARK: Expressions

    /// `expression = conjunction { "or" conjunction }`. With `first`, continues after an already
    /// parsed leading operand (used where a unary test turns out to be an expression).
    private mutating func parseExpression(_ first: Node? = nil) throws -> Node {
        var operands = [try parseConjunction(first)]
        while token.isWord("or") {
            index += 1
            operands.append(try parseConjunction())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseConjunction(_ first: Node? = nil) throws -> Node {
        var operands = [try parseComparison(first)]
        while token.isWord("and") {
            index += 1
            operands.append(try parseComparison())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseComparison(_ first: Node? = nil) throws -> Node {
        let left = try parseArithmetic(first)
        let node: Node
        if case .symbol(let symbol) = token.kind, let comparison = ComparisonOperator(symbol) {
            index += 1
            node = .compare(comparison, left, try parseArithmetic())
        } else if token.isWord("between") {
            index += 1
            let low = try parseArithmetic()
            guard token.isWord("and") else { throw error("expected 'and' in 'between … and …', found \(token.quoted)") }
            index += 1
            node = .between(left, low, try parseArithmetic())
        } else if token.isWord("in") {
            index += 1
            node = .within(left, try parseInTests())
        } else {
            return left
        }
        if startsComparison { throw error("comparisons cannot be chained; combine them with 'and'") }
        return node
    }

    private var startsComparison: Bool {
        if case .symbol(let symbol) = token.kind { return ComparisonOperator(symbol) != nil }
        return token.isWord("between") || token.isWord("in")
    }

    private static let arithmeticLevels: [[Symbol]] = [[.plus, .minus], [.star, .slash], [.power]]

    /// `+ -`, then `* /`, then `**`: each level one flat, left-associative chain.
    private mutating func parseArithmetic(_ first: Node? = nil, level: Int = 0) throws -> Node {
        guard level < Self.arithmeticLevels.count else {
            if let first { return try parsePostfix(first) }
            return try parseUnary()
        }
        let head = try parseArithmetic(first, level: level + 1)
        var rest: [(ArithmeticOperator, Node)] = []
        while case .symbol(let symbol) = token.kind, Self.arithmeticLevels[level].contains(symbol),
            let arithmetic = ArithmeticOperator(symbol)
        {
            index += 1
            rest.append((arithmetic, try parseArithmetic(level: level + 1)))
        }
        return rest.isEmpty ? head : .arithmetic(head, rest)
    }

    private mutating func parseUnary() throws -> Node {
        try enter()
        defer { depth -= 1 }
        if consume(.minus) {
            let operand = try parseUnary()
            if case .literal(.number(let value)) = operand { return .literal(.number(-value)) }
            return .negate(operand)
        }
        return try parsePostfix(try parsePrimary())
    }

    /// Paths `a.b` and filters or indexes `a[e]`.
    private mutating func parsePostfix(_ base: Node) throws -> Node {
        var node = base
        let outerDepth = depth
        defer { depth = outerDepth }
        while true {
            if consume(.dot) {
                guard case .word(let name) = token.kind, !Self.keywords.contains(name) else {
                    throw error("expected a name after '.', found \(token.quoted)")
                }
                index += 1
                node = .path(node, name)
            } else if bracketsFilter, token.isSymbol(.openBracket) {
                let opener = token
                index += 1
                let predicate = try parseInner()
                try expectClosing(.closeBracket, opener: opener)
                node = .filter(node, predicate)
            } else {
                return node
            }
            try enter()
        }
    }

    private mutating func parsePrimary() throws -> Node {
        let start = token
        switch start.kind {
        case .number(let value):
            index += 1
            return .literal(.number(value))
        case .string(let value):
            index += 1
            return .literal(.string(value))
        case .symbol(.openParen):
            index += 1
            let inner = try parseInner()
            try expectClosing(.closeParen, opener: start)
            return inner
        case .symbol(.openBracket):
            index += 1
            return try parseListRest(opener: start)
        case .symbol(.openBrace):
            index += 1
            return try parseContextRest(opener: start)
        case .symbol(.at):
            index += 1
            return try parseTemporalLiteral()
        case .symbol(.question):
            guard allowsInput else { throw error("'?' is only allowed in unary tests") }
            index += 1
            return .input
        case .word("true"), .word("false"), .word("null"):
            index += 1
            return .literal(start.isWord("null") ? .null : .bool(start.isWord("true")))
        case .word("if"):
            index += 1
            return try parseConditional()
        case .word(let word) where !Self.keywords.contains(word):
            return try parseNameOrCall()
        default:
            throw unexpected()
        }
    }

    /// A full expression inside parentheses, brackets or braces, where `[` filters again.
    private mutating func parseInner() throws -> Node {
        let saved = bracketsFilter
        bracketsFilter = true
        defer { bracketsFilter = saved }
        return try parseExpression()
    }

    /// The rest of a list literal after `[`, given its first element if already parsed.
    private mutating func parseListRest(opener: Token, first: Node? = nil) throws -> Node {
        var elements = first.map { [$0] } ?? []
        if elements.isEmpty && !token.isSymbol(.closeBracket) { elements.append(try parseInner()) }
        while !elements.isEmpty, consume(.comma) { elements.append(try parseInner()) }
        try expectClosing(.closeBracket, opener: opener)
        return .list(elements)
    }

    private mutating func parseContextRest(opener: Token) throws -> Node {
        var entries: [(key: String, value: Node)] = []
        var keys: Set<String> = []
        if !token.isSymbol(.closeBrace) {
            repeat {
                let keyToken = token
                let key: String
                switch keyToken.kind {
                case .string(let text): key = text
                case .word(let word) where !Self.keywords.contains(word): key = word
                default: throw error("expected a context key, found \(token.quoted)")
                }
                index += 1
                guard keys.insert(key).inserted else { throw error("duplicate context key '\(key)'", at: keyToken) }
                guard consume(.colon) else { throw error("expected ':' after a context key, found \(token.quoted)") }
                entries.append((key, try parseInner()))
            } while consume(.comma)
        }
        try expectClosing(.closeBrace, opener: opener)
        return .context(entries)
    }

    /// `@"2024-01-31"` or `@"P1Y"`.
    private mutating func parseTemporalLiteral() throws -> Node {
        guard case .string(let text) = token.kind else { throw error("expected a string after '@'") }
        if let date = LocalDate(iso: text) {
            index += 1
            return .literal(.date(date))
        }
        if let duration = FEELDuration(iso: text) {
            index += 1
            return .literal(.duration(duration))
        }
        throw error("invalid temporal literal \"\(text)\"; expected YYYY-MM-DD or a duration such as P1Y or P3D")
    }

    private mutating func parseConditional() throws -> Node {
        let condition = try parseExpression()
        guard token.isWord("then") else { throw error("expected 'then' after the condition, found \(token.quoted)") }
        index += 1
        let then = try parseExpression()
        guard token.isWord("else") else { throw error("expected 'else' (every 'if' needs one), found \(token.quoted)") }
        index += 1
        return .conditional(condition, then, try parseExpression())
    }

    /// A name, or a call of a built-in whose name may span several words (`string length(s)`).
    private mutating func parseNameOrCall() throws -> Node {
        let start = token
        var words: [String] = []
        while words.count < Builtin.maxWords, case .word(let word) = peek(words.count).kind { words.append(word) }
        for count in stride(from: words.count, through: 1, by: -1) where peek(count).isSymbol(.openParen) {
            if let function = Builtin(rawValue: words[..<count].joined(separator: " ")) {
                index += count
                return try parseCall(function, name: start)
            }
        }
        if let count = (1...words.count).first(where: { peek($0).isSymbol(.openParen) }),
            !words[..<count].contains(where: Self.keywords.contains)
        {
            let name = words[..<count].joined(separator: " ")
            if name == "today" || name == "now" {
                throw error("\(name)() is not available; callers pass the current date as the variable 'today'")
            }
            throw error("unknown function '\(name)'")
        }
        index += 1
        return .name(words[0])
    }

    private mutating func parseCall(_ function: Builtin, name: Token) throws -> Node {
        let opener = token
        index += 1
        var arguments: [(node: Node, token: Token)] = []
        if !token.isSymbol(.closeParen) {
            repeat {
                let start = token
                arguments.append((try parseInner(), start))
            } while consume(.comma)
        }
        try expectClosing(.closeParen, opener: opener)
        guard function.accepts(arguments.count) else {
            throw error(
                "\(function.rawValue)() takes \(function.arityDescription), not \(arguments.count)", at: name)
        }
        return try checked(function, arguments)
    }

    /// Checks constant arguments now, so a bad date or pattern is a parse error rather than a null
    /// at run time, and folds constant `date("…")` and `duration("…")` into literals.
    private func checked(_ function: Builtin, _ arguments: [(node: Node, token: Token)]) throws -> Node {
        if arguments.count == 1, case .literal(.string(let text)) = arguments[0].node {
            switch function {
            case .date:
                guard let date = LocalDate(iso: text) else {
                    throw error("invalid date \"\(text)\"; expected YYYY-MM-DD", at: arguments[0].token)
                }
                return .literal(.date(date))
            case .duration:
                guard let duration = FEELDuration(iso: text) else {
                    throw error("invalid duration \"\(text)\"; expected e.g. P1Y2M or P3DT4H", at: arguments[0].token)
                }
                return .literal(.duration(duration))
            default:
                break
            }
        }
        if function == .matches, case .literal(.string(let pattern)) = arguments[1].node, Builtin.regex(pattern) == nil
        {
            throw error(
                "invalid regular expression (or longer than \(Builtin.maxMatchLength) characters)",
                at: arguments[1].token)
        }
        return .call(function, arguments.map(\.node))
    }

    // MARK: Unary tests

    /// A positive unary test: `< e`, an interval, or an expression (a condition when it uses `?`).
    /// `full` allows `and`/`or` in the expression; on the right of `in` the test stops before them.
    private mutating func parsePositiveTest(full: Bool) throws -> Test {
        try enter()
        defer { depth -= 1 }
        let start = token
        if case .symbol(let symbol) = start.kind, let comparison = ComparisonOperator(symbol) {
            index += 1
            return .compare(comparison, try parseArithmetic())
        }
        let leading: Node?
        switch start.kind {
        case .symbol(.closeBracket):
            index += 1
            return try parseIntervalRest(start: try parseArithmetic(), startClosed: false)
        case .symbol(.openBracket) where peek(1).isSymbol(.closeBracket):
            index += 2
            leading = .list([])
        case .symbol(.openBracket), .symbol(.openParen):
            index += 1
            let first = try parseInner()
            if token.isSymbol(.range) {
                return try parseIntervalRest(start: first, startClosed: start.isSymbol(.openBracket))
            }
            if start.isSymbol(.openBracket) {
                leading = try parseListRest(opener: start, first: first)
            } else {
                try expectClosing(.closeParen, opener: start)
                leading = first
            }
        default:
            leading = nil
        }
        let node = full ? try parseExpression(leading) : try parseArithmetic(leading)
        var references = References()
        references.collect(node)
        return references.usesInput ? .condition(node) : .value(node)
    }

    /// After `in`: one positive unary test, or a parenthesised list of them (`x in ("a", "b")`).
    private mutating func parseInTests() throws -> [Test] {
        guard token.isSymbol(.openParen) else { return [try parsePositiveTest(full: false)] }
        let opener = token
        index += 1
        let saved = bracketsFilter
        bracketsFilter = true
        defer { bracketsFilter = saved }
        var tests = [try parsePositiveTest(full: true)]
        if token.isSymbol(.range), case .value(let start) = tests[0] {
            // `x in (1..5)`: the parenthesis opened an interval, which its end closes.
            return [try parseIntervalRest(start: start, startClosed: false)]
        }
        while consume(.comma) { tests.append(try parsePositiveTest(full: true)) }
        try expectClosing(.closeParen, opener: opener)
        return tests
    }

    /// `.. end` and the closing `]` (closed), `)` or `[` (open).
    private mutating func parseIntervalRest(start: Node, startClosed: Bool) throws -> Test {
        guard consume(.range) else { throw error("expected '..' in an interval, found \(token.quoted)") }
        let saved = bracketsFilter
        bracketsFilter = false
        let end = try parseArithmetic()
        bracketsFilter = saved
        guard case .symbol(let symbol) = token.kind, [.closeBracket, .closeParen, .openBracket].contains(symbol) else {
            throw error("expected ']', ')' or '[' to close the interval, found \(token.quoted)")
        }
        index += 1
        return .interval(start: start, startClosed: startClosed, end: end, endClosed: symbol == .closeBracket)
    }

    // MARK: Tokens

    private var token: Token { tokens[index] }

    private func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    private mutating func consume(_ symbol: Symbol) -> Bool {
        guard token.isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("expression nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func expectClosing(_ symbol: Symbol, opener: Token) throws {
        if consume(symbol) { return }
        if token.kind == .end { throw error("\(opener.quoted) is never closed", at: opener) }
        throw error("expected '\(symbol.rawValue)', found \(token.quoted)")
    }

    private func expectEnd() throws {
        guard token.kind == .end else { throw unexpected() }
    }

    private func unexpected() -> ExpressionError {
        error(token.kind == .end ? "unexpected end of expression" : "unexpected \(token.quoted)")
    }

    private func error(_ message: String, at token: Token? = nil) -> ExpressionError {
        ExpressionError(message, offset: (token ?? self.token).offset)
    }
}
