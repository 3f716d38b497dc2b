import Foundation

/// How a field's value is checked (derived from data type and field kind).
enum ValueKind: Sendable, Hashable {
    case text, textLatin, date, time, dateTime, bool, number, integer, currency, file, object, select
}

/// The element an issue is about, as far as its message needs.
enum Subject {
    case root
    case group
    case field(ValueKind)
}

/// German and English error messages in GOV.UK style, phrased from the element's label.
enum Messages {
    struct Text {
        var de: String
        var en: String
    }

    static func de(_ label: String) -> String { "„\(label)“" }
    static func en(_ label: String) -> String { "“\(label)”" }

    static func required(_ label: String, _ subject: Subject) -> Text {
        switch subject {
        case .field(.select):
            Text(de: "Wählen Sie \(de(label)) aus.", en: "Select \(en(label)).")
        case .field(.bool):
            Text(de: "Wählen Sie aus, ob \(de(label)) zutrifft.", en: "Select whether \(en(label)) applies.")
        case .field(.file):
            Text(de: "Laden Sie \(de(label)) hoch.", en: "Upload \(en(label)).")
        default:
            Text(de: "Geben Sie \(de(label)) an.", en: "Enter \(en(label)).")
        }
    }

    static func wrongType(_ label: String, _ subject: Subject) -> Text {
        switch subject {
        case .root:
            Text(de: "Die Angaben haben ein ungültiges Format.", en: "The answers are in the wrong format.")
        case .group, .field(.object):
            Text(de: "\(de(label)) hat ein ungültiges Format.", en: "\(en(label)) is in the wrong format.")
        case .field(.text), .field(.textLatin):
            Text(de: "\(de(label)) muss ein Text sein.", en: "\(en(label)) must be text.")
        case .field(.select):
            notInCodeList(label)
        case .field(.date):
            invalidDate(label)
        case .field(.time):
            invalidTime(label)
        case .field(.dateTime):
            invalidDateTime(label)
        case .field(.bool):
            Text(de: "\(de(label)) muss Ja oder Nein sein.", en: "\(en(label)) must be yes or no.")
        case .field(.number), .field(.currency):
            Text(
                de: "\(de(label)) muss eine Zahl sein, zum Beispiel 450,50.",
                en: "\(en(label)) must be a number, like 450.50.")
        case .field(.integer):
            Text(
                de: "\(de(label)) muss eine ganze Zahl sein, zum Beispiel 12.",
                en: "\(en(label)) must be a whole number, like 12.")
        case .field(.file):
            Text(de: "Laden Sie für \(de(label)) eine Datei hoch.", en: "Upload a file for \(en(label)).")
        }
    }

    static func notAList(_ label: String) -> Text {
        Text(
            de: "\(de(label)) muss eine Liste von Einträgen sein.", en: "\(en(label)) must be a list of entries.")
    }

    static func unknownField(_ key: String) -> Text {
        Text(
            de: "Die Angabe \(de(key)) ist in diesem Formular nicht vorgesehen.",
            en: "\(en(key)) is not part of this form.")
    }

    static func tooShort(_ label: String, _ n: Int) -> Text {
        Text(
            de: "\(de(label)) muss mindestens \(n) Zeichen lang sein.",
            en: "\(en(label)) must be \(n) \(n == 1 ? "character" : "characters") or more.")
    }

    static func tooLong(_ label: String, _ n: Int) -> Text {
        Text(
            de: "\(de(label)) darf höchstens \(n) Zeichen lang sein.",
            en: "\(en(label)) must be \(n) \(n == 1 ? "character" : "characters") or fewer.")
    }

    static func belowMinimum(_ label: String, _ kind: ValueKind, bound: String) -> Text {
        switch kind {
        case .date:
            let d = ValueFormats.date(bound)
            return Text(
                de: "\(de(label)) muss am oder nach dem \(d.map(ValueFormats.germanDate) ?? bound) liegen.",
                en: "\(en(label)) must be the same as or after \(d.map(ValueFormats.englishDate) ?? bound).")
        case .time:
            return Text(
                de: "\(de(label)) muss \(bound) Uhr oder später sein.", en: "\(en(label)) must be \(bound) or later.")
        default:
            let (deValue, enValue) = numberTexts(bound, kind)
            return Text(
                de: "\(de(label)) muss mindestens \(deValue) sein.", en: "\(en(label)) must be \(enValue) or more.")
        }
    }

