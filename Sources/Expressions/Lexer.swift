import Foundation

/// Punctuation and operators.
enum Symbol: String, Sendable {
    case openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]", openBrace = "{"
    case closeBrace = "}", comma = ",", colon = ":", dot = ".", range = "..", plus = "+", minus = "-"
    case star = "*", power = "**", slash = "/", equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<="
    case greater = ">", greaterOrEqual = ">=", question = "?", at = "@"
}

struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case number(Decimal)
        case string(String)
        /// A name, keyword or one word of a built-in function name.
        case word(String)
        case symbol(Symbol)
        case end
    }

    let kind: Kind
    /// Offset in Unicode scalars; converted to characters when an error leaves the parser.
    let offset: Int

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }
    func isWord(_ word: String) -> Bool { kind == .word(word) }

    /// How the token appears in error messages.
    var quoted: String {
        switch kind {
        case .number(let value): "'\(value)'"
        case .string: "a string"
        case .word(let word): "'\(word)'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .end: "end of expression"
        }
    }
}

/// Splits source text into tokens.
enum Lexer {
    /// Decimal's 38-digit significand bounds number literals.
    static let maxDigits = 38

    static func tokenize(_ source: String) throws -> [Token] {
        let scalars = Array(source.unicodeScalars)
        var tokens: [Token] = []
        var position = 0
        func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
            position + ahead < scalars.count ? scalars[position + ahead] : nil
        }
        while let scalar = peek() {
            let start = position
            if scalar.properties.isWhitespace {
                position += 1
            } else if isNameStart(scalar) {
                while let next = peek(), isNamePart(next) { position += 1 }
                tokens.append(
                    Token(kind: .word(String(String.UnicodeScalarView(scalars[start..<position]))), offset: start))
            } else if isDigit(scalar) || (scalar == "." && peek(1).map(isDigit) == true) {
                while let next = peek(), isDigit(next) { position += 1 }
                if peek() == ".", let after = peek(1), isDigit(after) {
                    position += 1
                    while let next = peek(), isDigit(next) { position += 1 }
                }
                let text = String(String.UnicodeScalarView(scalars[start..<position]))
                guard text.count(where: \.isNumber) <= maxDigits, let value = Decimal(string: text) else {
                    throw ExpressionError("number has more than \(maxDigits) digits", offset: start)
                }
                tokens.append(Token(kind: .number(value), offset: start))
            } else if scalar == "\"" {
                tokens.append(Token(kind: .string(try string(scalars, &position)), offset: start))
            } else if let symbol = symbol(scalar, peek(1)) {
                position += symbol.rawValue.unicodeScalars.count
                tokens.append(Token(kind: .symbol(symbol), offset: start))
            } else {
                throw ExpressionError("unexpected character '\(scalar)'", offset: start)
            }
        }
        tokens.append(Token(kind: .end, offset: scalars.count))
        return tokens
    }

    /// Whether `text` is a single FEEL name in this subset (so contexts can print keys unquoted).
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isNameStart(first) else { return false }
        return text.unicodeScalars.allSatisfy(isNamePart) && !Parser.keywords.contains(text)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }
    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool { isNameStart(scalar) || isDigit(scalar) }

    private static func symbol(_ scalar: Unicode.Scalar, _ next: Unicode.Scalar?) -> Symbol? {
        if let next, let pair = Symbol(rawValue: String(scalar) + String(next)) { return pair }
        return Symbol(rawValue: String(scalar))
    }

    /// Reads a string literal starting at the opening quote; escapes: \" \\ \n \t \r \uXXXX.
    private static func string(_ scalars: [Unicode.Scalar], _ position: inout Int) throws -> String {
        let start = position
        var result = String.UnicodeScalarView()
        position += 1
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                guard position < scalars.count else { throw ExpressionError("unterminated string", offset: start) }
                let escape = scalars[position]
                position += 1
                switch escape {
                case "\"", "\\": result.append(escape)
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "u":
                    let hex = String(String.UnicodeScalarView(scalars[position..<min(position + 4, scalars.count)]))
                    guard hex.count == 4, hex.allSatisfy(\.isHexDigit), let code = UInt32(hex, radix: 16),
                        let decoded = Unicode.Scalar(code)
                    else { throw ExpressionError("invalid \\u escape; expected four hex digits", offset: position - 2) }
                    result.append(decoded)
                    position += 4
                default:
                    throw ExpressionError("unknown escape '\\\(escape)'", offset: position - 2)
                }
            default:
                result.append(scalar)
            }
        }
        throw ExpressionError("unterminated string", offset: start)
    }
}
