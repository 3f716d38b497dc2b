import Foundation

/// Bridges HTML form posts and `FormValue`s: assembling date inputs, typing submitted strings and showing
/// answers on check-your-answers pages. Pure functions, no web framework.
public enum FormEncoding {
    /// Assembles GOV.UK-style day, month and year inputs into "YYYY-MM-DD".
    ///
    /// - Returns: nil when all three are empty (the date was not given); the ISO date when the parts form
    ///   one (day and month may have one digit, the month may be a German or English month name or
    ///   abbreviation; a day or month out of range still gives "YYYY-MM-DD"); otherwise the parts as entered,
    ///   joined by "-", which is never a valid date. Either way the validator reports `.invalidDate` for a
    ///   date that does not exist.
    public static func value(for field: Field, day: String?, month: String?, year: String?) -> String? {
        let d = trim(day ?? "")
        let m = trim(month ?? "")
        let y = trim(year ?? "")
        if d.isEmpty, m.isEmpty, y.isEmpty { return nil }
        if let dayValue = smallNumber(d, maxDigits: 2), let monthValue = smallNumber(m, maxDigits: 2) ?? monthNumber(m),
            y.count == 4, let yearValue = smallNumber(y, maxDigits: 4)
        {
            return ValueFormats.pad(yearValue, 4) + "-" + ValueFormats.pad(monthValue, 2) + "-"
                + ValueFormats.pad(dayValue, 2)
        }
        // The parts as entered: never a valid date (a valid one would have matched above).
        return y + "-" + m + "-" + d
    }

    /// Turns a submitted form string into the typed value the schema expects.
    ///
    /// Whitespace is trimmed; an empty string becomes `.null` (not given). Numbers accept the German
    /// notation ("12,50", "1.234,50", also with "€"/"EUR") and the English one ("1,234.50"); booleans accept
    /// "ja"/"nein", "true"/"false", "on"/"off", "yes"/"no", "1"/"0"; a German date "31.01.2024" becomes
    /// "2024-01-31"; a select field also accepts an entry's label. Text that cannot be typed stays
    /// `.string(raw)`, so the validator reports it with a friendly message.
    public static func coerce(_ raw: String, for field: Field) -> FormValue {
        if field.kind == .label { return .null }
        let text = trim(raw)
        if text.isEmpty { return .null }
        switch valueKind(field) {
        case .select:
            let entries = field.codeList?.entries ?? []
            if entries.contains(where: { $0.code == text }) { return .string(text) }
            let byLabel = entries.filter { $0.label.compare(text, options: [.caseInsensitive]) == .orderedSame }
            return .string(byLabel.count == 1 ? byLabel[0].code : text)
        case .number, .integer, .currency:
            if let d = parseNumber(text) { return .number(d) }
            return .string(raw)
        case .bool:
            switch text.lowercased() {
            case "ja", "true", "on", "yes", "1", "wahr": return .bool(true)
            case "nein", "false", "off", "no", "0", "falsch": return .bool(false)
            default: return .string(raw)
            }
        case .date:
            return .string(germanDate(text) ?? text)
        case .time:
            return .string(normalisedTime(text) ?? text)
        case .object:
            if let value = try? FormValue.parse(text.utf8), case .object = value { return value }
            return .string(raw)
        case .text, .textLatin:
            // Keep inner line breaks of text areas, normalised to "\n".
            return .string(text.replacingOccurrences(of: "\r\n", with: "\n"))
        case .dateTime, .file:
            return .string(text)
        }
    }

    /// A value as shown on a check-your-answers page, in German ("de") or English ("en…").
    ///
    /// Dates "31.01.2024" / "31 January 2024", amounts "1.234,50 €" / "€1,234.50", numbers with digit
    /// grouping, codes by their label, booleans "Ja"/"Nein" / "Yes"/"No", lists joined by ", ", `null` as "".
    /// Values that do not fit the field are shown as they are.
    public static func display(_ value: FormValue, for field: Field, language: String) -> String {
        let german = !language.lowercased().hasPrefix("en")
        switch value {
        case .null:
            return ""
        case .array(let items):
            return items.map { display($0, for: field, language: language) }.joined(separator: ", ")
        case .bool(let b):
            return german ? (b ? "Ja" : "Nein") : (b ? "Yes" : "No")
        case .number(let d):
            switch valueKind(field) {
            case .currency: return money(d, german: german)
            // Plain numbers are often identifiers (a vehicle identification number, a permit
            // number): shown as typed, without digit grouping; German with a decimal comma.
            default: return german ? "\(d)".replacingOccurrences(of: ".", with: ",") : "\(d)"
            }
        case .string(let s):
            switch valueKind(field) {
            case .select:
                return field.codeList?.entries.first(where: { $0.code == s })?.label ?? s
            case .date:
                guard let d = ValueFormats.date(s) else { return s }
                return german ? ValueFormats.germanDate(d) : ValueFormats.englishDate(d)
            case .dateTime:
                guard ValueFormats.dateTime(s), let d = ValueFormats.date(String(s.prefix(10))) else { return s }
                let time = String(s.dropFirst(11).prefix(5))
                return german
                    ? ValueFormats.germanDate(d) + ", " + time + " Uhr" : ValueFormats.englishDate(d) + ", " + time
            default:
                return s
            }
        case .object:
            return value.jsonString()
        }
    }

    // MARK: - Helpers

    /// "1.234,50 €" (German) or "€1,234.50" (English); at least two decimals.
    static func money(_ d: Decimal, german: Bool) -> String {
        let negative = d < 0
        let magnitude = ExactDecimal.formatted(negative ? -d : d, german: german, minimumFractionDigits: 2)
        return german ? (negative ? "-" : "") + magnitude + " €" : (negative ? "-" : "") + "€" + magnitude
    }

