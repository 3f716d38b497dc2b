/// Long-form page texts (HTML fragments) in German and English. They belong to the catalogue like
/// the short texts; they are kept apart only because they are paragraphs, not labels.
public enum Pages {
    public static func imprint(_ language: Language) -> String { language == .en ? imprintEN : imprintDE }
    public static func privacy(_ language: Language) -> String { language == .en ? privacyEN : privacyDE }
    public static func accessibility(_ language: Language) -> String {
        language == .en ? accessibilityEN : accessibilityDE
    }

    static let sources = #"""
        <h2 id="sources">Datenquellen</h2>
        <p>Gemeinden und Regionalschlüssel: © Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, Gebietsstand 28.02.2026, <a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland – Namensnennung 2.0</a>.</p>
        <p>Zuordnung von Postleitzahlen zu Gemeinden: © OpenStreetMap-Mitwirkende, <a href="https://www.openstreetmap.org/copyright">Open Database License 1.0</a>, zusammengestellt von suche-postleitzahl.org, für Amtsweg auf den Gebietsstand 28.02.2026 angepasst.</p>
        """#

    static let imprintDE = #"""
        <h1>Impressum</h1>
        <p>Dies ist eine Demonstrations-Instanz der freien Software Amtsweg. Sie zeigt, wie Thüringer Verwaltungsleistungen digital angeboten werden können. Die Angaben zum Betreiber sind Beispieldaten.</p>
        <h2>Betreiber</h2>
        <p>Musterverwaltung Amtsweg (fiktiv)<br>Erika Mustermann<br>Musterstraße 1<br>99084 Erfurt</p>
        <p>E-Mail: <a href="mailto:kontakt@amtsweg.example">kontakt@amtsweg.example</a></p>
        <h2>Verantwortlich für den Inhalt</h2>
        <p>Erika Mustermann, Anschrift wie oben.</p>
        <h2>Software</h2>
        <p>Amtsweg ist freie Software unter der European Union Public Licence 1.2 (EUPL-1.2).</p>
        """# + sources

    static let imprintEN = #"""
        <h1>Legal notice</h1>
        <p>This is a demonstration instance of the free software Amtsweg. It shows how administrative services in Thuringia can be offered online. The operator details are sample data.</p>
        <h2>Operator</h2>
        <p>Musterverwaltung Amtsweg (fictitious)<br>Erika Mustermann<br>Musterstraße 1<br>99084 Erfurt, Germany</p>
        <p>E-mail: <a href="mailto:kontakt@amtsweg.example">kontakt@amtsweg.example</a></p>
        <h2>Responsible for the content</h2>
        <p>Erika Mustermann, address as above.</p>
        <h2>Software</h2>
        <p>Amtsweg is free software under the European Union Public Licence 1.2 (EUPL-1.2).</p>
        <div lang="de">
        """# + sources + "</div>"

    static let privacyDE = #"""
        <h1>Datenschutzerklärung</h1>
        <p>Wir verarbeiten nur die Daten, die für den Betrieb dieser Website und die von Ihnen genutzten Leistungen nötig sind (Art. 5 und 6 DSGVO).</p>
        <h2>Verantwortliche Stelle</h2>
        <p>Siehe <a href="/impressum">Impressum</a>.</p>
        <h2>Aufruf der Website</h2>
        <p>Beim Aufruf einer Seite speichern wir in Protokollen nur: Zeitpunkt, aufgerufene Seite (ohne Suchbegriffe), Ergebnis und eine zufällige Vorgangsnummer. Ihre IP-Adresse wird nicht protokolliert. Zur Abwehr von Missbrauch zählen wir Formularabsendungen je Adresse für höchstens einen Tag.</p>
        <h2>Cookies</h2>
        <p>Wir setzen nur technisch notwendige Cookies: „lang“ merkt sich Ihre gewählte Sprache, „csrf“ schützt Formulare vor Missbrauch. Es gibt keine Analyse- oder Werbe-Cookies und keine Inhalte anderer Anbieter.</p>
        <h2>Meldungen zur Barrierefreiheit</h2>
        <p>Wenn Sie eine Barriere melden, speichern wir Ihre Beschreibung, die Seite und – nur wenn Sie sie angeben – Ihre E-Mail-Adresse. Die Meldung wird nach einem Jahr automatisch gelöscht.</p>
        <h2>Ihre Rechte</h2>
        <p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch (Art. 15 bis 21 DSGVO). Sie können sich beim Thüringer Landesbeauftragten für den Datenschutz und die Informationsfreiheit beschweren.</p>
        <h2>Leistungen</h2>
        <p>Für jede Online-Leistung erklären wir auf ihrer Seite gesondert, welche Daten wir wofür und wie lange verarbeiten.</p>
        """#

    static let privacyEN = #"""
        <h1>Privacy notice</h1>
        <p>We process only the data needed to run this website and the services you use (Art. 5 and 6 GDPR).</p>
        <h2>Controller</h2>
        <p>See the <a href="/impressum?lang=en">legal notice</a>.</p>
        <h2>Visiting the website</h2>
        <p>When you open a page, our logs record only: the time, the page (without search terms), the result and a random request number. Your IP address is not logged. To prevent abuse we count form submissions per address for at most one day.</p>
        <h2>Cookies</h2>
        <p>We only set technically necessary cookies: “lang” remembers your language, “csrf” protects forms against misuse. There are no analytics or advertising cookies and no content from other providers.</p>
        <h2>Accessibility reports</h2>
        <p>If you report a barrier, we store your description, the page and – only if you give it – your e-mail address. The report is deleted automatically after one year.</p>
        <h2>Your rights</h2>
        <p>You have the right of access, rectification, erasure, restriction of processing and objection (Art. 15 to 21 GDPR). You can complain to the Thuringian data protection commissioner (Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit).</p>
        <h2>Services</h2>
        <p>For each online service, its page explains separately which data we process, why and for how long.</p>
        """#

    static let accessibilityDE = #"""
        <h1>Erklärung zur Barrierefreiheit</h1>
        <p>Wir wollen, dass alle Menschen Amtsweg nutzen können. Diese Erklärung gilt für diese Website und folgt der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und dem Thüringer Gesetz zur barrierefreien Informationstechnik.</p>
        <h2>Stand der Vereinbarkeit</h2>
        <p>Die Website ist mit den Anforderungen der WCAG 2.1 auf Stufe AA vereinbar. Jede Seite wird bei jeder Änderung automatisch mit axe-core geprüft, mit der Tastatur durchlaufen und bei 320 Pixeln Breite auf Umbruch getestet. Die Seiten funktionieren ohne JavaScript.</p>
        <h2>Erstellung dieser Erklärung</h2>
        <p>Die Erklärung beruht auf einer Selbstbewertung und den automatischen Prüfungen. Sie wurde am 26.11.2026 erstellt.</p>
        <h2>Durchsetzungsverfahren</h2>
        <p>Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Durchsetzungsstelle beim Beauftragten für Menschen mit Behinderungen des Freistaats Thüringen wenden.</p>
        """#

    static let accessibilityEN = #"""
        <h1>Accessibility statement</h1>
        <p>We want everyone to be able to use Amtsweg. This statement covers this website and follows the German accessibility regulation (BITV 2.0) and the Thuringian law on accessible information technology.</p>
        <h2>Compliance status</h2>
        <p>The website complies with WCAG 2.1 level AA. Every page is checked automatically with axe-core on every change, walked with the keyboard and tested for reflow at a width of 320 pixels. The pages work without JavaScript.</p>
        <h2>Preparation of this statement</h2>
        <p>This statement is based on a self-assessment and the automated checks. It was prepared on 26 November 2026.</p>
        <h2>Enforcement procedure</h2>
        <p>If you do not receive a satisfactory answer to your report, you can turn to the enforcement office of the Thuringian Commissioner for People with Disabilities.</p>
        """#

    /// Leichte Sprache: short sentences, one statement each, explained words.
    public static let easyLanguage = #"""
        <div class="easy-text" lang="de">
        <h1>Amtsweg in Leichter Sprache</h1>
        <p>Hier finden Sie Informationen über Amtsweg in Leichter Sprache.</p>
        <h2>Was ist Amtsweg?</h2>
        <p>Amtsweg ist eine Internet-Seite.</p>
        <p>Auf der Seite finden Sie Ämter in Thüringen.</p>
        <p>Ein Amt ist ein Büro vom Staat.</p>
        <p>Zum Beispiel das Bürger-Amt in Ihrer Stadt.</p>
        <h2>Was können Sie hier machen?</h2>
        <ul>
        <li>Sie können Ihren Wohn-Ort suchen.</li>
        <li>Dann sehen Sie: Dieses Amt ist für mich da.</li>
        <li>Sie sehen auch die Adresse vom Amt.</li>
        </ul>
        <h2>So suchen Sie Ihren Wohn-Ort</h2>
        <ol>
        <li>Gehen Sie auf die <a href="/">Start-Seite</a>.</li>
        <li>Schreiben Sie den Namen von Ihrem Wohn-Ort in das Feld.<br>Oder Sie schreiben Ihre Post-Leit-Zahl in das Feld.<br>Die Post-Leit-Zahl hat 5 Zahlen. Zum Beispiel: 07743.</li>
        <li>Klicken Sie auf „Suchen“.</li>
        <li>Klicken Sie auf Ihren Wohn-Ort.</li>
        </ol>
        <h2>Haben Sie Fragen?</h2>
        <p>Rufen Sie die Nummer 115 an.</p>
        <p>Das ist die Telefon-Nummer für Fragen an die Ämter.</p>
        <p>Dort hilft man Ihnen.</p>
        </div>
        """#
}
