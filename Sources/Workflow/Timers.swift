import Expressions
import Foundation

/// A timer event definition: `timeDuration`, `timeDate` or `timeCycle`, written either as an ISO 8601
/// literal (`PT5M`, `2026-12-01T09:00:00+01:00`, `R6/P1D`) or as an expression giving one
/// (`"PT0.002S"`, `frist`), evaluated when the timer starts.
public struct TimerDefinition: Sendable {
    public enum Kind: String, Sendable { case duration = "timeDuration", date = "timeDate", cycle = "timeCycle" }
    public let kind: Kind
    public let source: String
    let literal: TimerValue?
    let expression: Expressions.Expression?

    /// Checks the definition at deploy time: a literal must parse, anything else must be an expression.
    init(kind: Kind, source: String, dialect: Dialect) throws(DeployError.Reason) {
        self.kind = kind
        self.source = source
        let text = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = TimerValue.parse(text, kind: kind) {
            literal = value
            expression = nil
            return
        }
        guard let feel = dialect.translate(text), let parsed = try? Expressions.Expression(feel) else {
            throw .invalid("the \(kind.rawValue) \"\(text)\" is neither an ISO 8601 value nor an expression")
        }
        literal = nil
        expression = parsed
    }

    /// The timer's schedule, evaluated with the instance's variables.
    func evaluate(_ variables: [String: Value]) throws(RuntimeError) -> TimerValue {
        if let literal { return literal }
        guard let expression else { throw RuntimeError("timer without a definition") }
        let value: Value
        do { value = try expression.evaluate(variables) } catch {
            throw RuntimeError("the \(kind.rawValue) \"\(source)\" could not be evaluated: \(error)")
        }
        let text: String
        switch value {
        case .string(let s): text = s
        case .duration(let d): text = d.iso
        case .date(let d): text = d.iso
        default: throw RuntimeError("the \(kind.rawValue) \"\(source)\" gave \(value), not an ISO 8601 value")
        }
        guard let parsed = TimerValue.parse(text, kind: kind) else {
            throw RuntimeError("the \(kind.rawValue) \"\(source)\" gave \"\(text)\", not an ISO 8601 \(kind)")
        }
        return parsed
    }
}

/// An evaluated timer: a duration, a point in time, or a repeating cycle.
enum TimerValue: Sendable, Hashable {
    case duration(ISODuration)
    case date(Date)
    /// `repetitions` nil repeats forever (`R/P1D`).
    case cycle(repetitions: Int?, start: Date?, interval: ISODuration)

    static func parse(_ text: String, kind: TimerDefinition.Kind) -> TimerValue? {
        switch kind {
        case .duration: return ISODuration(text).map { .duration($0) }
        case .date: return ISODate.parse(text).map { .date($0) }
        case .cycle:
            guard text.hasPrefix("R") else { return nil }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let count = parts[0].dropFirst()
            let repetitions: Int?
            if count.isEmpty {
                repetitions = nil
            } else {
                guard let n = Int(count), n >= 0 else { return nil }
                repetitions = n
            }
            switch parts.count {
            case 2:
                guard let interval = ISODuration(parts[1]) else { return nil }
                return .cycle(repetitions: repetitions, start: nil, interval: interval)
            case 3:
                guard let start = ISODate.parse(parts[1]), let interval = ISODuration(parts[2]) else { return nil }
                return .cycle(repetitions: repetitions, start: start, interval: interval)
            default: return nil
            }
        }
    }

    /// When the timer first fires, started at `now`, and how many firings remain after that one.
    func first(after now: Date) -> (due: Date, remaining: Int?) {
        switch self {
        case .duration(let d): return (d.added(to: now), 0)
        case .date(let date): return (date, 0)
        case .cycle(let repetitions, let start, let interval):
            guard let start else { return (interval.added(to: now), repetitions.map { max(0, $0 - 1) }) }
            // A start in the past: the next occurrence on the schedule (start + k·interval), with the
            // occurrences already past counted off. When every occurrence is past, the last fires now.
            var due = start
            var left = repetitions
            var guardSteps = 0
            while due < now, left.map({ $0 > 1 }) ?? true, guardSteps < 100_000 {
                due = interval.added(to: due)
                left = left.map { $0 - 1 }
                guardSteps += 1
            }
            return (max(due, now), left.map { max(0, $0 - 1) })
        }
    }

    var interval: ISODuration? {
        if case .cycle(_, _, let interval) = self { interval } else { nil }
    }
}

/// An ISO 8601 duration, `PnYnMnWnDTnHnMn.nS`. Years and months are calendar arithmetic (UTC).
public struct ISODuration: Sendable, Hashable, Codable {
    var months = 0
    var days = 0
    var seconds: Decimal = 0

    init?(_ text: String) {
        var chars = Substring(text)
        guard chars.first == "P" else { return nil }
        chars = chars.dropFirst()
        var inTime = false
        var number = ""
        var any = false
        for c in chars {
            if c == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if c.isASCII && (c.isNumber || c == "." || c == ",") {
                number.append(c == "," ? "." : c)
                continue
            }
            guard !number.isEmpty, let value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")),
                value >= 0
            else { return nil }
            let whole = NSDecimalNumber(decimal: value).intValue
            let isWhole = Decimal(whole) == value
            switch (c, inTime) {
            case ("Y", false): guard isWhole else { return nil }; months += whole * 12
            case ("M", false): guard isWhole else { return nil }; months += whole
            case ("W", false): guard isWhole else { return nil }; days += whole * 7
            case ("D", false): guard isWhole else { return nil }; days += whole
            case ("H", true): seconds += value * 3600
            case ("M", true): seconds += value * 60
            case ("S", true): seconds += value
            default: return nil
            }
            number = ""
            any = true
        }
        guard any, number.isEmpty else { return nil }
    }

    func added(to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var result = date
        if months != 0 || days != 0 {
            result = calendar.date(byAdding: DateComponents(month: months, day: days), to: result) ?? result
        }
        return result.addingTimeInterval(NSDecimalNumber(decimal: seconds).doubleValue)
    }
}

/// ISO 8601 points in time. A date-time without a zone is read in Europe/Berlin (where the
/// authorities are); a date alone means its midnight there.
enum ISODate {
    static func parse(_ text: String) -> Date? {
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        if let date = withZone.date(from: text) { return date }
        withZone.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withZone.date(from: text) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(identifier: "Europe/Berlin")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            local.dateFormat = format
            if let date = local.date(from: text) { return date }
        }
        return nil
    }
}

/// When a timer fires, and how it goes on: for the job queue (timer start events).
public struct TimerSchedule: Sendable, Codable, Hashable {
    public let due: Date
    /// Firings left after this one; nil repeats forever.
    public let remaining: Int?
    public let interval: ISODuration?

    /// The next firing of a cycle, or nil when it is done.
    public func next() -> TimerSchedule? {
        guard remaining != 0, let interval else { return nil }
        return TimerSchedule(due: interval.added(to: due), remaining: remaining.map { $0 - 1 }, interval: interval)
    }
}

extension TimerDefinition {
    /// The first firing when started at `now`.
    public func schedule(after now: Date, variables: [String: Value] = [:]) throws(RuntimeError) -> TimerSchedule {
        let value = try evaluate(variables)
        let (due, remaining) = value.first(after: now)
        return TimerSchedule(due: due, remaining: remaining, interval: value.interval)
    }
}