    private static func trim(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func smallNumber(_ s: String, maxDigits: Int) -> Int? {
        guard !s.isEmpty, s.count <= maxDigits, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    private static let monthNames: [String: Int] = {
        let names = [
            ["januar", "january", "jan", "jän", "jänner"], ["februar", "february", "feb"],
            ["märz", "march", "mär", "mar"],
            ["april", "apr"], ["mai", "may"], ["juni", "june", "jun"], ["juli", "july", "jul"],
            ["august", "aug"], ["september", "sep", "sept"], ["oktober", "october", "okt", "oct"],
            ["november", "nov"], ["dezember", "december", "dez", "dec"],
        ]
        var map: [String: Int] = [:]
        for (index, group) in names.enumerated() {
            for name in group { map[name] = index + 1 }
        }
        return map
    }()

    private static func monthNumber(_ s: String) -> Int? {
        var key = s.lowercased()
        if key.hasSuffix(".") { key.removeLast() }
        return monthNames[key]
    }

    /// "31.01.2024" or "1.2.2024" → "2024-01-31"/"2024-02-01" (the validator checks the calendar).
    private static func germanDate(_ s: String) -> String? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let d = smallNumber(parts[0], maxDigits: 2),
            let m = smallNumber(parts[1], maxDigits: 2),
            parts[2].count == 4, let y = smallNumber(parts[2], maxDigits: 4)
        else { return nil }
        return ValueFormats.pad(y, 4) + "-" + ValueFormats.pad(m, 2) + "-" + ValueFormats.pad(d, 2)
    }

    /// "9:05", "09.05", "9:05 Uhr" → "09:05".
    private static func normalisedTime(_ s: String) -> String? {
        var t = s
        if t.lowercased().hasSuffix("uhr") { t = trim(String(t.dropLast(3))) }
        let parts = t.split(separator: t.contains(":") ? ":" : ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, let h = smallNumber(parts[0], maxDigits: 2),
            parts.dropFirst().allSatisfy({ $0.count == 2 }), let m = smallNumber(parts[1], maxDigits: 2)
        else { return nil }
        var out = ValueFormats.pad(h, 2) + ":" + ValueFormats.pad(m, 2)
        if parts.count == 3 {
            guard let sec = smallNumber(parts[2], maxDigits: 2) else { return nil }
            out += ":" + ValueFormats.pad(sec, 2)
        }
        return out
    }

    /// Parses a number as people type it: German "1.234,50", English "1,234.50", plain "1234.5",
    /// optional sign, spaces as digit grouping, "€"/"EUR" before or after.
    static func parseNumber(_ input: String) -> Decimal? {
        var s = input
        for currency in ["EUR", "eur", "€"] { s = s.replacingOccurrences(of: currency, with: "") }
        // Spaces (including no-break and narrow no-break spaces) group digits.
        s = String(s.unicodeScalars.filter { !($0.properties.isWhitespace) }.map(Character.init))
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("−") {
            negative = true
            s.removeFirst()
        } else if s.hasPrefix("+") {
            s.removeFirst()
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        let lastComma = s.lastIndex(of: ",")
        let lastDot = s.lastIndex(of: ".")
        var integerPart = s
        var fraction = ""
        var group: Character?
        switch (lastComma, lastDot) {
        case (nil, nil):
            break
        case (let comma?, nil):
            // German decimal comma ("12,50"); several commas can only be English grouping ("1,234,567").
            if s.filter({ $0 == "," }).count > 1 {
                group = ","
            } else {
                integerPart = String(s[..<comma])
                fraction = String(s[s.index(after: comma)...])
            }
        case (nil, let dot?):
            // German grouping ("1.234", "1.234.567") when the groups fit, else an English decimal point.
            if isGrouped(s, separator: ".") {
                group = "."
            } else if s.filter({ $0 == "." }).count == 1 {
                integerPart = String(s[..<dot])
                fraction = String(s[s.index(after: dot)...])
            } else {
                return nil
            }
        case (let comma?, let dot?):
            let decimal = comma > dot ? comma : dot
            group = comma > dot ? "." : ","
            integerPart = String(s[..<decimal])
            fraction = String(s[s.index(after: decimal)...])
        }
        if let group {
            guard isGrouped(integerPart, separator: group) else { return nil }
            integerPart.removeAll { $0 == group }
        }
        guard !integerPart.isEmpty || !fraction.isEmpty,
            integerPart.allSatisfy(\.isNumber), fraction.allSatisfy(\.isNumber)
        else { return nil }
        if lastComma != nil || lastDot != nil, fraction.isEmpty, group == nil { return nil }  // "12," or "12."
        let literal =
            (negative ? "-" : "") + (integerPart.isEmpty ? "0" : integerPart) + (fraction.isEmpty ? "" : "." + fraction)
        let trimmedLeadingZeros = normaliseLeadingZeros(literal)
        guard let value = try? FormValue.parse(trimmedLeadingZeros.utf8), case .number(let d) = value else {
            return nil
        }
        return d
    }

    /// Whether `s` is digits grouped in threes by `separator` ("1.234.567"); a single group is not grouped.
    private static func isGrouped(_ s: String, separator: Character) -> Bool {
        let groups = s.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count),
            first.first != "0" || first.count == 1
        else { return false }
        if first == "0" { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// "007.5" → "7.5" (JSON forbids leading zeros).
    private static func normaliseLeadingZeros(_ literal: String) -> String {
        var sign = ""
        var body = Substring(literal)
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        }
        while body.count > 1, body.hasPrefix("0"), body.dropFirst().first != "." { body = body.dropFirst() }
        return sign + body
    }
}
