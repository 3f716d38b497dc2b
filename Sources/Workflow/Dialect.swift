/// Expressions in BPMN files are written in the language of the engine the modeller targeted: Camunda 7
/// writes JUEL (`${input == 1}`), Zeebe writes FEEL with a leading `=`, SpiffWorkflow writes Python
/// (`u > 0`, `timer_called = True`). Amtsweg evaluates FEEL only (the `Expressions` module) and never
/// runs code. `Dialect.compatible` translates the simple comparisons and literals these engines share
/// into FEEL at deploy time; anything it cannot translate fails to parse, so the deployment is refused
/// with the element named.
public struct Dialect: Sendable {
    /// Only FEEL (a leading `=` is accepted, as Zeebe writes it).
    public static let feel = Dialect(compatible: false)
    /// FEEL, plus the JUEL and Python subsets: `${…}`/`#{…}` wrappers, `==`, `&&`, `||`, `eq ne lt gt
    /// le ge`, `!x` and `not x` for a whole expression, `True False None`, single-quoted strings.
    public static let compatible = Dialect(compatible: true)

    let compatible: Bool

    /// The FEEL source for `text`, or nil when it is empty.
    public func translate(_ text: String) -> String? {
        var source = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.hasPrefix("=") && !source.hasPrefix("==") {
            source = String(source.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        guard compatible else { return source.isEmpty ? nil : source }
        if (source.hasPrefix("${") || source.hasPrefix("#{")) && source.hasSuffix("}") {
            source = String(source.dropFirst(2).dropLast()).trimmingCharacters(in: .whitespaces)
        }
        guard !source.isEmpty else { return nil }
        source = Self.dataObjectAccess(source)
        var output = ""
        var chars = Array(source)
        var i = 0
        // A whole-expression negation: `!done`, `not done` → `not(done)`.
        var negate = false
        if chars.first == "!" && chars.dropFirst().first != "=" {
            negate = true
            chars.removeFirst()
        } else if source.hasPrefix("not ") {
            negate = true
            chars.removeFirst(4)
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" || c == "'" {
                // A string literal: copied, single quotes turned into FEEL's double quotes.
                var j = i + 1
                var body = ""
                while j < chars.count && chars[j] != c {
                    if chars[j] == "\\" && j + 1 < chars.count {
                        body.append(chars[j])
                        body.append(chars[j + 1])
                        j += 2
                        continue
                    }
                    body.append(c == "'" && chars[j] == "\"" ? "\\\"" : String(chars[j]))
                    j += 1
                }
                output += "\"" + body + "\""
                i = j + 1
                continue
            }
            if c == "=" && i + 1 < chars.count && chars[i + 1] == "=" {
                output += "="
                i += 2
                continue
            }
            if (c == "&" || c == "|") && i + 1 < chars.count && chars[i + 1] == c {
                output += c == "&" ? " and " : " or "
                i += 2
                continue
            }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                let word = String(chars[i..<j])
                let previous = i > 0 ? chars[i - 1] : " "
                if previous == "." {
                    output += word
                } else {
                    output += Self.words[word] ?? word
                }
                i = j
                continue
            }
            output.append(c)
            i += 1
        }
        return negate ? "not(\(output))" : output
    }

    /// BPMN's XPath data access, `bpmn:getDataObject('approved')`, becomes the variable `approved`.
    static func dataObjectAccess(_ source: String) -> String {
        var result = source
        for prefix in ["bpmn:getDataObject(", "getDataObject("] {
            while let start = result.range(of: prefix) {
                guard let close = result[start.upperBound...].firstIndex(of: ")") else { break }
                let argument = result[start.upperBound..<close].trimmingCharacters(in: .whitespaces)
                guard argument.count >= 2, let q = argument.first, q == "'" || q == "\"", argument.last == q else {
                    break
                }
                let name = String(argument.dropFirst().dropLast())
                guard let first = name.first, first.isLetter || first == "_",
                    name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                else { break }
                result.replaceSubrange(start.lowerBound...close, with: name)
            }
        }
        return result
    }

    private static let words: [String: String] = [
        "True": "true", "False": "false", "None": "null", "eq": "=", "ne": "!=", "lt": "<", "gt": ">",
        "le": "<=", "ge": ">=",
    ]
}
