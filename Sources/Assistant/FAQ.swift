import Catalog

/// A question people ask about the platform rather than a service, with our own answer and
/// the page it comes from. Matched only when one of its `keywords` is in the question.
public struct FAQ: Sendable {
    public var id: String
    public var questions: [String]
    public var keywords: [String]
    public var answer: FAQText
    public var source: Source

    public init(id: String, questions: [String], keywords: [String], answer: FAQText, source: Source) {
        self.id = id
        self.questions = questions
        self.keywords = keywords
        self.answer = answer
        self.source = source
    }
}

public struct FAQText: Sendable {
    public var de: String
    public var en: String
    public var ls: String

    func text(_ language: AnswerLanguage) -> String {
        switch language {
        case .de: de
        case .en: en
        case .ls: ls
        }
    }
}

extension FAQ {
    /// The knowledge base: short, checked answers written for Amtsweg.
    public static let all: [FAQ] = [
        FAQ(
            id: "115",
            questions: ["Was ist die Behördennummer 115?", "Wen kann ich anrufen?", "What is the number 115?"],
            keywords: [
                "115", "behördennummer", "behoerdennummer", "hotline", "anrufen", "telefonisch", "phone", "call",
            ],
            answer: FAQText(
                de:
                    "Die 115 ist die einheitliche Behördennummer. Sie beantwortet Fragen zu Verwaltungsleistungen von Kommunen, Land und Bund — in der Regel Montag bis Freitag von 8 bis 18 Uhr, zum Festnetztarif.",
                en:
                    "115 is the single public service number in Germany. It answers questions about services of municipalities, the Länder and the federal government — usually Monday to Friday, 8 am to 6 pm, at landline rates.",
                ls:
                    "Die Nummer 115 ist die Telefon-Nummer für Fragen an die Ämter. Sie können von Montag bis Freitag anrufen."
            ),
            source: Source(title: "Behördennummer 115", url: "https://www.115.de")),
        FAQ(
            id: "account",
            questions: [
                "Brauche ich ein Konto?", "Was ist die BundID?", "Wie melde ich mich an?", "Do I need an account?",
            ],
            keywords: [
                "bundid", "bürgerkonto", "buergerkonto", "nutzerkonto", "konto", "account", "login", "einloggen",
            ],
            answer: FAQText(
                de:
                    "Für viele Online-Anträge melden Sie sich mit einem Nutzerkonto an, zum Beispiel der BundID. Mit der Online-Ausweisfunktion des Personalausweises erreichen Sie das höchste Vertrauensniveau; manche Leistungen verlangen es.",
                en:
                    "For many online applications you log in with a user account such as BundID. With the online function of your ID card you reach the highest trust level, which some services require.",
                ls:
                    "Für viele Anträge im Internet brauchen Sie ein Konto. Zum Beispiel die BundID. Mit Ihrem Ausweis können Sie sich dort anmelden."
            ),
            source: Source(title: "BundID", url: "https://id.bund.de")),
        FAQ(
            id: "accessibility",
            questions: [
                "Wie melde ich eine Barriere?", "Ist die Seite barrierefrei?",
                "How do I report an accessibility problem?",
            ],
            keywords: ["barriere", "barrierefrei", "barrierefreiheit", "accessibility", "accessible"],
            answer: FAQText(
                de:
                    "Amtsweg soll für alle nutzbar sein. Wenn Sie auf eine Barriere stoßen, melden Sie sie bitte über das Formular auf der Seite Barrierefreiheit; wir antworten, wenn Sie eine E-Mail-Adresse angeben.",
                en:
                    "Amtsweg is meant to be usable by everyone. If you meet a barrier, please report it with the form on the accessibility page; we answer if you give an e-mail address.",
                ls:
                    "Ist etwas auf der Seite schwer für Sie? Dann schreiben Sie uns. Das Formular ist auf der Seite Barriere-Freiheit."
            ),
            source: Source(title: "Barrierefreiheit", url: "/barrierefreiheit")),
        FAQ(
            id: "plain-language",
            questions: ["Gibt es die Texte in Leichter Sprache?", "Is there plain language?"],
            keywords: ["leichte sprache", "leichter sprache", "einfache sprache", "plain language"],
            answer: FAQText(
                de:
                    "Ja. Jede Leistung hat eine Fassung in Leichter Sprache; den Link finden Sie auf der Seite der Leistung und oben auf jeder Seite.",
                en:
                    "Yes. Every service has a version in Leichte Sprache (plain German); the link is on each service page and at the top of every page.",
                ls: "Ja. Jede Leistung gibt es in Leichter Sprache. Der Link ist oben auf jeder Seite."),
            source: Source(title: "Leichte Sprache", url: "/leichte-sprache")),
        FAQ(
            id: "privacy",
            questions: ["Was passiert mit meinen Daten?", "Was speichert der Assistent?", "What happens to my data?"],
            keywords: ["datenschutz", "privacy", "gespeichert", "speichert", "stored"],
            answer: FAQText(
                de:
                    "Wir speichern nur, was eine Leistung nach ihrer Rechtsgrundlage verlangt, und löschen es nach den Fristen. Vom Assistenten behalten wir nur die Fachbegriffe Ihrer Frage und Ihre Bewertung — keine Namen, keine Zahlen, nichts, was auf Sie schließen lässt.",
                en:
                    "We store only what a service's legal basis asks for and delete it when its period ends. Of your questions to the assistant we keep only the service terms and your rating — no names, no numbers, nothing that points to you.",
                ls: "Wir speichern nur, was nötig ist. Vom Assistenten speichern wir keine Namen und keine Zahlen."),
            source: Source(title: "Datenschutz", url: "/datenschutz")),
        FAQ(
            id: "english",
            questions: ["Is this site available in English?", "Gibt es die Seite auf Englisch?"],
            keywords: ["english", "englisch", "englischer", "englischen"],
            answer: FAQText(
                de: "Ja. Über den Sprachschalter oben auf jeder Seite lesen Sie Amtsweg auf Englisch.",
                en: "Yes. Use the language switch at the top of every page to read Amtsweg in English.",
                ls: "Ja. Oben auf jeder Seite können Sie Englisch wählen."),
            source: Source(title: "Amtsweg", url: "/?lang=en")),
    ]
}
