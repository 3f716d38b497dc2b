import Assistant
import Authorities
import Catalog
import Foundation
import Regions
import Testing

@Suite("Assistant")
struct AssistantTests {
    static let assistant = Assistant(finder: ServiceFinder(catalog: .seed, regions: .thuringia))
    static let authorities = AuthoritySeed.authorities(from: .thuringia)

    struct Case: Sendable, CustomTestStringConvertible {
        var question: String
        var language: AnswerLanguage
        /// Acceptable first sources (LeiKa keys); empty for a hand-over, "faq:ID" for an FAQ.
        var expected: [String]
        var authority: String?
        var mustSay: String?
        var testDescription: String { question }

        init(_ q: String, _ expected: [String], authority: String? = nil, says: String? = nil) {
            self.init(q, .de, expected, authority: authority, says: says)
        }

        init(
            _ q: String, _ language: AnswerLanguage, _ expected: [String], authority: String? = nil, says: String? = nil
        ) {
            self.question = q
            self.language = language
            self.expected = expected
            self.authority = authority
            self.mustSay = says
        }
    }

    static let cases: [Case] = [
        Case("Was kostet ein neuer Personalausweis?", ["99008001012000"], says: "Die Gebühr beträgt"),
        Case(
            "Welche Unterlagen brauche ich für die Anmeldung meiner Wohnung?", ["99115005104000"], says: "Unterlagen:"),
        Case("Ich habe meinen Perso verloren, was muss ich tun?", ["99008001014002", "99008001012003"]),
        Case("Wie lange dauert ein Reisepass?", ["99085001012000", "99085001012002"]),
        Case("Wo kann ich in Jena mein Auto anmelden?", ["99036020001000"], authority: "Stadtverwaltung Jena"),
        Case(
            "Wer ist für Wohngeld in Saalfeld zuständig?", ["99107023037000"],
            authority: "Landratsamt Saalfeld-Rudolstadt"),
        Case("Bis wann muss ich mich nach dem Umzug ummelden?", ["99115005104000"], says: "Frist:"),
        Case("Was kostet die Hundesteuer in Weimar?", ["99102013104000"], says: "Satzung"),
        Case("Wie beantrage ich Elterngeld?", ["99041006017000"]),
        Case("Ich möchte ein Gewerbe anmelden in 99084", ["99050012104000"], authority: "Stadtverwaltung Erfurt"),
        Case("Was kostet eine Geburtsurkunde?", ["99027002012000"], says: "10 €"),
        Case("Führungszeugnis beantragen Kosten", ["99049001001000"], says: "13 €"),
        Case(
            "Baugenehmigung in Mühlhausen, welche Behörde ist zuständig?", ["99012070006001"],
            authority: "Stadtverwaltung Mühlhausen/Thüringen"),
        Case("Heiraten in Kraftsdorf anmelden", ["99059001104000"], authority: "Verwaltungsgemeinschaft Hermsdorf"),
        Case("Wie trete ich aus der Kirche aus?", ["99073001000000"]),
        Case("How much does a passport cost?", .en, ["99085001012000", "99085001012002"], says: "The fee is"),
        Case("How do I register my address in Erfurt?", .en, ["99115005104000"], authority: "Stadtverwaltung Erfurt"),
        Case("I lost my driving licence", .en, ["99108049012005"]),
        Case("Ich ziehe um. Was muss ich machen?", .ls, ["99115005104000"]),
        Case("Was ist die Behördennummer 115?", ["faq:115"]),
        Case("Gibt es die Seite auf Englisch?", ["faq:english"]),
        Case("Wann wird bei mir der Müll abgeholt?", []),
        Case("Wie wird das Wetter morgen in Erfurt?", []),
        Case("Kann ich einen Waffenschein beantragen?", []),
        Case("Wie hoch ist meine Rente?", []),
        Case("Was kostet das?", []),
        Case("Mein Name ist Erika Mustermann, ich wohne in der Goethestraße 5 in Gera", []),
    ]