    static func aboveMaximum(_ label: String, _ kind: ValueKind, bound: String) -> Text {
        switch kind {
        case .date:
            let d = ValueFormats.date(bound)
            return Text(
                de: "\(de(label)) muss am oder vor dem \(d.map(ValueFormats.germanDate) ?? bound) liegen.",
                en: "\(en(label)) must be the same as or before \(d.map(ValueFormats.englishDate) ?? bound).")
        case .time:
            return Text(
                de: "\(de(label)) muss \(bound) Uhr oder früher sein.", en: "\(en(label)) must be \(bound) or earlier.")
        default:
            let (deValue, enValue) = numberTexts(bound, kind)
            return Text(
                de: "\(de(label)) darf höchstens \(deValue) sein.", en: "\(en(label)) must be \(enValue) or less.")
        }
    }

    private static func numberTexts(_ bound: String, _ kind: ValueKind) -> (String, String) {
        guard let d = ExactDecimal.parseLiteral(bound) else { return (bound, bound) }
        if kind == .currency {
            return (FormEncoding.money(d, german: true), FormEncoding.money(d, german: false))
        }
        return (ExactDecimal.formatted(d, german: true), ExactDecimal.formatted(d, german: false))
    }

    static func patternMismatch(_ label: String) -> Text {
        Text(de: "Geben Sie \(de(label)) im richtigen Format an.", en: "Enter \(en(label)) in the correct format.")
    }

    static func notInCodeList(_ label: String) -> Text {
        Text(de: "Wählen Sie \(de(label)) aus der Liste aus.", en: "Select \(en(label)) from the list.")
    }

    static func tooFewItems(_ label: String, _ n: Int) -> Text {
        Text(
            de: "Geben Sie mindestens \(n == 1 ? "einen Eintrag" : "\(n) Einträge") für \(de(label)) an.",
            en: "Enter at least \(n) \(n == 1 ? "entry" : "entries") for \(en(label)).")
    }

    static func tooManyItems(_ label: String, _ n: Int) -> Text {
        Text(
            de: "Geben Sie höchstens \(n == 1 ? "einen Eintrag" : "\(n) Einträge") für \(de(label)) an.",
            en: "Enter no more than \(n) \(n == 1 ? "entry" : "entries") for \(en(label)).")
    }

    static func invalidDate(_ label: String) -> Text {
        Text(de: "\(de(label)) muss ein gültiges Datum sein.", en: "\(en(label)) must be a real date.")
    }

    static func invalidTime(_ label: String) -> Text {
        Text(
            de: "\(de(label)) muss eine gültige Uhrzeit sein, zum Beispiel 14:30.",
            en: "\(en(label)) must be a real time, like 14:30.")
    }

    static func invalidDateTime(_ label: String) -> Text {
        Text(
            de: "\(de(label)) muss ein gültiges Datum mit Uhrzeit sein.",
            en: "\(en(label)) must be a real date and time.")
    }

    static func notInteger(_ label: String) -> Text {
        Text(de: "\(de(label)) muss eine ganze Zahl sein.", en: "\(en(label)) must be a whole number.")
    }

    static func tooManyDecimals(_ label: String) -> Text {
        Text(
            de: "\(de(label)) darf höchstens 2 Nachkommastellen haben, zum Beispiel 450,50.",
            en: "\(en(label)) must have no more than 2 decimal places, like 450.50.")
    }

    static func invalidCharacters(_ label: String) -> Text {
        Text(
            de: "\(de(label)) darf nur lateinische Buchstaben, Ziffern und übliche Satzzeichen enthalten.",
            en: "\(en(label)) must only include Latin letters, numbers and common punctuation.")
    }

    static func nullValue(_ label: String) -> Text {
        Text(
            de: "\(de(label)) ist null. Lassen Sie eine Angabe ohne Wert weg.",
            en: "\(en(label)) is null. Leave out an answer without a value.")
    }

    static func notApplicable(_ label: String) -> Text {
        Text(
            de: "\(de(label)) trifft hier nicht zu. Entfernen Sie diese Angabe.",
            en: "\(en(label)) does not apply. Remove this answer.")
    }
}
