/// The translation catalogue: every user-facing string, keyed, in German and English. Code and
/// templates use keys only. A missing English text falls back to German; a missing key shows the
/// key itself (and a test walks every key to prevent that).
public enum Catalog {
    public static func text(_ key: String, _ language: Language) -> String {
        guard let entry = entries[key] else { return key }
        switch language {
        case .de: return entry.de
        case .en: return entry.en.isEmpty ? entry.de : entry.en
        }
    }

    /// All texts of one language, for templates (`{{t.key}}`).
    public static func table(_ language: Language) -> [String: String] {
        language == .en ? englishTable : germanTable
    }

    private static let germanTable = entries.mapValues { $0.de }
    private static let englishTable = entries.mapValues { $0.en.isEmpty ? $0.de : $0.en }

    public static var keys: [String] { entries.keys.sorted() }

    struct Entry {
        let de: String
        let en: String
    }

    static let entries: [String: Entry] = [
        "site_name": Entry(de: "Amtsweg Thüringen", en: "Amtsweg Thuringia"),
        "land_name": Entry(de: "Thüringen", en: "Thuringia"),
        "site_tagline": Entry(
            de: "Verwaltungsleistungen in Thüringen finden und online erledigen",
            en: "Find and complete administrative services in Thuringia online"),
        "skip_link": Entry(de: "Zum Inhalt springen", en: "Skip to content"),
        "nav_label": Entry(de: "Hauptnavigation", en: "Main navigation"),
        "nav_home": Entry(de: "Startseite", en: "Home"),
        "nav_account": Entry(de: "Mein Konto", en: "My account"),
        "login_title": Entry(de: "Anmelden", en: "Log in"),
        "login_intro": Entry(
            de: "Melden Sie sich an, um Anträge zu stellen und Ihr Postfach zu lesen.",
            en: "Log in to apply and to read your mailbox."),
        "login_testeid": Entry(de: "Mit der Test-eID anmelden (nur Demo)", en: "Log in with the test eID (demo only)"),
        "login_testeid_hint": Entry(
            de: "Diese Demo-Installation verwendet erfundene Personen statt eines echten Ausweises.",
            en: "This demo installation uses fictitious people instead of a real ID card."),
        "login_bundid": Entry(
            de: "Die Anmeldung mit BundID ist in dieser Installation noch nicht eingerichtet.",
            en: "Login with BundID is not set up in this installation yet."),
        "login_step_up": Entry(
            de:
                "Dafür ist eine Anmeldung mit Vertrauensniveau {level} nötig. Bitte melden Sie sich entsprechend an; Ihre Eingaben bleiben erhalten.",
            en: "This needs a login at trust level {level}. Please log in accordingly; what you entered is kept."),
        "login_eid": Entry(de: "Mit BundID oder Online-Ausweis anmelden", en: "Log in with BundID or your online ID"),
        "login_eid_hint": Entry(
            de: "Sie werden zu Ihrem Identitätsanbieter weitergeleitet und kommen danach hierher zurück.",
            en: "You are taken to your identity provider and brought back here afterwards."),
        "eid_failed_title": Entry(de: "Die Anmeldung hat nicht geklappt", en: "The login did not work"),
        "eid_failed_text": Entry(
            de:
                "Die Anmeldung konnte nicht bestätigt werden oder ist abgelaufen. Bitte beginnen Sie die Anmeldung noch einmal.",
            en: "The login could not be confirmed or has expired. Please start the login again."),
        "login_staff": Entry(de: "Anmeldung für Beschäftigte der Behörden", en: "Login for authority staff"),
        "testeid_title": Entry(de: "Test-eID: Person wählen", en: "Test eID: choose a person"),
        "testeid_warning": Entry(
            de: "Nur für Demo und Test: Die Personen sind erfunden. Echte Anträge sind hier nicht möglich.",
            en: "For demo and testing only: the people are fictitious. No real applications are possible here."),
        "testeid_person": Entry(de: "Person", en: "Person"),
        "testeid_level": Entry(de: "Vertrauensniveau der Anmeldung", en: "Trust level of the login"),
        "testeid_submit": Entry(de: "Anmelden", en: "Log in"),
        "testeid_error": Entry(
            de: "Bitte wählen Sie eine Person und ein Vertrauensniveau.",
            en: "Please choose a person and a trust level."),
        "staff_login_title": Entry(de: "Anmeldung für Beschäftigte", en: "Staff login"),
        "staff_login_directory": Entry(
            de: "Mit dem Konto Ihrer Behörde anmelden (Verzeichnisdienst)",
            en: "Log in with your authority’s account (directory)"),
        "staff_email": Entry(de: "Dienstliche E-Mail-Adresse", en: "Work e-mail address"),
        "staff_password": Entry(de: "Passwort", en: "Password"),
        "staff_code": Entry(
            de: "Einmalcode aus Ihrer Authenticator-App", en: "One-time code from your authenticator app"),
        "staff_submit": Entry(de: "Anmelden", en: "Log in"),
        "staff_login_failed": Entry(
            de: "Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie E-Mail-Adresse, Passwort und Einmalcode.",
            en: "Login failed. Please check your e-mail address, password and one-time code."),
        "staff_login_locked": Entry(
            de:
                "Nach mehreren Fehlversuchen ist das Konto für {minutes} Minuten gesperrt. Bitte versuchen Sie es danach erneut oder wenden Sie sich an Ihre Administration.",
            en:
                "After several failed attempts the account is locked for {minutes} minutes. Please try again later or contact your administrator."
        ),
        "account_title": Entry(de: "Mein Konto", en: "My account"),
        "account_name": Entry(de: "Name", en: "Name"),
        "account_kind": Entry(de: "Kontoart", en: "Account type"),
        "account_kind_citizen": Entry(de: "Bürgerkonto", en: "Citizen account"),
        "account_kind_staff": Entry(de: "Beschäftigtenkonto", en: "Staff account"),
        "account_kind_platform-admin": Entry(de: "Plattform-Administration", en: "Platform administration"),
        "account_level": Entry(de: "Vertrauensniveau dieser Anmeldung", en: "Trust level of this login"),
        "account_since": Entry(de: "Konto angelegt am", en: "Account created on"),
        "account_authority": Entry(de: "Behörde", en: "Authority"),
        "account_roles": Entry(de: "Rollen", en: "Roles"),
        "account_history": Entry(de: "Letzte Anmeldungen und Ereignisse", en: "Recent logins and events"),
        "account_mailbox": Entry(de: "Postfach", en: "Mailbox"),
        "account_unread": Entry(de: "ungelesene Nachrichten", en: "unread messages"),
        "account_outbox": Entry(de: "Nachricht an ein Bürgerkonto senden", en: "Send a message to a citizen account"),
        "account_data": Entry(
            de:
                "Was wir zu Ihrem Konto speichern: Name, die Kennung Ihres Identitätsanbieters, das Anlagedatum, Ihre Anmeldungen und die Nachrichten in Ihrem Postfach.",
            en:
                "What we store for your account: your name, your identity provider’s identifier, the creation date, your logins and the messages in your mailbox."
        ),
        "account_notify_label": Entry(
            de: "E-Mail-Adresse für Hinweise auf neue Nachrichten", en: "E-mail address for notices of new messages"),
        "account_notify_hint": Entry(
            de:
                "Wir schreiben nur, dass eine Nachricht wartet — nie ihren Inhalt. Leer lassen, wenn Sie keine E-Mails wünschen.",
            en: "We only write that a message is waiting — never its content. Leave empty if you want no e-mails."),
        "account_notify_submit": Entry(de: "Speichern", en: "Save"),
        "audit_account.notification-email": Entry(
            de: "E-Mail-Adresse für Hinweise geändert", en: "Notification e-mail changed"),
        "team_title": Entry(de: "Teams", en: "Teams"),
        "team_name": Entry(de: "Name des Teams", en: "Team name"),
        "team_services": Entry(
            de: "Leistungen (LeiKa-Schlüssel, durch Komma getrennt)", en: "Services (LeiKa keys, comma-separated)"),
        "team_areas": Entry(
            de: "Gebiete (Regionalschlüssel, durch Komma getrennt)", en: "Areas (regional keys, comma-separated)"),
        "team_create": Entry(de: "Team anlegen", en: "Create team"),
        "team_member": Entry(de: "Beschäftigte Person", en: "Staff member"),
        "team_add_member": Entry(de: "Aufnehmen", en: "Add"),
        "team_remove_member": Entry(de: "Entfernen", en: "Remove"),
        "team_all_services": Entry(de: "alle Leistungen", en: "all services"),
        "team_whole_area": Entry(de: "das ganze Gebiet", en: "the whole area"),
        "team_error_services": Entry(
            de: "Bitte nur LeiKa-Schlüssel aus dem Katalog angeben.",
            en: "Please give LeiKa keys from the catalogue only."),
        "team_error_areas": Entry(
            de: "Bitte nur Regionalschlüssel im Gebiet Ihrer Behörde angeben.",
            en: "Please give regional keys within your authority’s area only."),
        "audit_team.created": Entry(de: "Team angelegt", en: "Team created"),
        "audit_team.member-added": Entry(de: "Teammitglied aufgenommen", en: "Team member added"),
        "audit_team.member-removed": Entry(de: "Teammitglied entfernt", en: "Team member removed"),
        "staff_title": Entry(de: "Beschäftigte verwalten", en: "Manage staff"),
        "staff_list": Entry(
            de: "Beschäftigte der Behörde und ihre Rollen", en: "The authority’s staff and their roles"),
        "staff_add": Entry(de: "Beschäftigte hinzufügen", en: "Add a staff member"),
        "staff_add_submit": Entry(de: "Hinzufügen", en: "Add"),
        "staff_created": Entry(de: "Konto angelegt", en: "Account created"),
        "staff_created_hint": Entry(
            de:
                "Geben Sie Passwort und Schlüssel für die Authenticator-App persönlich weiter. Sie werden nur jetzt angezeigt.",
            en: "Hand over the password and the authenticator key in person. They are shown only now."),
        "staff_secret": Entry(de: "Schlüssel für die Authenticator-App", en: "Authenticator app key"),
        "staff_locked": Entry(de: "gesperrt", en: "locked"),
        "staff_error_exists": Entry(
            de: "Für diese E-Mail-Adresse gibt es schon ein Konto.",
            en: "There is already an account for this e-mail address."),
        "staff_error_name": Entry(
            de: "Bitte geben Sie einen Namen mit höchstens 200 Zeichen ein.",
            en: "Please enter a name of at most 200 characters."),
        "staff_error_roles": Entry(
            de: "Bitte wählen Sie mindestens eine Rolle.", en: "Please choose at least one role."),
        "staff_error_self": Entry(
            de: "Sie können sich die Rolle Behördenadministration nicht selbst entziehen.",
            en: "You cannot remove the authority administrator role from yourself."),
        "audit_staff.created": Entry(de: "Beschäftigtenkonto angelegt", en: "Staff account created"),
        "audit_staff.roles": Entry(de: "Rollen geändert", en: "Roles changed"),
        "org_title": Entry(de: "Organisationen", en: "Organisations"),
        "org_none": Entry(
            de: "Sie gehören noch keiner Organisation an.", en: "You are not a member of any organisation yet."),
        "org_create": Entry(de: "Organisationskonto anlegen", en: "Create an organisation account"),
        "org_create_hint": Entry(
            de:
                "Für ein Unternehmen oder einen Verein. Sie werden die erste Administratorin oder der erste Administrator und können weitere Mitglieder mit Rollen berechtigen. Dafür ist eine Anmeldung mindestens mit Vertrauensniveau substanziell nötig.",
            en:
                "For a company or an association. You become its first administrator and can authorise further members with roles. This needs a login at trust level substantial or higher."
        ),
        "org_name": Entry(de: "Name der Organisation", en: "Name of the organisation"),
        "org_create_submit": Entry(de: "Anlegen", en: "Create"),
        "org_error_name": Entry(
            de: "Bitte geben Sie einen Namen mit höchstens 200 Zeichen ein.",
            en: "Please enter a name of at most 200 characters."),
        "org_your_roles": Entry(de: "Ihre Rollen", en: "Your roles"),
        "org_members": Entry(de: "Mitglieder", en: "Members"),
        "org_set_roles": Entry(de: "Mitglied berechtigen oder Rollen ändern", en: "Authorise a member or change roles"),
        "org_member_id": Entry(de: "Konto-Kennung des Mitglieds", en: "Member’s account identifier"),
        "org_roles": Entry(de: "Rollen (keine Rolle entfernt das Mitglied)", en: "Roles (no role removes the member)"),
        "org_set_roles_submit": Entry(de: "Speichern", en: "Save"),
        "org_error_member": Entry(
            de: "Kein Bürgerkonto mit dieser Kennung.", en: "No citizen account has this identifier."),
        "org_role_admin": Entry(de: "Administration", en: "Administration"),
        "org_role_mailbox": Entry(de: "Postfach", en: "Mailbox"),
        "org_role_applicant": Entry(de: "Anträge stellen", en: "Applications"),
        "audit_organisation.created": Entry(de: "Organisation angelegt", en: "Organisation created"),
        "audit_organisation.roles": Entry(
            de: "Rollen in einer Organisation geändert", en: "Organisation roles changed"),
        "account_delete": Entry(de: "Konto löschen", en: "Delete my account"),
        "account_delete_what": Entry(
            de:
                "Gelöscht werden Ihr Name, die Kennung Ihres Identitätsanbieters, Ihre E-Mail-Adresse für Hinweise, Ihre Sitzungen, die Nachrichten in Ihrem Postfach und Ihre Mitgliedschaften in Organisationen.",
            en:
                "We delete your name, your identity provider’s identifier, your notification e-mail address, your sessions, the messages in your mailbox and your organisation memberships."
        ),
        "account_delete_kept": Entry(
            de:
                "Aufbewahrt bleibt, was das Recht verlangt: Die Behörden führen ihre Akten zu Ihren Anträgen nach den Aufbewahrungsfristen weiter, und das Protokoll der Anmeldungen wird aus Sicherheitsgründen zwei Jahre aufbewahrt — ohne Ihren Namen.",
            en:
                "What the law requires is kept: the authorities keep their files on your applications for their retention periods, and the login log is kept two years for security — without your name."
        ),
        "account_delete_confirm": Entry(
            de: "Ja, ich möchte mein Konto endgültig löschen.", en: "Yes, delete my account for good."),
        "account_delete_confirm_missing": Entry(
            de: "Bitte bestätigen Sie die Löschung.", en: "Please confirm the deletion."),
        "account_delete_submit": Entry(de: "Konto löschen", en: "Delete account"),
        "account_deleted_title": Entry(de: "Ihr Konto ist gelöscht", en: "Your account has been deleted"),
        "account_deleted_text": Entry(
            de: "Wenn Sie sich wieder anmelden, legen wir ein neues, leeres Konto an.",
            en: "If you log in again, a new, empty account is created."),
        "audit_account.deleted": Entry(de: "Konto gelöscht", en: "Account deleted"),
        "mandate_title": Entry(de: "Vollmachten", en: "Mandates"),
        "mandate_intro": Entry(
            de:
                "Mit einer Vollmacht darf eine andere Person für Sie handeln: Ihr Postfach lesen und beantworten. Was sie schreibt, wird mit ihrem Namen gespeichert. Sie können jede Vollmacht jederzeit widerrufen.",
            en:
                "A mandate lets another person act for you: read and answer your mailbox. What they write is stored under their name. You can revoke any mandate at any time."
        ),
        "mandate_received": Entry(de: "Sie handeln für", en: "You act for"),
        "mandate_granted": Entry(de: "Für Sie handeln", en: "Acting for you"),
        "mandate_none": Entry(de: "Keine.", en: "None."),
        "mandate_open_mailbox": Entry(de: "Postfach öffnen", en: "Open mailbox"),
        "mandate_revoke": Entry(de: "Widerrufen", en: "Revoke"),
        "mandate_until": Entry(de: "bis", en: "until"),
        "mandate_grant": Entry(de: "Vollmacht erteilen", en: "Grant a mandate"),
        "mandate_agent": Entry(
            de: "Konto-Kennung der bevollmächtigten Person", en: "Account identifier of the person you authorise"),
        "mandate_kind": Entry(de: "Art", en: "Kind"),
        "mandate_kind_attorney": Entry(de: "Bevollmächtigte Person", en: "Representative"),
        "mandate_kind_parent": Entry(de: "Elternteil für ein Kind", en: "Parent for a child"),
        "mandate_until_label": Entry(de: "Gültig bis", en: "Valid until"),
        "mandate_grant_submit": Entry(de: "Vollmacht erteilen", en: "Grant"),
        "mandate_error_agent": Entry(
            de: "Kein anderes Bürgerkonto mit dieser Kennung.", en: "No other citizen account has this identifier."),
        "mandate_error_until": Entry(
            de: "Bitte ein Datum in der Zukunft angeben.", en: "Please give a date in the future."),
        "mandate_acting_for": Entry(de: "Sie handeln mit Vollmacht für", en: "You are acting with a mandate for"),
        "audit_mandate.granted": Entry(de: "Vollmacht erteilt", en: "Mandate granted"),
        "audit_mandate.revoked": Entry(de: "Vollmacht widerrufen", en: "Mandate revoked"),
        "audit_mandate.used": Entry(de: "Mit Vollmacht gehandelt", en: "Acted with a mandate"),
        "account_logout": Entry(de: "Abmelden", en: "Log out"),
        "account_id": Entry(de: "Konto-Kennung", en: "Account identifier"),
        "audit_login": Entry(de: "Anmeldung", en: "Login"),
        "audit_logout": Entry(de: "Abmeldung", en: "Logout"),
        "audit_login.failed": Entry(de: "Fehlgeschlagene Anmeldung", en: "Failed login"),
        "audit_login.locked": Entry(de: "Anmeldeversuch bei gesperrtem Konto", en: "Login attempt while locked"),
        "audit_account.locked": Entry(de: "Konto gesperrt", en: "Account locked"),
        "audit_message.sent": Entry(de: "Nachricht gesendet", en: "Message sent"),
        "role_clerk": Entry(de: "Sachbearbeitung", en: "Clerk"),
        "role_team-lead": Entry(de: "Teamleitung", en: "Team lead"),
        "role_authority-admin": Entry(de: "Behördenadministration", en: "Authority administrator"),
        "role_data-officer": Entry(de: "Datenschutz", en: "Data officer"),
        "mailbox_title": Entry(de: "Postfach", en: "Mailbox"),
        "mailbox_empty": Entry(de: "Ihr Postfach ist leer.", en: "Your mailbox is empty."),
        "mailbox_you": Entry(de: "Sie", en: "You"),
        "mailbox_unread": Entry(de: "ungelesen", en: "unread"),
        "mailbox_from": Entry(de: "Von", en: "From"),
        "mailbox_date": Entry(de: "Datum", en: "Date"),
        "mailbox_subject": Entry(de: "Betreff", en: "Subject"),
        "mailbox_reply": Entry(de: "Antworten", en: "Reply"),
        "mailbox_reply_label": Entry(de: "Ihre Antwort", en: "Your reply"),
        "mailbox_reply_submit": Entry(de: "Antwort senden", en: "Send reply"),
        "mailbox_reply_error": Entry(
            de: "Bitte schreiben Sie eine Antwort mit höchstens 5000 Zeichen.",
            en: "Please write a reply of at most 5000 characters."),
        "mailbox_attachments": Entry(de: "Anlagen", en: "Attachments"),
        "mailbox_back": Entry(de: "Zurück zum Postfach", en: "Back to the mailbox"),
        "outbox_title": Entry(de: "Nachricht senden", en: "Send a message"),
        "outbox_recipient": Entry(
            de: "Konto-Kennung der Empfängerin oder des Empfängers", en: "Recipient’s account identifier"),
        "outbox_subject": Entry(de: "Betreff", en: "Subject"),
        "outbox_body": Entry(de: "Nachricht", en: "Message"),
        "outbox_submit": Entry(de: "Senden", en: "Send"),
        "outbox_sent": Entry(de: "Die Nachricht wurde zugestellt.", en: "The message has been delivered."),
        "outbox_error_recipient": Entry(
            de: "Kein Bürgerkonto mit dieser Kennung.", en: "No citizen account has this identifier."),
        "outbox_error_subject": Entry(
            de: "Bitte geben Sie einen Betreff mit höchstens 200 Zeichen ein.",
            en: "Please enter a subject of at most 200 characters."),
        "outbox_error_body": Entry(
            de: "Bitte schreiben Sie eine Nachricht mit höchstens 10.000 Zeichen.",
            en: "Please write a message of at most 10,000 characters."),
        "nav_assistant": Entry(de: "Fragen", en: "Ask"),
        "assistant_title": Entry(de: "Fragen zu Verwaltungsleistungen", en: "Questions about public services"),
        "assistant_intro": Entry(
            de:
                "Stellen Sie Ihre Frage in eigenen Worten. Die Antwort stammt aus dem Leistungskatalog; jede Aussage nennt ihre Quelle. Wenn der Assistent nicht sicher ist, sagt er es und nennt Ihnen die Behördennummer 115.",
            en:
                "Ask your question in your own words. The answer comes from the service catalogue, and every statement names its source. When the assistant is not sure, it says so and gives you the public service number 115."
        ),
        "assistant_question": Entry(de: "Ihre Frage", en: "Your question"),
        "assistant_question_hint": Entry(
            de: "Zum Beispiel: Was kostet ein Personalausweis? Bitte keine Namen oder Adressen eingeben.",
            en: "For example: How much does a passport cost? Please do not enter names or addresses."),
        "assistant_place": Entry(de: "Ihr Wohnort oder Ihre Postleitzahl", en: "Where you live (town or postcode)"),
        "assistant_easy": Entry(de: "Antwort in Leichter Sprache", en: "Answer in easy-to-read German"),
        "assistant_submit": Entry(de: "Frage stellen", en: "Ask"),
        "assistant_answer": Entry(de: "Antwort", en: "Answer"),
        "assistant_source": Entry(de: "Quelle", en: "Source"),
        "assistant_call": Entry(de: "Anrufen:", en: "Call"),
        "assistant_local": Entry(de: "Ihre Gemeindeverwaltung:", en: "Your local administration:"),
        "assistant_related": Entry(de: "Vielleicht meinen Sie auch", en: "You may also mean"),
        "assistant_helpful": Entry(de: "War diese Antwort hilfreich?", en: "Was this answer helpful?"),
        "assistant_yes": Entry(de: "Ja", en: "Yes"),
        "assistant_no": Entry(de: "Nein", en: "No"),
        "assistant_thanks": Entry(de: "Danke für Ihre Rückmeldung", en: "Thank you for your feedback"),
        "assistant_thanks_text": Entry(
            de: "Ihre Bewertung hilft uns, die Texte zu verbessern.", en: "Your rating helps us improve the texts."),
        "assistant_error_question": Entry(
            de: "Bitte geben Sie eine Frage mit höchstens 500 Zeichen ein.",
            en: "Please enter a question of at most 500 characters."),
        "assistant_error_place": Entry(
            de:
                "Diesen Ort kennen wir in Thüringen nicht eindeutig. Bitte geben Sie den Gemeindenamen oder die Postleitzahl genauer an.",
            en:
                "We cannot match this place in Thuringia. Please give the municipality's name or postcode more precisely."
        ),
        "assistant_privacy": Entry(
            de:
                "Von Ihrer Frage speichern wir nur die Fachbegriffe und Ihre Bewertung, ein Jahr lang, um die Texte zu verbessern — keine Namen, keine Zahlen.",
            en:
                "Of your question we keep only the service terms and your rating, for one year, to improve the texts — no names, no numbers."
        ),
        "nav_municipalities": Entry(de: "Gemeinden", en: "Municipalities"),
        "nav_easy": Entry(de: "Leichte Sprache", en: "Easy-to-read German"),
        "language_switch_label": Entry(de: "Sprache wählen", en: "Choose language"),
        "footer_label": Entry(de: "Rechtliches", en: "Legal information"),
        "footer_imprint": Entry(de: "Impressum", en: "Legal notice"),
        "footer_privacy": Entry(de: "Datenschutz", en: "Privacy"),
        "footer_accessibility": Entry(de: "Barrierefreiheit", en: "Accessibility"),
        "footer_api": Entry(de: "Programmierschnittstelle (API)", en: "Programming interface (API)"),
        "footer_licence": Entry(
            de: "Amtsweg ist freie Software unter der EUPL-1.2.",
            en: "Amtsweg is free software under the EUPL-1.2."),
        "home_title": Entry(
            de: "Ihr Weg zur Verwaltung in Thüringen", en: "Your way to public administration in Thuringia"),
        "home_intro": Entry(
            de:
                "Finden Sie heraus, welche Behörde für Ihre Gemeinde zuständig ist. Geben Sie den Namen Ihrer Gemeinde oder Ihre Postleitzahl ein.",
            en:
                "Find out which authority is responsible for your municipality. Enter the name of your municipality or your postcode."
        ),
        "search_heading": Entry(de: "Gemeinde wählen", en: "Choose your municipality"),
        "search_label": Entry(de: "Gemeinde oder Postleitzahl", en: "Municipality or postcode"),
        "search_hint": Entry(de: "Zum Beispiel: Jena oder 07743", en: "For example: Jena or 07743"),
        "search_button": Entry(de: "Suchen", en: "Search"),
        "search_results_title": Entry(de: "Suchergebnisse", en: "Search results"),
        "search_results_for": Entry(de: "Ergebnisse für", en: "Results for"),
        "search_no_results": Entry(
            de:
                "Wir haben keine Gemeinde in Thüringen gefunden. Prüfen Sie die Schreibweise oder geben Sie die Postleitzahl ein.",
            en: "We found no municipality in Thuringia. Check the spelling or enter the postcode."),
        "search_postcode_several": Entry(
            de: "Diese Postleitzahl gehört zu mehreren Gemeinden. Bitte wählen Sie Ihre Gemeinde aus.",
            en: "This postcode belongs to several municipalities. Please choose your municipality."),
        "search_empty": Entry(de: "Bitte geben Sie einen Suchbegriff ein.", en: "Please enter a search term."),
        "search_too_long": Entry(
            de: "Der Suchbegriff ist zu lang. Bitte geben Sie höchstens 100 Zeichen ein.",
            en: "The search term is too long. Please enter at most 100 characters."),
        "error_summary_title": Entry(de: "Es gibt ein Problem", en: "There is a problem"),
        "popular_title": Entry(de: "Größte Städte", en: "Largest towns"),
        "easy_teaser": Entry(
            de: "Informationen in Leichter Sprache", en: "Information in easy-to-read German"),
        "municipality_kreis": Entry(de: "Landkreis", en: "District"),
        "municipality_kreisfrei": Entry(de: "Kreisfreie Stadt", en: "District-free city"),
        "municipality_ars": Entry(de: "Regionalschlüssel (ARS)", en: "Regional key (ARS)"),
        "municipality_ags": Entry(de: "Gemeindeschlüssel (AGS)", en: "Municipality key (AGS)"),
        "municipality_population": Entry(de: "Einwohner", en: "Population"),
        "municipality_postcodes": Entry(de: "Postleitzahlen", en: "Postcodes"),
        "municipality_part_of": Entry(de: "Gehört zu", en: "Part of"),
        "municipality_facts": Entry(de: "Auf einen Blick", en: "At a glance"),
        "municipality_authorities": Entry(de: "Zuständige Behörden", en: "Responsible authorities"),
        "municipality_authorities_intro": Entry(
            de: "Diese Behörden sind für Ihre Gemeinde zuständig – von der örtlichen Verwaltung bis zum Land.",
            en: "These authorities are responsible for your municipality – from the local administration to the Land."),
        "authority_address": Entry(de: "Anschrift", en: "Address"),
        "authority_contact": Entry(de: "Kontakt", en: "Contact"),
        "authority_hours": Entry(de: "Öffnungszeiten", en: "Opening hours"),
        "authority_not_recorded": Entry(
            de: "Noch nicht hinterlegt. Bitte wenden Sie sich an die Behörde.",
            en: "Not recorded yet. Please contact the authority."),
        "level_land": Entry(de: "Landesbehörde", en: "State authority"),
        "level_landkreis": Entry(de: "Landratsamt", en: "District office"),
        "level_kreisfreie-stadt": Entry(de: "Kreisfreie Stadt", en: "District-free city"),
        "level_verwaltungsgemeinschaft": Entry(de: "Verwaltungsgemeinschaft", en: "Administrative association"),
        "level_erfuellende-gemeinde": Entry(
            de: "Erfüllende Gemeinde (verwaltet auch Nachbargemeinden)",
            en: "Fulfilling municipality (also administers neighbouring municipalities)"),
        "level_gemeinde": Entry(de: "Gemeindeverwaltung", en: "Municipal administration"),
        "type_land": Entry(de: "Land", en: "State"),
        "type_landkreis": Entry(de: "Landkreis", en: "District"),
        "type_kreisfreie-stadt": Entry(de: "Kreisfreie Stadt", en: "District-free city"),
        "type_verwaltungsgemeinschaft": Entry(de: "Verwaltungsgemeinschaft", en: "Administrative association"),
        "type_erfuellende-gemeinde": Entry(de: "Erfüllende Gemeinde", en: "Fulfilling municipality"),
        "type_gemeinde": Entry(de: "Gemeinde", en: "Municipality"),
        "not_found_title": Entry(de: "Seite nicht gefunden", en: "Page not found"),
        "not_found_text": Entry(
            de:
                "Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert. Sie können auf der Startseite nach Ihrer Gemeinde suchen.",
            en:
                "This page does not exist. The address may have changed. You can search for your municipality on the home page."
        ),
        "error_title": Entry(de: "Ein Fehler ist aufgetreten", en: "Something went wrong"),
        "error_text": Entry(
            de:
                "Wir konnten Ihre Anfrage gerade nicht bearbeiten. Ihre bereits gespeicherten Daten sind nicht verloren. Bitte versuchen Sie es in einigen Minuten noch einmal.",
            en:
                "We could not process your request just now. Data you already saved is not lost. Please try again in a few minutes."
        ),
        "error_reference": Entry(de: "Fehlernummer für Rückfragen", en: "Reference for enquiries"),
        "bad_request_title": Entry(de: "Die Anfrage ist ungültig", en: "The request is invalid"),
        "too_many_title": Entry(de: "Zu viele Anfragen", en: "Too many requests"),
        "too_many_text": Entry(
            de: "Sie haben in kurzer Zeit sehr viele Anfragen gestellt. Bitte warten Sie einen Moment.",
            en: "You sent many requests in a short time. Please wait a moment."),
        "back_home": Entry(de: "Zur Startseite", en: "Go to the home page"),
        "imprint_title": Entry(de: "Impressum", en: "Legal notice"),
        "privacy_title": Entry(de: "Datenschutzerklärung", en: "Privacy notice"),
        "accessibility_title": Entry(de: "Erklärung zur Barrierefreiheit", en: "Accessibility statement"),
        "report_title": Entry(de: "Barriere melden", en: "Report a barrier"),
        "report_intro": Entry(
            de:
                "Ist Ihnen eine Barriere aufgefallen? Beschreiben Sie sie bitte. Eine E-Mail-Adresse brauchen wir nur, wenn Sie eine Antwort wünschen.",
            en:
                "Have you come across a barrier? Please describe it. We only need an e-mail address if you would like an answer."
        ),
        "report_page": Entry(de: "Auf welcher Seite? (Adresse oder Name)", en: "On which page? (address or name)"),
        "report_message": Entry(de: "Beschreibung der Barriere", en: "Description of the barrier"),
        "report_email": Entry(de: "E-Mail-Adresse (freiwillig)", en: "E-mail address (optional)"),
        "report_submit": Entry(de: "Meldung senden", en: "Send report"),
        "report_thanks_title": Entry(de: "Vielen Dank für Ihre Meldung", en: "Thank you for your report"),
        "report_thanks_text": Entry(
            de:
                "Wir haben Ihre Meldung erhalten und prüfen sie. Wenn Sie eine E-Mail-Adresse angegeben haben, antworten wir Ihnen innerhalb von sechs Wochen.",
            en:
                "We have received your report and will look into it. If you gave an e-mail address, we will answer within six weeks."
        ),
        "report_error_message": Entry(
            de: "Bitte beschreiben Sie die Barriere (höchstens 5000 Zeichen).",
            en: "Please describe the barrier (at most 5000 characters)."),
        "report_error_email": Entry(
            de:
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.org, oder lassen Sie das Feld leer.",
            en: "Please enter a valid e-mail address, for example name@example.org, or leave the field empty."),
        "report_error_page": Entry(
            de: "Die Angabe zur Seite ist zu lang (höchstens 500 Zeichen).",
            en: "The page information is too long (at most 500 characters)."),
        "csrf_failed": Entry(
            de: "Das Formular ist abgelaufen. Bitte senden Sie es noch einmal.",
            en: "The form has expired. Please send it again."),
        "optional": Entry(de: "freiwillig", en: "optional"),
        "nav_services": Entry(de: "Leistungen", en: "Services"),
        "filter_group": Entry(de: "Für wen?", en: "For whom?"),
        "filter_all": Entry(de: "Alle", en: "All"),
        "filter_citizens": Entry(de: "Bürgerinnen und Bürger", en: "Citizens"),
        "filter_companies": Entry(de: "Unternehmen", en: "Companies"),
        "filter_life_situation": Entry(de: "Lebenslage", en: "Life situation"),
        "filter_apply": Entry(de: "Filter anwenden", en: "Apply filters"),
        "life_moving": Entry(de: "Umzug", en: "Moving"),
        "life_family": Entry(de: "Familie und Kinder", en: "Family and children"),
        "life_vehicle": Entry(de: "Fahrzeug und Führerschein", en: "Vehicle and driving licence"),
        "life_work": Entry(de: "Arbeit und Unternehmen", en: "Work and business"),
        "life_building": Entry(de: "Bauen und Wohnen", en: "Building and housing"),
        "life_identity": Entry(de: "Ausweise und Dokumente", en: "ID and documents"),
        "life_social": Entry(de: "Soziale Hilfen", en: "Social benefits"),
        "life_pets": Entry(de: "Haustiere", en: "Pets"),
        "life_leisure": Entry(de: "Freizeit", en: "Leisure"),
        "life_death": Entry(de: "Todesfall", en: "Death"),
        "life_marriage": Entry(de: "Heirat", en: "Marriage"),
        "life_education": Entry(de: "Bildung", en: "Education"),
        "life_health": Entry(de: "Gesundheit und Behinderung", en: "Health and disability"),
        "services_title": Entry(de: "Leistungen von A bis Z", en: "Services from A to Z"),
        "services_search_heading": Entry(de: "Leistung suchen", en: "Find a service"),
        "services_search_label": Entry(de: "Was möchten Sie erledigen?", en: "What would you like to do?"),
        "services_search_hint": Entry(
            de: "Zum Beispiel: Auto anmelden Jena, Perso verloren, Wohngeld",
            en: "For example: register my car Jena, passport, housing benefit"),
        "services_results_for": Entry(de: "Leistungen für", en: "Services for"),
        "services_place": Entry(de: "Ort", en: "Place"),
        "services_no_results": Entry(
            de:
                "Wir haben keine passende Leistung gefunden. Versuchen Sie andere Wörter oder rufen Sie die Behördennummer 115 an.",
            en: "We found no matching service. Try other words or call the public service number 115."),
        "services_choose_place": Entry(
            de:
                "Diese Postleitzahl gehört zu mehreren Gemeinden. Wählen Sie Ihre Gemeinde, um die zuständige Stelle zu sehen:",
            en: "This postcode belongs to several municipalities. Choose yours to see the responsible office:"),
        "service_what": Entry(de: "Worum geht es?", en: "What is it about?"),
        "service_documents": Entry(de: "Erforderliche Unterlagen", en: "Documents you need"),
        "service_fees": Entry(de: "Gebühren", en: "Fees"),
        "service_deadline": Entry(de: "Fristen", en: "Deadlines"),
        "service_processing_time": Entry(de: "Bearbeitungsdauer", en: "Processing time"),
        "service_legal_basis": Entry(de: "Rechtsgrundlage", en: "Legal basis"),
        "service_trust_level": Entry(
            de: "Nötiges Vertrauensniveau für den Online-Antrag", en: "Trust level needed to apply online"),
        "service_responsible": Entry(de: "Zuständige Stelle", en: "Responsible office"),
        "service_responsible_for": Entry(de: "Zuständig für", en: "Responsible for"),
        "service_choose_municipality": Entry(
            de: "Geben Sie Ihre Gemeinde oder Postleitzahl ein, um die zuständige Stelle zu sehen.",
            en: "Enter your municipality or postcode to see the responsible office."),
        "service_easy": Entry(de: "Diese Leistung in Leichter Sprache", en: "This service in easy-to-read German"),
        "service_key": Entry(de: "Leistungsschlüssel (LeiKa)", en: "Service key (LeiKa)"),
        "fee_free": Entry(de: "Gebührenfrei", en: "Free of charge"),
        "fee_municipal": Entry(
            de: "Die Gebühr legt die zuständige Gemeinde fest. Fragen Sie dort nach.",
            en: "The fee is set by the responsible municipality. Please ask there."),
        "fee_unknown": Entry(
            de:
                "Zur Gebühr liegen uns keine gesicherten Angaben vor. Fragen Sie bitte bei der zuständigen Stelle nach.",
            en: "We have no confirmed information on the fee. Please ask the responsible office."),
        "fee_digital_discount": Entry(de: "Online-Antrag", en: "Online application"),
        "trust_low": Entry(de: "niedrig (Benutzername und Passwort)", en: "low (user name and password)"),
        "trust_substantial": Entry(de: "substanziell", en: "substantial"),
        "trust_high": Entry(de: "hoch (Online-Ausweis)", en: "high (online ID card)"),
        "error_prefix": Entry(de: "Fehler", en: "Error"),
        "yes": Entry(de: "Ja", en: "Yes"),
        "no": Entry(de: "Nein", en: "No"),
        "day": Entry(de: "Tag", en: "Day"),
        "month": Entry(de: "Monat", en: "Month"),
        "year": Entry(de: "Jahr", en: "Year"),
        "back": Entry(de: "Zurück", en: "Back"),
        "continue": Entry(de: "Weiter", en: "Continue"),
        "change": Entry(de: "Ändern", en: "Change"),
        "form_none_yet": Entry(de: "Noch keine Angaben zu „{}“.", en: "Nothing added yet for “{}”."),
        "form_remove": Entry(de: "Entfernen", en: "Remove"),
        "form_add_another": Entry(de: "„{}“ hinzufügen", en: "Add “{}”"),
        "form_choose": Entry(de: "Bitte auswählen", en: "Please choose"),
        "form_file_uploaded": Entry(
            de: "Eine Datei ist hochgeladen. Wählen Sie eine neue Datei, um sie zu ersetzen.",
            en: "A file has been uploaded. Choose a new file to replace it."),
        "form_file_attached": Entry(de: "Datei beigefügt", en: "File attached"),
        "form_step_of": Entry(de: "Schritt %d von %d", en: "Step %d of %d"),
        "apply_online": Entry(de: "Online beantragen", en: "Apply online"),
        "apply_online_choose": Entry(
            de: "Diese Leistung können Sie online beantragen. Wählen Sie dazu oben Ihren Wohnort.",
            en: "You can apply for this service online. First choose where you live above."),
        "written_form_replaced": Entry(
            de:
                "Sie haben sich mit dem Online-Ausweis auf dem Vertrauensniveau „hoch“ angemeldet. Dieser elektronisch gestellte Antrag ersetzt deshalb die gesetzlich vorgeschriebene Schriftform (elektronischer Schriftformersatz nach § 3a Abs. 2 ThürVwVfG)",
            en:
                "You logged in with your online ID card at trust level “high”. This electronic application therefore replaces the written form required by law (electronic replacement of the written form under Section 3a(2) ThürVwVfG)"
        ),
        "outbox_attachment": Entry(de: "Anhang", en: "Attachment"),
        "outbox_attachment_hint": Entry(
            de: "Eine PDF-, JPG- oder PNG-Datei, höchstens 10 MB.", en: "A PDF, JPG or PNG file, at most 10 MB."),
        "outbox_error_attachment": Entry(
            de: "Der Anhang muss eine PDF-, JPG- oder PNG-Datei mit höchstens 10 MB sein.",
            en: "The attachment must be a PDF, JPG or PNG file of at most 10 MB."),
        "apply_for": Entry(de: "Für wen stellen Sie den Antrag?", en: "Who is this application for?"),
        "apply_for_self": Entry(de: "Für mich", en: "For me"),
        "apply_for_mandate": Entry(de: "Mit Vollmacht für", en: "With a mandate for"),
        "apply_for_child": Entry(
            de: "Für mein Kind, das kein eigenes Konto hat", en: "For my child, who has no account of their own"),
        "apply_child_details": Entry(de: "Angaben zum Kind", en: "About the child"),
        "apply_child_only": Entry(de: "nur wenn Sie für Ihr Kind beantragen", en: "only if you apply for your child"),
        "apply_child_name": Entry(de: "Vor- und Familienname des Kindes", en: "The child's full name"),
        "apply_child_birth": Entry(de: "Geburtsdatum des Kindes", en: "The child's date of birth"),
        "apply_child_error_name": Entry(de: "Geben Sie den Namen des Kindes an.", en: "Enter the child's name."),
        "apply_child_error_birth": Entry(
            de: "Geben Sie ein gültiges Geburtsdatum an; das Kind muss jünger als 18 Jahre sein.",
            en: "Enter a valid date of birth; the child must be under 18."),
        "apply_for_error_mandate": Entry(de: "Wählen Sie eine gültige Vollmacht aus.", en: "Choose a valid mandate."),
        "apply_for_error_revoked": Entry(
            de:
                "Die Vollmacht, mit der Sie den Antrag begonnen haben, gilt nicht mehr. Der Antrag kann so nicht abgesendet werden.",
            en:
                "The mandate you started this application with is no longer valid. The application cannot be sent like this."
        ),
        "apply_for_on_receipt": Entry(de: "Gestellt für", en: "On behalf of"),
        "apply_submitted_by": Entry(de: "Gestellt von", en: "Submitted by"),
        "apply_for_child_short": Entry(de: "Kind, gesetzlich vertreten", en: "child, by their legal representative"),
        "apply_for_mandate_short": Entry(de: "mit Vollmacht", en: "with a mandate"),
        "apply_intro": Entry(
            de: "Sie können diesen Antrag hier online stellen. Ihre Angaben werden bei jedem Schritt gespeichert.",
            en: "You can make this application online here. Your answers are saved at every step."),
        "apply_place": Entry(de: "Ihr Wohnort", en: "Where you live"),
        "apply_authority": Entry(de: "Zuständige Behörde", en: "Responsible authority"),
        "apply_level": Entry(de: "Erforderliches Vertrauensniveau", en: "Required level of assurance"),
        "apply_anonymous": Entry(
            de:
                "Sie können den Antrag ohne Konto stellen. Sie erhalten dann einen Code, mit dem Sie später weitermachen können, und nach dem Absenden eine Eingangsbestätigung.",
            en: "You can apply without an account. You will get a code to continue later and, after sending, a receipt."
        ),
        "apply_login_needed": Entry(
            de: "Für diesen Antrag melden Sie sich an, zum Beispiel mit dem Online-Ausweis.",
            en: "For this application you need to log in, for example with your online ID card."),
        "apply_drafts": Entry(
            de: "Entwürfe werden 30 Tage aufbewahrt und danach gelöscht.",
            en: "Drafts are kept for 30 days and then deleted."),
        "apply_start": Entry(de: "Antrag starten", en: "Start application"),
        "resume_link": Entry(de: "Einen begonnenen Antrag fortsetzen", en: "Continue an application you started"),
        "resume_title": Entry(de: "Antrag fortsetzen", en: "Continue an application"),
        "resume_intro": Entry(
            de: "Geben Sie den Code ein, den Sie beim Start Ihres Antrags erhalten haben.",
            en: "Enter the code you got when you started your application."),
        "resume_code_label": Entry(de: "Ihr Code", en: "Your code"),
        "resume_code_hint": Entry(de: "Zum Beispiel K7M2-9QXD-2PVH", en: "For example K7M2-9QXD-2PVH"),
        "resume_submit": Entry(de: "Fortsetzen", en: "Continue"),
        "resume_error": Entry(
            de: "Zu diesem Code gibt es keinen Antrag. Prüfen Sie den Code; Entwürfe werden nach 30 Tagen gelöscht.",
            en: "There is no application for this code. Check the code; drafts are deleted after 30 days."),
        "resume_code_heading": Entry(de: "Später weitermachen", en: "Continue later"),
        "resume_code_text": Entry(
            de:
                "Ihre Angaben sind gespeichert. Mit diesem Code setzen Sie den Antrag fort, auch auf einem anderen Gerät:",
            en: "Your answers are saved. Use this code to continue, also on another device:"),
        "check_title": Entry(de: "Angaben prüfen", en: "Check your answers"),
        "check_nothing": Entry(de: "Keine Angaben.", en: "No answers."),
        "check_declaration": Entry(de: "Antrag absenden", en: "Send your application"),
        "check_declaration_text": Entry(
            de: "Mit dem Absenden bestätigen Sie, dass Ihre Angaben richtig und vollständig sind.",
            en: "By sending you confirm that your answers are correct and complete."),
        "check_submit": Entry(de: "Verbindlich absenden", en: "Accept and send"),
        "confirmation_title": Entry(de: "Antrag eingegangen", en: "Application received"),
        "confirmation_reference": Entry(de: "Ihr Aktenzeichen", en: "Your reference number"),
        "confirmation_service": Entry(de: "Leistung", en: "Service"),
        "confirmation_authority": Entry(de: "Zuständige Behörde", en: "Responsible authority"),
        "confirmation_time": Entry(de: "Eingegangen am", en: "Received on"),
        "confirmation_next": Entry(de: "Wie es weitergeht", en: "What happens next"),
        "confirmation_next_text": Entry(
            de:
                "Die zuständige Behörde bearbeitet Ihren Antrag. Nennen Sie bei Rückfragen Ihr Aktenzeichen. Den Bescheid erhalten Sie in Ihr Postfach oder per Post.",
            en:
                "The responsible authority will process your application. Quote your reference number if you contact them. You will get the decision in your mailbox or by post."
        ),
        "confirmation_anonymous": Entry(
            de:
                "Sie haben ohne Konto beantragt: Der Bescheid kommt per Post an die angegebene Anschrift. Speichern oder drucken Sie die Eingangsbestätigung.",
            en:
                "You applied without an account: the decision will come by post to the address you gave. Save or print the receipt."
        ),
        "receipt_link": Entry(
            de: "Eingangsbestätigung mit allen Angaben anzeigen", en: "View the receipt with all your answers"),
        "receipt_title": Entry(de: "Eingangsbestätigung", en: "Receipt"),
        "receipt_hash": Entry(de: "Prüfsumme (SHA-256)", en: "Checksum (SHA-256)"),
        "receipt_note": Entry(
            de: "Die Prüfsumme belegt, dass der Antrag nach dem Eingang nicht verändert wurde.",
            en: "The checksum shows that the application has not been changed since it was received."),
        "my_applications_title": Entry(de: "Meine Anträge", en: "My applications"),
        "pay_fee": Entry(de: "Gebühr", en: "Fee"),
        "pay_fee_heading": Entry(de: "Gebühr", en: "Fee"),
        "pay_fee_item": Entry(de: "Posten", en: "Item"),
        "pay_total": Entry(de: "Zu zahlen", en: "To pay"),
        "pay_discount": Entry(de: "Ermäßigung für digitale Antragstellung", en: "Discount for applying online"),
        "pay_amount": Entry(de: "Betrag", en: "Amount"),
        "pay_fee_basis": Entry(de: "Rechtsgrundlage der Gebühr", en: "Legal basis of the fee"),
        "pay_discount_basis": Entry(de: "Rechtsgrundlage der Ermäßigung", en: "Legal basis of the discount"),
        "pay_before_text": Entry(
            de:
                "Sie bezahlen die Gebühr vor dem Absenden. Ihr Antrag bleibt gespeichert, auch wenn die Zahlung nicht gelingt – Sie können dann später in Ihrem Konto bezahlen.",
            en:
                "You pay the fee before submitting. Your application stays saved even if the payment fails – you can then pay later from your account."
        ),
        "pay_submit": Entry(de: "Weiter zur Zahlung", en: "Continue to payment"),
        "pay_sim_title": Entry(de: "Zahlung (Simulation)", en: "Payment (simulation)"),
        "pay_sim_notice": Entry(
            de: "Dies ist ein simulierter Zahlungsanbieter zum Testen. Es wird kein echtes Geld bewegt.",
            en: "This is a simulated payment provider for testing. No real money moves."),
        "pay_sim_intro": Entry(
            de: "Wählen Sie, wie die Zahlung ausgehen soll.", en: "Choose how the payment should end."),
        "pay_sim_pay": Entry(de: "Bezahlen", en: "Pay"),
        "pay_sim_decline": Entry(de: "Zahlung ablehnen (Fehlschlag)", en: "Decline payment (failure)"),
        "pay_sim_cancel": Entry(de: "Abbrechen", en: "Cancel"),
        "pay_reference": Entry(de: "Zahlungsreferenz", en: "Payment reference"),
        "pay_purpose": Entry(de: "Verwendungszweck", en: "Purpose"),
        "pay_status": Entry(de: "Stand", en: "Status"),
        "pay_return_title": Entry(de: "Zahlung nicht abgeschlossen", en: "Payment not completed"),
        "pay_return_paid": Entry(de: "Zahlung eingegangen", en: "Payment received"),
        "pay_return_submitted": Entry(de: "Ihr Antrag wurde eingereicht.", en: "Your application has been submitted."),
        "pay_return_confirmation": Entry(de: "Zur Eingangsbestätigung", en: "To the confirmation"),
        "pay_return_failed_saved": Entry(
            de:
                "Ihr Antrag ist nicht verloren: Er bleibt gespeichert und wird eingereicht, sobald die Gebühr bezahlt ist. Sie können jetzt oder später in Ihrem Konto unter „Zahlungen“ bezahlen.",
            en:
                "Your application is not lost: it stays saved and is submitted once the fee is paid. You can pay now or later in your account under “Payments”."
        ),
        "pay_return_failed": Entry(
            de: "Die Gebühr ist noch offen. Sie können jetzt oder später in Ihrem Konto bezahlen.",
            en: "The fee is still open. You can pay now or later from your account."),
        "pay_return_open": Entry(
            de: "Die Zahlung ist noch in Bearbeitung.", en: "The payment is still being processed."),
        "pay_now": Entry(de: "Jetzt bezahlen", en: "Pay now"),
        "pay_mine_title": Entry(de: "Zahlungen", en: "Payments"),
        "pay_mine_link": Entry(de: "Zu meinen Zahlungen", en: "To my payments"),
        "pay_open": Entry(de: "Offene Zahlungen", en: "Open payments"),
        "pay_none_open": Entry(de: "Sie haben keine offenen Zahlungen.", en: "You have no open payments."),
        "pay_done": Entry(de: "Bezahlt", en: "Paid"),
        "pay_timing_before": Entry(de: "vor dem Absenden", en: "before submission"),
        "pay_timing_approval": Entry(de: "nach Bewilligung", en: "after approval"),
        "pay_status_created": Entry(de: "offen", en: "open"),
        "pay_status_pending": Entry(de: "in Bearbeitung", en: "in progress"),
        "pay_status_succeeded": Entry(de: "bezahlt", en: "paid"),
        "pay_status_failed": Entry(de: "fehlgeschlagen", en: "failed"),
        "pay_status_cancelled": Entry(de: "abgebrochen", en: "cancelled"),
        "pay_status_refunded": Entry(de: "erstattet", en: "refunded"),
        "pay_status_partiallyRefunded": Entry(de: "teilweise erstattet", en: "partly refunded"),
        "pay_staff_title": Entry(de: "Zahlungen und Abgleich", en: "Payments and reconciliation"),
        "pay_staff_intro": Entry(
            de:
                "Zahlungen und Erstattungen Ihrer Behörde im Zeitraum (Kalendertage, deutsche Zeit), als Tabelle und als CSV für die Kasse.",
            en:
                "Payments and refunds of your authority in the period (calendar days, German time), as a table and as CSV for the cash office."
        ),
        "pay_from": Entry(de: "Von", en: "From"),
        "pay_to": Entry(de: "Bis", en: "To"),
        "pay_show": Entry(de: "Anzeigen", en: "Show"),
        "pay_totals": Entry(de: "Summen", en: "Totals"),
        "pay_gross": Entry(de: "Eingänge", en: "Received"),
        "pay_refunds": Entry(de: "Erstattungen", en: "Refunds"),
        "pay_net": Entry(de: "Saldo", en: "Net"),
        "pay_csv": Entry(de: "Abgleich als CSV herunterladen", en: "Download the reconciliation as CSV"),
        "pay_rows": Entry(de: "Buchungen", en: "Entries"),
        "pay_date": Entry(de: "Datum", en: "Date"),
        "pay_kind": Entry(de: "Art", en: "Kind"),
        "pay_action": Entry(de: "Aktion", en: "Action"),
        "pay_kind_payment": Entry(de: "Zahlung", en: "Payment"),
        "pay_kind_refund": Entry(de: "Erstattung", en: "Refund"),
        "pay_refund": Entry(de: "Erstatten", en: "Refund"),
        "pay_none_period": Entry(de: "Keine Buchungen in diesem Zeitraum.", en: "No entries in this period."),
        "pay_error_period": Entry(
            de: "Geben Sie einen gültigen Zeitraum an (Von nicht nach Bis).",
            en: "Enter a valid period (From not after To)."),
        "my_drafts": Entry(de: "Begonnene Anträge", en: "Applications in progress"),
        "my_draft_expires": Entry(de: "wird gelöscht am", en: "will be deleted on"),
        "my_none": Entry(de: "Keine.", en: "None."),
        "my_submitted": Entry(de: "Abgesendete Anträge", en: "Sent applications"),
        "case_actions": Entry(de: "Bearbeiten", en: "Actions"),
        "case_applicant": Entry(de: "Antragsteller/in", en: "Applicant"),
        "case_assignee": Entry(de: "Bearbeitung durch", en: "Assigned to"),
        "case_authority": Entry(de: "Zuständige Behörde", en: "Responsible authority"),
        "case_channel_api": Entry(de: "Fachverfahren", en: "Software (API)"),
        "case_channel_counter": Entry(de: "am Schalter", en: "at the counter"),
        "case_channel_online": Entry(de: "online", en: "online"),
        "case_channel_paper": Entry(de: "auf Papier", en: "on paper"),
        "case_channel_phone": Entry(de: "telefonisch", en: "by phone"),
        "case_check_submit": Entry(de: "Prüfung speichern", en: "Save check"),
        "case_claim": Entry(de: "Vorgang übernehmen", en: "Take this case"),
        "case_close": Entry(de: "Vorgang abschließen", en: "Close the case"),
        "case_complete_no": Entry(
            de: "Unterlagen fehlen: beim Antragsteller anfordern",
            en: "Documents missing: request them from the applicant"),
        "case_complete_yes": Entry(de: "Der Antrag ist vollständig", en: "The application is complete"),
        "case_data": Entry(de: "Antragsdaten", en: "Application data"),
        "case_deadline": Entry(de: "Frist", en: "Deadline"),
        "case_decide_submit": Entry(de: "Entscheidung speichern und bekannt geben", en: "Save and notify the decision"),
        "case_decision": Entry(de: "Entscheidung", en: "Decision"),
        "case_document_add": Entry(de: "Zur Akte nehmen", en: "Add to the file"),
        "case_document_at": Entry(de: "Zeitpunkt", en: "Time"),
        "case_document_file": Entry(
            de: "Datei (PDF, JPG oder PNG, höchstens 10 MB)", en: "File (PDF, JPG or PNG, at most 10 MB)"),
        "case_document_title": Entry(de: "Bezeichnung", en: "Title"),
        "case_document_version": Entry(de: "Version", en: "Version"),
        "case_documents": Entry(de: "Dokumente der Akte", en: "Documents of the file"),
        "case_error_ars": Entry(
            de: "Geben Sie den 12-stelligen Regionalschlüssel einer Gemeinde Ihres Zuständigkeitsbereichs an.",
            en: "Enter the 12-digit regional key of a municipality your authority serves."),
        "case_error_ars_other": Entry(
            de:
                "Für diese Leistung ist in dieser Gemeinde eine andere Behörde zuständig ({}). Anträge für andere Behörden können Sie nicht erfassen.",
            en:
                "Another authority is responsible for this service in this municipality ({}). You cannot enter applications for other authorities."
        ),
        "case_error_authority": Entry(
            de: "Geben Sie die Kennung einer anderen Behörde an (zum Beispiel th-lra-16061).",
            en: "Enter the id of another authority (for example th-lra-16061)."),
        "case_error_channel": Entry(
            de: "Wählen Sie aus, wie der Antrag eingegangen ist.", en: "Choose how the application arrived."),
        "case_error_complete": Entry(
            de: "Wählen Sie aus, ob der Antrag vollständig ist.", en: "Choose whether the application is complete."),
        "case_error_days": Entry(
            de: "Geben Sie eine Frist von 7 bis 90 Tagen an.", en: "Enter a period of 7 to 90 days."),
        "case_error_file": Entry(
            de: "Wählen Sie eine PDF-, JPG- oder PNG-Datei mit höchstens 10 MB.",
            en: "Choose a PDF, JPG or PNG file of at most 10 MB."),
        "case_error_name": Entry(
            de: "Geben Sie den Namen der Antragstellerin oder des Antragstellers an.", en: "Enter the applicant’s name."
        ),
        "case_error_no_request": Entry(
            de: "Für diesen Antrag werden gerade keine Unterlagen angefordert.",
            en: "No documents are requested for this application at the moment."),
        "case_error_not_possible": Entry(
            de:
                "Dieser Schritt ist im aktuellen Stand des Vorgangs nicht möglich. Die Seite zeigt den aktuellen Stand.",
            en: "This step is not possible where the case stands now. The page shows the current state."),
        "case_error_note": Entry(
            de: "Schreiben Sie einen Vermerk (höchstens 10.000 Zeichen).",
            en: "Write a note (at most 10,000 characters)."),
        "case_error_outcome": Entry(de: "Wählen Sie die Entscheidung aus.", en: "Choose the decision."),
        "case_error_parts": Entry(
            de: "Wählen Sie aus, was die andere Behörde sehen darf.", en: "Choose what the other authority may see."),
        "case_error_reasons": Entry(
            de: "Begründen Sie die Entscheidung (§ 39 VwVfG).", en: "Give the reasons for the decision (§ 39 VwVfG)."),
        "case_error_request": Entry(
            de: "Beschreiben Sie, welche Unterlagen fehlen.", en: "Describe which documents are missing."),
        "case_error_service": Entry(de: "Wählen Sie eine Leistung aus.", en: "Choose a service."),
        "case_error_statement": Entry(
            de: "Schreiben Sie Ihre Stellungnahme (höchstens 10.000 Zeichen).",
            en: "Write your statement (at most 10,000 characters)."),
        "case_error_task": Entry(
            de: "Beschreiben Sie, worum Sie die andere Behörde bitten.",
            en: "Describe what you ask the other authority to do."),
        "case_error_too_long": Entry(
            de: "Der Text ist zu lang (höchstens 10.000 Zeichen).",
            en: "The text is too long (at most 10,000 characters)."),
        "case_error_upload": Entry(
            de: "Wählen Sie mindestens eine PDF-, JPG- oder PNG-Datei mit höchstens 10 MB.",
            en: "Choose at least one PDF, JPG or PNG file of at most 10 MB."),
        "case_event_assigned": Entry(de: "Zugewiesen", en: "Assigned"),
        "case_event_checked_complete": Entry(de: "Vollständigkeit bestätigt", en: "Completeness confirmed"),
        "case_event_closed": Entry(de: "Abgeschlossen", en: "Closed"),
        "case_event_decided": Entry(de: "Entschieden und bekannt gegeben", en: "Decided and notified"),
        "case_event_documents_deadline_passed": Entry(
            de: "Frist für Unterlagen abgelaufen", en: "Deadline for documents passed"),
        "case_event_documents_received": Entry(de: "Unterlagen nachgereicht", en: "Documents received"),
        "case_event_documents_requested": Entry(de: "Unterlagen angefordert", en: "Documents requested"),
        "case_event_note": Entry(de: "Vermerk", en: "Note"),
        "case_event_received": Entry(de: "Eingegangen", en: "Received"),
        "case_event_reminder_sent": Entry(de: "Erinnerung gesendet", en: "Reminder sent"),
        "case_event_shared": Entry(de: "Behörde beteiligt", en: "Authority involved"),
        "case_event_statement": Entry(de: "Stellungnahme eingegangen", en: "Statement received"),
        "case_export": Entry(de: "Vorgang als ZIP exportieren", en: "Export the case as ZIP"),
        "case_file": Entry(de: "Akte", en: "File"),
        "case_history": Entry(de: "Verlauf", en: "History"),
        "case_intake_ars": Entry(
            de: "Regionalschlüssel der Wohnortgemeinde (12 Ziffern)",
            en: "Regional key of the home municipality (12 digits)"),
        "case_intake_back": Entry(de: "Angaben zum Eingang ändern", en: "Change how and for whom it arrived"),
        "case_intake_channel": Entry(de: "Wie ist der Antrag eingegangen?", en: "How did the application arrive?"),
        "case_intake_channel_short": Entry(de: "Eingang", en: "Arrived"),
        "case_intake_form_intro": Entry(
            de:
                "Übertragen Sie die Angaben aus dem Antrag oder dem Gespräch in das Formular der Leistung. Sie werden geprüft wie bei einem Online-Antrag; gespeichert wird, dass Sie sie erfasst haben.",
            en:
                "Copy the answers from the application or the conversation into the service’s form. They are checked as in an online application; that you entered them is recorded."
        ),
        "case_intake_form_title": Entry(de: "Angaben des Antrags erfassen", en: "Enter the application’s answers"),
        "case_intake_intro": Entry(
            de:
                "Erfassen Sie einen Antrag, der auf Papier, am Telefon oder am Schalter eingegangen ist. Er wird ein Vorgang wie jeder Online-Antrag; die Erfassung durch Sie wird vermerkt. Hat die Leistung ein Online-Formular, erfassen Sie im nächsten Schritt dessen Angaben.",
            en:
                "Enter an application that arrived on paper, by phone or at the counter. It becomes a case like every online application; that you entered it is recorded. If the service has an online form, you enter its answers in the next step."
        ),
        "case_intake_next": Entry(de: "Weiter", en: "Continue"),
        "case_intake_place": Entry(de: "Wohnortgemeinde", en: "Home municipality"),
        "case_intake_scan": Entry(de: "Scan des Antrags", en: "Scan of the application"),
        "case_intake_step2": Entry(de: "Schritt 2 von 2", en: "Step 2 of 2"),
        "case_intake_submit": Entry(de: "Vorgang anlegen", en: "Create the case"),
        "case_intake_title": Entry(de: "Antrag erfassen", en: "Enter an application"),
        "case_involve": Entry(de: "Andere Behörde beteiligen", en: "Involve another authority"),
        "case_involve_authority": Entry(de: "Kennung der Behörde", en: "Authority id"),
        "case_involve_parts": Entry(de: "Was darf die Behörde sehen?", en: "What may the authority see?"),
        "case_involve_submit": Entry(de: "Beteiligen", en: "Involve"),
        "case_involve_task": Entry(de: "Bitte an die Behörde", en: "Request to the authority"),
        "case_involvement": Entry(de: "Ihre Beteiligung", en: "Your involvement"),
        "case_no_documents": Entry(
            de: "Die Akte enthält noch keine Dokumente.", en: "The file holds no documents yet."),
        "case_note": Entry(de: "Vermerk", en: "Note"),
        "case_note_add": Entry(de: "Vermerk speichern", en: "Save note"),
        "case_note_text": Entry(de: "Vermerk", en: "Note"),
        "case_number": Entry(de: "Aktenzeichen", en: "Case number"),
        "case_open_tasks": Entry(de: "Offene Schritte", en: "Open steps"),
        "case_outcome_approved": Entry(de: "Stattgegeben", en: "Approved"),
        "case_outcome_partly_approved": Entry(de: "Teilweise stattgegeben", en: "Partly approved"),
        "case_outcome_rejected": Entry(de: "Abgelehnt", en: "Rejected"),
        "case_public_assigned": Entry(
            de: "Eine Sachbearbeiterin oder ein Sachbearbeiter kümmert sich um Ihren Antrag.",
            en: "A clerk is looking after your application."),
        "case_public_checked_complete": Entry(de: "Ihr Antrag ist vollständig.", en: "Your application is complete."),
        "case_public_closed": Entry(de: "Der Vorgang ist abgeschlossen.", en: "The case is closed."),
        "case_public_decided": Entry(
            de: "Über Ihren Antrag wurde entschieden. Die Entscheidung ist in Ihrem Postfach.",
            en: "Your application has been decided. The decision is in your mailbox."),
        "case_public_documents_deadline_passed": Entry(
            de: "Die Frist für die Unterlagen ist abgelaufen. Wir entscheiden nach Aktenlage.",
            en: "The deadline for the documents has passed. We decide on the documents we have."),
        "case_public_documents_received": Entry(
            de: "Ihre Unterlagen sind eingegangen.", en: "Your documents have arrived."),
        "case_public_documents_requested": Entry(
            de: "Wir brauchen noch Unterlagen von Ihnen.", en: "We need more documents from you."),
        "case_public_note": Entry(de: "Notiz", en: "Note"),
        "case_public_received": Entry(de: "Ihr Antrag ist eingegangen.", en: "Your application has arrived."),
        "case_public_reminder_sent": Entry(
            de: "Wir haben Sie an die Unterlagen erinnert.", en: "We reminded you of the documents."),
        "case_public_shared": Entry(de: "Eine andere Behörde wurde beteiligt.", en: "Another authority was involved."),
        "case_public_statement": Entry(
            de: "Die beteiligte Behörde hat geantwortet.", en: "The involved authority has answered."),
        "case_reasons": Entry(de: "Begründung", en: "Reasons"),
        "case_received": Entry(de: "Eingang", en: "Received"),
        "case_request_days": Entry(de: "Frist in Tagen (7 bis 90)", en: "Period in days (7 to 90)"),
        "case_request_text": Entry(de: "Welche Unterlagen fehlen?", en: "Which documents are missing?"),
        "case_request_when": Entry(de: "nur wenn Unterlagen fehlen", en: "only if documents are missing"),
        "case_service": Entry(de: "Leistung", en: "Service"),
        "case_share_answered": Entry(de: "beantwortet", en: "answered"),
        "case_share_open": Entry(de: "offen", en: "open"),
        "case_statement": Entry(de: "Stellungnahme", en: "Statement"),
        "case_statement_submit": Entry(de: "Stellungnahme senden", en: "Send statement"),
        "case_status": Entry(de: "Stand", en: "Status"),
        "case_status_awaiting_applicant": Entry(de: "Unterlagen angefordert", en: "Documents requested"),
        "case_status_closed": Entry(de: "Abgeschlossen", en: "Closed"),
        "case_status_decided": Entry(de: "Entschieden", en: "Decided"),
        "case_status_help_awaiting_applicant": Entry(
            de: "Wir brauchen noch Unterlagen von Ihnen. Bitte laden Sie sie unten hoch.",
            en: "We need more documents from you. Please upload them below."),
        "case_status_help_closed": Entry(
            de: "Der Vorgang ist abgeschlossen. Sie müssen nichts mehr tun.",
            en: "The case is closed. You need not do anything more."),
        "case_status_help_decided": Entry(
            de: "Über Ihren Antrag wurde entschieden. Sie finden die Entscheidung in Ihrem Postfach.",
            en: "Your application has been decided. You find the decision in your mailbox."),
        "case_status_help_in_review": Entry(
            de: "Ihr Antrag wird bearbeitet. Sie müssen gerade nichts tun.",
            en: "Your application is being processed. You need not do anything now."),
        "case_status_help_received": Entry(
            de: "Ihr Antrag ist eingegangen und wird bald geprüft. Sie müssen gerade nichts tun.",
            en: "Your application has arrived and will be checked soon. You need not do anything now."),
        "case_status_in_review": Entry(de: "In Bearbeitung", en: "Being processed"),
        "case_status_received": Entry(de: "Eingegangen", en: "Received"),
        "case_task_awaitDocuments": Entry(de: "Unterlagen abwarten", en: "Wait for documents"),
        "case_task_check": Entry(de: "Vollständigkeit prüfen", en: "Check completeness"),
        "case_task_close": Entry(de: "Abschließen", en: "Close"),
        "case_task_decide": Entry(de: "Entscheiden", en: "Decide"),
        "case_title": Entry(de: "Vorgang", en: "Case"),
        "case_until": Entry(de: "Frist bis", en: "Due by"),
        "case_waiting_for": Entry(de: "Angefordert", en: "Requested"),
        "cases_empty": Entry(de: "Keine Vorgänge für diese Auswahl.", en: "No cases for this selection."),
        "cases_filter_all_services": Entry(de: "Alle Leistungen", en: "All services"),
        "cases_filter_anyone": Entry(de: "Alle", en: "Anyone"),
        "cases_filter_apply": Entry(de: "Anzeigen", en: "Show"),
        "cases_filter_assignee": Entry(de: "Bearbeitung durch", en: "Assigned to"),
        "cases_filter_label": Entry(de: "Vorgänge filtern", en: "Filter cases"),
        "cases_filter_me": Entry(de: "Mir", en: "Me"),
        "cases_filter_none": Entry(de: "Niemandem zugewiesen", en: "Unassigned"),
        "cases_filter_overdue": Entry(de: "Nur Vorgänge über der Frist", en: "Only cases past their deadline"),
        "cases_filter_service": Entry(de: "Leistung", en: "Service"),
        "cases_filter_status": Entry(de: "Stand", en: "Status"),
        "cases_filter_status_awaiting_applicant": Entry(de: "Unterlagen angefordert", en: "Documents requested"),
        "cases_filter_status_closed": Entry(de: "Abgeschlossen", en: "Closed"),
        "cases_filter_status_decided": Entry(de: "Entschieden", en: "Decided"),
        "cases_filter_status_in_review": Entry(de: "In Bearbeitung", en: "Being processed"),
        "cases_filter_status_open": Entry(de: "Alle offenen", en: "All open"),
        "cases_filter_status_received": Entry(de: "Eingegangen", en: "Received"),
        "cases_first_page": Entry(de: "Erste Seite", en: "First page"),
        "cases_inbox_caption": Entry(de: "Vorgänge", en: "Cases"),
        "cases_inbox_title": Entry(de: "Vorgänge", en: "Cases"),
        "cases_involvements_empty": Entry(
            de: "Ihre Behörde ist an keinem Vorgang beteiligt.", en: "Your authority is not involved in any case."),
        "cases_involvements_title": Entry(de: "Beteiligungen", en: "Involvements"),
        "cases_next_page": Entry(de: "Nächste Seite", en: "Next page"),
        "cases_overdue": Entry(de: "Frist überschritten", en: "Overdue"),
        "cases_pages": Entry(de: "Seiten", en: "Pages"),
        "cases_sort": Entry(de: "Sortierung", en: "Sort by"),
        "cases_sort_deadline": Entry(de: "Nächste Frist zuerst", en: "Nearest deadline first"),
        "cases_sort_newest": Entry(de: "Neueste zuerst", en: "Newest first"),
        "cases_sort_oldest": Entry(de: "Älteste zuerst", en: "Oldest first"),
        "cases_unassigned": Entry(de: "niemand", en: "nobody"),
        "my_case_action_needed": Entry(de: "Sie sind gefragt", en: "Action needed"),
        "my_case_automated": Entry(
            de:
                "Diese Entscheidung wurde automatisch getroffen. Sie können verlangen, dass ein Mensch sie prüft, und Widerspruch erheben.",
            en: "This decision was made automatically. You can ask for a person to review it and you can object."),
        "my_case_documents": Entry(de: "Ihre nachgereichten Unterlagen", en: "Documents you sent"),
        "my_case_mailbox": Entry(de: "Zum Postfach", en: "Go to the mailbox"),
        "my_case_request": Entry(de: "Bitte reichen Sie Unterlagen nach", en: "Please send documents"),
        "my_case_timeline": Entry(de: "Was bisher geschah", en: "What has happened so far"),
        "my_case_upload": Entry(de: "Unterlagen", en: "Documents"),
        "my_case_upload_hint": Entry(
            de: "PDF, JPG oder PNG, je Datei höchstens 10 MB. Sie können mehrere Dateien auswählen.",
            en: "PDF, JPG or PNG, at most 10 MB per file. You can choose several files."),
        "my_case_upload_submit": Entry(de: "Unterlagen senden", en: "Send documents"),
        "my_cases_title": Entry(de: "Meine Vorgänge", en: "My cases"),
        "mailbox_open_case": Entry(de: "Zum Vorgang", en: "Go to the case"),
        "case_attachment": Entry(de: "Anlage zum Antrag", en: "Attachment of the application"),
        "case_assign_to": Entry(de: "Zuweisen an", en: "Assign to"),
        "case_assign": Entry(de: "Zuweisen", en: "Assign"),
        "case_messages": Entry(de: "Nachrichten", en: "Messages"),
        "case_message_sent": Entry(de: "an die Antragstellerin oder den Antragsteller", en: "to the applicant"),
        "case_message_reply": Entry(de: "Antwort", en: "reply"),
        "wg_abzuege": Entry(de: "Was wird vom Einkommen gezahlt?", en: "What is paid from the income?"),
        "wg_alleinerziehend": Entry(
            de: "Ich lebe allein mit meinen Kindern (mindestens ein Kind unter 18)",
            en: "I live alone with my children (at least one under 18)"),
        "wg_apply": Entry(de: "Wohngeld jetzt beantragen", en: "Apply for housing benefit now"),
        "wg_besonders": Entry(de: "Besondere Umstände", en: "Special circumstances"),
        "wg_choose": Entry(de: "Bitte wählen", en: "Please choose"),
        "wg_einkommen": Entry(
            de: "Einkommen aller Personen im Haushalt im Jahr in Euro",
            en: "Yearly income of everyone in the household in euros"),
        "wg_einkommen_hint": Entry(
            de:
                "Brutto, nach Abzug der Werbungskosten (zum Beispiel 1.230 Euro Arbeitnehmer-Pauschbetrag je Person mit Lohn)",
            en: "Gross, after work-related expenses (for example the 1,230 euro employee allowance per earner)"),
        "wg_error_einkommen": Entry(
            de: "Geben Sie das Jahreseinkommen als Betrag in Euro an (0, wenn keins).",
            en: "Enter the yearly income as an amount in euros (0 if none)."),
        "wg_error_gemeinde": Entry(de: "Wählen Sie Ihren Wohnort aus.", en: "Choose your municipality."),
        "wg_error_miete": Entry(
            de: "Geben Sie die Miete als Betrag in Euro an, zum Beispiel 620,50.",
            en: "Enter the rent as an amount in euros, for example 620.50."),
        "wg_error_personen": Entry(de: "Geben Sie eine Zahl von 1 bis 20 an.", en: "Enter a number from 1 to 20."),
        "wg_estimate_note": Entry(
            de: "Das ist eine unverbindliche Schätzung. Über Ihren Antrag entscheidet die Wohngeldbehörde.",
            en: "This is a non-binding estimate. The housing benefit office decides on your application."),
        "wg_gemeinde": Entry(de: "Wohnort (Gemeinde)", en: "Place of residence (municipality)"),
        "wg_intro": Entry(
            de:
                "Schätzen Sie, ob und wie viel Wohngeld Ihnen zusteht, bevor Sie einen Antrag stellen. Sie müssen sich nicht anmelden; nichts wird gespeichert.",
            en:
                "Estimate whether and how much housing benefit (Wohngeld) you may get before you apply. No login; nothing is stored."
        ),
        "wg_kv": Entry(
            de: "Beiträge zur Kranken- und Pflegeversicherung", en: "Health and long-term care insurance contributions"),
        "wg_miete": Entry(
            de: "Monatliche Miete ohne Heizkosten (Bruttokaltmiete) in Euro",
            en: "Monthly rent without heating (gross cold rent) in euros"),
        "wg_miete_hint": Entry(
            de: "Miete mit Nebenkosten, aber ohne Heizung und Warmwasser, zum Beispiel 620,50",
            en: "Rent including service charges but without heating and hot water, for example 620.50"),
        "wg_mietstufe": Entry(de: "Mietstufe Ihres Wohnorts", en: "Rent level of your municipality"),
        "wg_per_month": Entry(de: "Wohngeld im Monat (geschätzt)", en: "housing benefit per month (estimate)"),
        "wg_personen": Entry(de: "Personen im Haushalt", en: "People in the household"),
        "wg_result": Entry(de: "Ergebnis", en: "Result"),
        "wg_rv": Entry(de: "Beiträge zur Rentenversicherung", en: "Pension insurance contributions"),
        "wg_schwerbehindert": Entry(
            de: "Im Haushalt lebt eine schwerbehinderte Person (Grad der Behinderung 100 oder pflegebedürftig)",
            en: "A severely disabled person lives in the household (degree 100 or in need of care)"),
        "wg_steuern": Entry(de: "Steuern vom Einkommen", en: "Income tax"),
        "wg_submit": Entry(de: "Wohngeld berechnen", en: "Calculate"),
        "wg_title": Entry(de: "Wohngeldrechner", en: "Housing benefit calculator"),
        "wg_trace": Entry(de: "So wurde gerechnet", en: "How it was calculated"),
        "wg_trace_amount": Entry(de: "Betrag", en: "Amount"),
        "wg_trace_norm": Entry(de: "Vorschrift", en: "Legal basis"),
        "wg_trace_value": Entry(de: "Wert", en: "Value"),
        "nv_authority": Entry(de: "Erlassen von", en: "Issued by"),
        "nv_by_number": Entry(de: "Nach Bescheidnummer suchen", en: "Look up a notice number"),
        "nv_error_file": Entry(de: "Wählen Sie die PDF-Datei des Bescheids aus.", en: "Choose the notice’s PDF file."),
        "nv_file": Entry(de: "Bescheid als PDF-Datei", en: "The notice as a PDF file"),
        "nv_genuine": Entry(de: "Der Bescheid ist echt und unverändert.", en: "The notice is genuine and unchanged."),
        "nv_intro": Entry(
            de:
                "Prüfen Sie, ob ein Bescheid echt ist: Laden Sie die PDF-Datei hoch. Das Siegel der Behörde und unser Verzeichnis der erlassenen Bescheide sagen, ob er unverändert ist. Die Datei wird nicht gespeichert.",
            en:
                "Check whether a notice is genuine: upload the PDF file. The authority’s seal and our register of issued notices tell whether it is unchanged. The file is not stored."
        ),
        "nv_issued": Entry(de: "Erlassen am", en: "Issued on"),
        "nv_lookup": Entry(de: "Suchen", en: "Look up"),
        "nv_not_genuine": Entry(
            de: "Der Bescheid ist nicht echt oder wurde verändert.", en: "The notice is not genuine or was changed."),
        "nv_not_genuine_help": Entry(
            de:
                "Das Siegel passt nicht zum Inhalt, oder die Datei ist kein von uns erlassener Bescheid. Wenden Sie sich an die Behörde, die ihn erlassen haben soll.",
            en:
                "The seal does not match the content, or the file is not a notice we issued. Contact the authority that is said to have issued it."
        ),
        "nv_number": Entry(de: "Bescheidnummer", en: "Notice number"),
        "nv_number_hint": Entry(
            de: "Ob eine Kopie unverändert ist, zeigt nur die Prüfung der Datei.",
            en: "Only checking the file tells whether a copy is unchanged."),
        "nv_submit": Entry(de: "Bescheid prüfen", en: "Check the notice"),
        "nv_title": Entry(de: "Bescheid prüfen", en: "Check a notice"),
        "nv_unknown_number": Entry(
            de: "Unter dieser Nummer ist kein Bescheid erlassen worden.", en: "No notice was issued under this number."),
        "case_decided_automatically": Entry(de: "automatisch entschieden", en: "decided automatically"),
        "case_error_sample": Entry(de: "Wählen Sie aus, ob Sie zustimmen.", en: "Choose whether you agree."),
        "case_error_sample_reason": Entry(
            de: "Begründen Sie, warum die Entscheidung falsch ist.", en: "Say why the decision is wrong."),
        "case_event_decided_automatically": Entry(de: "Automatisch entschieden", en: "Decided automatically"),
        "case_event_proposal": Entry(
            de: "Vorschlag der Regeln (an Sachbearbeitung)", en: "Proposal of the rules (to a clerk)"),
        "case_event_sample_agreed": Entry(de: "Stichprobe: zugestimmt", en: "Sample check: agreed"),
        "case_event_sample_disagreed": Entry(de: "Stichprobe: nicht zugestimmt", en: "Sample check: disagreed"),
        "case_event_sample_drawn": Entry(de: "Für die Stichprobe gezogen", en: "Drawn for the sample check"),
        "case_proposal": Entry(de: "Vorschlag der Regeln", en: "Proposal of the rules"),
        "case_proposal_judgement": Entry(de: "Hier muss ein Mensch entscheiden:", en: "A person must decide here:"),
        "case_sample_agree": Entry(de: "Ja, die Entscheidung ist richtig", en: "Yes, the decision is right"),
        "case_sample_check": Entry(
            de: "Stichprobe: Stimmen Sie der automatischen Entscheidung zu?",
            en: "Sample check: do you agree with the automatic decision?"),
        "case_sample_disagree": Entry(de: "Nein, die Entscheidung ist falsch", en: "No, the decision is wrong"),
        "case_sample_reason": Entry(de: "Begründung (bei Nein erforderlich)", en: "Reason (required for no)"),
        "case_sample_submit": Entry(de: "Prüfung speichern", en: "Save check"),
        "case_task_sampleCheck": Entry(de: "Stichprobe prüfen", en: "Sample check"),
        "case_task_sampleCheckAfter": Entry(de: "Stichprobe prüfen (nach Versand)", en: "Sample check (after release)"),
        "cases_samples_checked": Entry(de: "geprüft", en: "checked"),
        "cases_samples_disagreed": Entry(de: "nicht zugestimmt", en: "disagreed"),
        "cases_samples_intro": Entry(
            de:
                "Automatische Entscheidungen, die zufällig zur Prüfung durch eine zweite Person gezogen wurden, und wie oft die Prüfung nicht zustimmte.",
            en: "Automatic decisions drawn at random for a check by a second person, and how often the check disagreed."
        ),
        "cases_samples_none": Entry(de: "Noch keine Stichproben.", en: "No sample checks yet."),
        "cases_samples_open": Entry(de: "offen", en: "open"),
        "cases_samples_rate": Entry(de: "Abweichungsquote", en: "Disagreement rate"),
        "cases_samples_title": Entry(de: "Stichproben", en: "Sample checks"),
        "inbox_title": Entry(de: "Posteingang Anträge", en: "Applications inbox"),
        "inbox_intro": Entry(
            de: "Eingegangene Anträge, für die Ihre Behörde zuständig ist.",
            en: "Applications received for which your authority is responsible."),
        "inbox_empty": Entry(de: "Keine Anträge eingegangen.", en: "No applications received."),
        "inbox_intact": Entry(de: "unverändert", en: "unchanged"),
        "inbox_tampered": Entry(de: "Prüfsumme stimmt nicht", en: "checksum does not match"),
        "inbox_events": Entry(de: "Verlauf", en: "History"),
        "level_low": Entry(de: "niedrig", en: "low"),
        "level_substantial": Entry(de: "substanziell", en: "substantial"),
        "level_high": Entry(de: "hoch", en: "high"),
        // Once-only: consent step, prefill notes, data-protection cockpit, clerk retrieval.
        "consent_title": Entry(de: "Daten aus Registern übernehmen?", en: "Use data from registers?"),
        "consent_intro": Entry(
            de:
                "Wir können Angaben für Ihren Antrag direkt bei den zuständigen Registern abrufen. Sie müssen sie dann nicht selbst eintragen. Vorher sehen Sie hier, was wir wo und wofür abfragen würden.",
            en:
                "We can retrieve details for your application directly from the registers, so you need not enter them yourself. Here you see beforehand what we would ask, where, and why."
        ),
        "consent_service": Entry(de: "Leistung", en: "Service"),
        "consent_purpose": Entry(de: "Zweck", en: "Purpose"),
        "consent_caption": Entry(de: "Was abgefragt würde", en: "What would be requested"),
        "consent_register": Entry(de: "Register (Stelle)", en: "Register (keeper)"),
        "consent_categories": Entry(de: "Daten", en: "Data"),
        "consent_legal_basis": Entry(de: "Rechtsgrundlage", en: "Legal basis"),
        "consent_done": Entry(de: "bereits abgerufen", en: "already retrieved"),
        "consent_voluntary": Entry(
            de:
                "Die Einwilligung ist freiwillig. Wenn Sie ablehnen, füllen Sie das Formular selbst aus – Ihr Antrag wird genauso bearbeitet. Jeder Abruf erscheint in Ihrem Konto unter „Datenschutz-Cockpit“.",
            en:
                "Consent is voluntary. If you decline, you fill in the form yourself – your application is processed just the same. Every retrieval appears in your account under “Data protection cockpit”."
        ),
        "consent_agree": Entry(de: "Zustimmen und Daten abrufen", en: "Agree and retrieve the data"),
        "consent_manual": Entry(de: "Ablehnen und selbst ausfüllen", en: "Decline and fill in myself"),
        "consent_retry": Entry(de: "Erneut versuchen", en: "Try again"),
        "consent_failed": Entry(
            de: "Ein Register hat nicht oder nicht rechtzeitig geantwortet.",
            en: "A register did not answer, or not in time."),
        "consent_failed_kept": Entry(
            de:
                "Ihr Entwurf ist gespeichert, nichts ist verloren. Sie können es erneut versuchen oder die Angaben selbst eintragen.",
            en: "Your draft is saved, nothing is lost. You can try again or enter the details yourself."),
        "consent_error_unavailable": Entry(
            de:
                "Das Register ist gerade nicht erreichbar. Versuchen Sie es erneut oder füllen Sie das Formular selbst aus.",
            en: "The register cannot be reached right now. Try again or fill in the form yourself."),
        "consent_no_identity": Entry(
            de: "Mit Ihrer Anmeldung können wir die Register nicht abfragen. Bitte füllen Sie das Formular selbst aus.",
            en: "With your login we cannot ask the registers. Please fill in the form yourself."),
        "prefill_from_register": Entry(de: "Übernommen aus Register: {}", en: "Taken from register: {}"),
        "prefill_self_declared": Entry(
            de: "Von Ihnen geändert (eigene Angabe, wird geprüft)",
            en: "Changed by you (your own statement, will be checked)"),
        "cockpit_title": Entry(de: "Datenschutz-Cockpit", en: "Data protection cockpit"),
        "cockpit_intro": Entry(
            de:
                "Hier sehen Sie jeden Abruf von Daten über Sie aus einem Register: wer, wann, welches Register, welche Daten, wofür und auf welcher Rechtsgrundlage. Die Einträge werden zwei Jahre aufbewahrt und dann gelöscht.",
            en:
                "Here you see every retrieval of data about you from a register: who, when, which register, which data, what for and on which legal basis. Entries are kept for two years and then deleted."
        ),
        "cockpit_filter_label": Entry(de: "Abrufe filtern", en: "Filter retrievals"),
        "cockpit_from": Entry(de: "Von (Datum)", en: "From (date)"),
        "cockpit_to": Entry(de: "Bis (Datum)", en: "To (date)"),
        "cockpit_authority": Entry(de: "Behörde", en: "Authority"),
        "cockpit_all_authorities": Entry(de: "Alle Behörden", en: "All authorities"),
        "cockpit_apply": Entry(de: "Filtern", en: "Filter"),
        "cockpit_caption": Entry(de: "Datenabrufe, neueste zuerst", en: "Data retrievals, newest first"),
        "cockpit_when": Entry(de: "Wann", en: "When"),
        "cockpit_who": Entry(de: "Wer", en: "Who"),
        "cockpit_clerk": Entry(de: "Sachbearbeitung", en: "Clerk"),
        "cockpit_register": Entry(de: "Register", en: "Register"),
        "cockpit_categories": Entry(de: "Daten", en: "Data"),
        "cockpit_service": Entry(de: "Leistung, Vorgang", en: "Service, case"),
        "cockpit_case": Entry(de: "Vorgang", en: "Case"),
        "cockpit_purpose": Entry(de: "Zweck", en: "Purpose"),
        "cockpit_legal_basis": Entry(de: "Rechtsgrundlage", en: "Legal basis"),
        "cockpit_empty": Entry(de: "Keine Abrufe gefunden.", en: "No retrievals found."),
        "cockpit_download": Entry(
            de: "Alle Abrufe als JSON herunterladen (Auskunft nach Art. 15 DSGVO)",
            en: "Download all retrievals as JSON (access under Art. 15 GDPR)"),
        "cockpit_retention": Entry(
            de: "Das Protokoll ist fälschungssicher verkettet und wird nach zwei Jahren gelöscht.",
            en: "The log is chained against tampering and deleted after two years."),
        "cockpit_error_date": Entry(
            de: "Geben Sie ein Datum wie 2026-03-01 ein.", en: "Enter a date such as 2026-03-01."),
        "case_register_query": Entry(de: "Melderegister abfragen", en: "Query the resident register"),
        "case_register_hint": Entry(
            de:
                "Zweck: Prüfung im Verwaltungsverfahren; die antragstellende Person sieht den Abruf in ihrem Datenschutz-Cockpit.",
            en:
                "Purpose: examination in the administrative procedure; the applicant sees the retrieval in their data protection cockpit."
        ),
        "case_register_result_title": Entry(de: "Auskunft aus dem Melderegister", en: "Resident register information"),
        "case_register_result_caption": Entry(de: "Übermittelte Daten", en: "Data transmitted"),
        "case_register_field": Entry(de: "Angabe", en: "Item"),
        "case_register_value": Entry(de: "Wert", en: "Value"),
        "case_register_logged": Entry(
            de:
                "Die Daten werden nicht gespeichert. Der Abruf ist protokolliert und für die betroffene Person in ihrem Datenschutz-Cockpit sichtbar.",
            en:
                "The data are not stored. The retrieval is logged and visible to the person concerned in their data protection cockpit."
        ),
        "evidence_person_familienname": Entry(de: "Familienname", en: "Family name"),
        "evidence_person_vorname": Entry(de: "Vornamen", en: "Given names"),
        "evidence_person_geburtsname": Entry(de: "Geburtsname", en: "Birth name"),
        "evidence_person_geburtsdatum": Entry(de: "Geburtsdatum", en: "Date of birth"),
        "evidence_person_geburtsort": Entry(de: "Geburtsort", en: "Place of birth"),
        "evidence_address_strasse": Entry(de: "Straße", en: "Street"),
        "evidence_address_hausnummer": Entry(de: "Hausnummer", en: "House number"),
        "evidence_address_hausnummerzusatz": Entry(de: "Hausnummerzusatz", en: "House number suffix"),
        "evidence_address_plz": Entry(de: "Postleitzahl", en: "Postcode"),
        "evidence_address_ort": Entry(de: "Ort", en: "Town"),
        "evidence_address_ars": Entry(de: "Regionalschlüssel", en: "Regional key"),
        "evidence_address_einzugsdatum": Entry(de: "Eingezogen am", en: "Moved in on"),
        "evidence_household": Entry(de: "Haushaltsmitglied", en: "Household member"),
        "evidence_household_familienname": Entry(de: "Familienname", en: "Family name"),
        "evidence_household_vorname": Entry(de: "Vornamen", en: "Given names"),
        "evidence_household_geburtsdatum": Entry(de: "Geburtsdatum", en: "Date of birth"),
        "evidence_household_beziehung": Entry(de: "Beziehung", en: "Relation"),
        "case_register_error": Entry(
            de: "Das Melderegister konnte nicht abgefragt werden. Versuchen Sie es später erneut.",
            en: "The resident register could not be queried. Try again later."),
    ]
}
