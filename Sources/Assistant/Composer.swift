import Authorities
import Catalog
import Foundation
import Regions

/// Turns catalogue fields into sentences. Every sentence quotes a field of one service and links
/// to that service's page; where the catalogue has nothing, it says so instead of guessing.
struct Composer {
    let service: Service
    let language: AnswerLanguage
    let place: Municipality?
    let authority: Authority?

    var source: Source {
        var url = "/leistungen/\(service.leika)"
        if language == .ls { url += "/leichte-sprache" }
        if let place { url += "?ars=\(place.ars)" }
        return Source(title: text(service.name), url: url)
    }

    func text(_ t: LocalizedText) -> String {
        switch language {
        case .de: t.de
        case .en: t.en?.isEmpty == false ? t.en! : t.de
        case .ls: t.ls?.isEmpty == false ? t.ls! : t.de
        }
    }

    func say(_ de: String, _ en: String, _ ls: String? = nil) -> Statement {
        Statement(text: language == .en ? en : (language == .ls ? (ls ?? de) : de), source: source)
    }

    func summary() -> Statement {
        Statement(text: text(service.name) + ": " + text(service.summary), source: source)
    }

    func statements(for intent: Intent) -> [Statement] {
        switch intent {
        case .fee: return [fee()]
        case .documents: return [documents()]
        case .deadline:
            if let d = service.deadline {
                return [say("Frist: " + text(d), "Deadline: " + text(d), "Frist: " + text(d))]
            }
            return [
                say(
                    "Im Katalog ist für diese Leistung keine Frist angegeben.",
                    "The catalogue gives no deadline for this service.", "Dazu steht keine Frist im Katalog.")
            ]
        case .processingTime:
            if let p = service.processingTime {
                return [
                    say(
                        "Bearbeitungsdauer: " + text(p), "Processing time: " + text(p), "So lange dauert es: " + text(p)
                    )
                ]
            }
            return [
                say(
                    "Zur Bearbeitungsdauer liegen im Katalog keine Angaben vor; die zuständige Stelle kann sie Ihnen nennen.",
                    "The catalogue has no processing time for this service; the responsible office can tell you.",
                    "Wie lange es dauert, steht nicht im Katalog. Fragen Sie bitte das Amt.")
            ]
        case .responsibility: return [responsibility()]
        case .online:
            return [
                service.ozgMaturity >= 3
                    ? say(
                        "Sie können diese Leistung online beantragen.", "You can apply for this service online.",
                        "Sie können den Antrag im Internet stellen.")
                    : say(
                        "Diese Leistung ist noch nicht vollständig online verfügbar.",
                        "This service is not yet fully available online.",
                        "Den Antrag gibt es noch nicht ganz im Internet.")
            ]
        case .legalBasis:
            guard !service.legalBasis.isEmpty else {
                return [say("Im Katalog ist keine Rechtsgrundlage angegeben.", "The catalogue names no legal basis.")]
            }
            let list = service.legalBasis.joined(separator: "; ")
            return [say("Rechtsgrundlage: " + list, "Legal basis: " + list)]
        case .overview:
            return [fee(), responsibility()]
        }
    }

    func euros(_ cents: Int64) -> String {
        let whole = cents / 100
        let rest = cents % 100
        return language == .en
            ? "€" + String(whole) + (rest == 0 ? "" : "." + String(format: "%02d", rest))
            : String(whole) + (rest == 0 ? "" : "," + String(format: "%02d", rest)) + " €"
    }

    func fee() -> Statement {
        let f = service.fee
        let note = f.note.map { " " + text($0) } ?? ""
        var discount = ""
        if let d = f.digitalDiscountCents {
            discount = language == .en ? " Online it costs \(euros(d))." : " Online kostet es \(euros(d))."
        }
        switch f.kind {
        case .free:
            return say(
                "Die Leistung ist gebührenfrei." + note, "This service is free of charge." + note,
                "Es kostet nichts." + note)
        case .fixed:
            let amount = euros(f.amountCents ?? 0)
            return say(
                "Die Gebühr beträgt \(amount)." + discount + note, "The fee is \(amount)." + discount + note,
                "Es kostet \(amount)." + discount + note)
        case .range:
            let from = euros(f.minCents ?? 0)
            let to = euros(f.maxCents ?? 0)
            return say(
                "Die Gebühr beträgt \(from) bis \(to)." + discount + note,
                "The fee is between \(from) and \(to)." + discount + note,
                "Es kostet \(from) bis \(to)." + discount + note)
        case .municipal:
            return say(
                "Die Gebühr legt die Gemeinde in ihrer Satzung fest." + note,
                "The fee is set by the municipality's by-law." + note, "Die Gemeinde bestimmt, was es kostet." + note)
        case .unknown:
            return say(
                "Zur Gebühr liegen im Katalog keine Angaben vor; bitte fragen Sie bei der zuständigen Stelle nach.",
                "The catalogue has no fee for this service; please ask the responsible office.",
                "Was es kostet, steht nicht im Katalog. Fragen Sie bitte das Amt.")
        }
    }

    func documents() -> Statement {
        guard !service.documents.isEmpty else {
            return say(
                "Im Katalog sind für diese Leistung keine Unterlagen genannt.",
                "The catalogue lists no documents for this service.", "Dazu stehen keine Unterlagen im Katalog.")
        }
        let list = service.documents.map(text).joined(separator: "; ")
        return say("Unterlagen: " + list, "Documents: " + list, "Das brauchen Sie: " + list)
    }

    func responsibility() -> Statement {
        if let authority, let place {
            var where_ = authority.name
            if let street = authority.address.street { where_ += ", " + street }
            where_ += ", " + authority.address.postcode + " " + authority.address.locality
            return say(
                "Zuständig für \(place.name): \(where_).", "Responsible for \(place.name): \(where_).",
                "Für \(place.name) ist zuständig: \(where_).")
        }
        if let body = service.responsibleBody {
            return say(
                "Zuständig: " + text(body) + ".", "Responsible: " + text(body) + ".",
                "Zuständig ist: " + text(body) + ".")
        }
        return say(
            "Nennen Sie Ihren Wohnort, dann nenne ich Ihnen die zuständige Stelle.",
            "Tell me where you live and I will name the responsible office.",
            "Schreiben Sie Ihren Wohnort. Dann sage ich Ihnen das Amt.")
    }
}