    @Test("The question set: the right sources, the right authority, the hand-over when unsure", arguments: cases)
    func questionSet(_ c: Case) throws {
        let answer = Self.assistant.answer(c.question, language: c.language, authorities: Self.authorities)
        let text = answer.statements.map(\.text).joined(separator: " ")
        if c.expected.isEmpty {
            #expect(answer.kind == .handover, "answered from \(answer.services.first?.name.de ?? "?"): \(text)")
            #expect(answer.statements.first?.source.url == "tel:115")
            return
        }
        if let faq = c.expected.first, faq.hasPrefix("faq:") {
            #expect(answer.kind == .faq, "\(answer.kind): \(text)")
            return
        }
        #expect(answer.kind == .service, "hand-over instead of an answer")
        let first = try #require(answer.services.first)
        #expect(c.expected.contains(first.leika), "answered from \(first.leika) \(first.name.de)")
        // every statement cites the page of a service the answer is about
        for statement in answer.statements {
            #expect(statement.source.url.hasPrefix("/leistungen/\(first.leika)"), "\(statement.source.url)")
        }
        if let authority = c.authority { #expect(text.contains(authority), "\(text)") }
        if let phrase = c.mustSay { #expect(text.contains(phrase), "\(text)") }
    }

    @Test("Fees are quoted from the catalogue, never invented: every amount said is the cited service's")
    func feesAreNeverInvented() throws {
        for service in ServiceCatalog.seed.services {
            let answer = Self.assistant.answer(
                "Was kostet " + service.name.de + "?", language: .de, authorities: Self.authorities)
            guard answer.kind == .service, let cited = answer.services.first else { continue }
            let text = answer.statements.map(\.text).joined(separator: " ")
            let fee = cited.fee
            let cents: [Int64] = [fee.amountCents, fee.minCents, fee.maxCents, fee.digitalDiscountCents].compactMap {
                $0
            }
            // amounts in the catalogue's own fee note are quoted too
            let allowed = Set(cents.map(Self.euros)).union(Self.amounts(in: fee.note?.de ?? ""))
            let said = Self.amounts(in: text)
            #expect(said.isSubset(of: allowed), "\(cited.leika): said \(said), catalogue has \(allowed)")
            if fee.kind == .unknown || fee.kind == .municipal { #expect(said.isEmpty, "\(cited.leika) \(text)") }
        }
    }

    static func euros(_ cents: Int64) -> String {
        let whole = Int(cents / 100)
        let rest = Int(cents % 100)
        return rest == 0 ? "\(whole) €" : String(format: "%d,%02d €", whole, rest)
    }

    static func amounts(in text: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"\d+(,\d\d)? €"#)
        let range = NSRange(text.startIndex..., in: text)
        return Set(regex.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) })
    }

    @Test("The question log keeps catalogue words only: no names, no street, no numbers")
    func logWithoutPersonalData() {
        let answer = Self.assistant.answer(
            "Ich bin Erika Mustermann, Goethestraße 5, 07545 Gera, Tel. 0365 123456: was kostet der Personalausweis?",
            language: .de, authorities: Self.authorities)
        let log = answer.logTerms.joined(separator: " ")
        for forbidden in ["erika", "mustermann", "goeth", "07545", "0365", "123456", "5"] {
            #expect(!answer.logTerms.contains { $0.contains(forbidden) }, "\(forbidden) in \(log)")
        }
        #expect(answer.logTerms.contains { $0.hasPrefix("personalausweis") }, "\(log)")
    }

    @Test("When unsure and the place is known, the hand-over names the local administration")
    func handoverNamesAuthority() {
        let answer = Self.assistant.answer(
            "Wann kommt die Müllabfuhr?", language: .de, municipalityARS: "160530000000", authorities: Self.authorities)
        #expect(answer.kind == .handover)
        #expect(answer.handover?.authority?.name == "Stadtverwaltung Jena")
    }
}
