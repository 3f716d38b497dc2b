"""Case processing in a real browser, played as the people involved would play it.

Erika Mustermann signs in with the Test-eID (so her case has a mailbox) and applies for the
parking permit in Jena; the application becomes a case of the Stadtverwaltung Jena
(th-stadt-16053). The demo clerk of that authority signs in with password and TOTP, finds the
case in the inbox, takes it and asks for a document. Erika opens the message "Unterlagen fehlen:
…" in her mailbox, follows "Zum Vorgang" and uploads a PDF. The clerk sees it in the file,
confirms completeness, approves and closes the case; Erika sees the status, the decision and the
message "Entscheidung zu Ihrem Antrag …". The clerk inbox and the applicant's case page are also
checked in English.

Error states on the case view: the completeness check without a choice, "Unterlagen fehlen" with
an empty request, and the decision without an outcome each answer 422 with an error summary
(role=alert) whose link leads to the input, which is aria-invalid (the fieldset, for radios) and
described by its inline error (`Walk.check_errors` from test_applications).

Two browsers, so two sets of cookies: the session's `browser` for Erika, a second one for the
clerk. Every page on the way, error states included, passes axe-core (WCAG 2.1 AA) with 0
violations and has one <h1>, the landmarks, the right `lang`, no duplicate ids and no unlabelled
form control (`Walk.check`). Findings are collected and reported together at the end; a step
that makes the rest of the story impossible fails at once.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

import webaudit
from test_applications import (  # noqa: F401 - pdf_file is a fixture used below
    CONSENT, JENA, PARKING, PLATE, Walk, clear_cookies, confirmation_and_receipt, parking_person, pdf_file, step,
)
from test_staff import totp

REQUEST_TEXT = "Bitte laden Sie den Fahrzeugschein hoch."
REASONS = "Sie wohnen im Bewohnerparkgebiet und das Fahrzeug ist auf Sie zugelassen."
AWAITING = {"de": "Unterlagen angefordert", "en": "Documents requested"}


class CaseWalk(Walk):
    """Walk, with one difference in English: downloads (files of the case, the export ZIP) need
    no lang=en, and a GET form keeps the language with a hidden `lang=en` input instead of its
    action."""

    def check(self, label: str, status: int = 200) -> None:
        before = len(self.findings)
        super().check(label, status)
        if self.lang != "en":
            return
        marker = f"  {label}: English page whose links/forms lose lang=en"
        self.findings[before:] = [f for f in self.findings[before:] if not f.startswith(marker)]
        lost = []
        for a in self.d.find_elements(By.CSS_SELECTOR, "main a[href]"):
            href = a.get_dom_attribute("href") or ""
            if not href.startswith("/") or href.startswith(("/api/", "/static/")):
                continue
            if "/akte/" in href or href.endswith(".zip"):
                continue  # a file download, not a page
            if parse_qs(urlsplit(href).query).get("lang") != ["en"]:
                lost.append(f"link {href}")
        for f in self.d.find_elements(By.CSS_SELECTOR, "main form[action]"):
            action = f.get_dom_attribute("action") or ""
            if not action.startswith("/") or parse_qs(urlsplit(action).query).get("lang") == ["en"]:
                continue
            method = (f.get_dom_attribute("method") or "get").lower()
            if method == "get" and f.find_elements(By.CSS_SELECTOR, 'input[type="hidden"][name="lang"][value="en"]'):
                continue
            lost.append(f"form action {action}")
        if lost:
            self.note(f"{label}: English page whose links/forms lose lang=en: {', '.join(lost[:5])}")

    # -- small helpers -------------------------------------------------------------------------

    def main_text(self) -> str:
        return self.d.find_element(By.TAG_NAME, "main").text

    def status_text(self) -> str:
        els = self.d.find_elements(By.CSS_SELECTOR, "main [data-status]")
        return els[0].text.strip() if els else ""

    def form(self, action_part: str, label: str):
        forms = [f for f in self.d.find_elements(By.CSS_SELECTOR, "main form[action]")
                 if action_part in (f.get_dom_attribute("action") or "")]
        if not forms:
            actions = [f.get_dom_attribute("action") for f in self.d.find_elements(By.CSS_SELECTOR, "main form")]
            self.fail(f"{label}: no form posting to …{action_part} on {self.d.current_url} (forms: {actions})")
        return forms[0]

    def send(self, action_part: str, label: str) -> None:
        """Clicks the submit button of the form whose action contains `action_part`."""
        form = self.form(action_part, label)
        self.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), label)


@pytest.fixture(scope="module")
def clerk_browser():
    """The clerk's own Chromium: their session cookie never meets Erika's."""
    b = webaudit.Browser()
    yield b
    b.quit()


# -- Erika ---------------------------------------------------------------------------------------


def erika_signs_in(w: CaseWalk) -> None:
    w.open("/anmelden?next=/konto", "citizen login page")
    links = w.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/anmelden/test-eid"]')
    if not links:
        w.fail("the login page offers no Test-eID in demo mode")
    w.open(links[0].get_dom_attribute("href"), "Test-eID page")
    w.d.find_element(By.ID, "person-erika").click()
    if w.d.find_elements(By.ID, "level-substantial"):
        w.d.find_element(By.ID, "level-substantial").click()
    w.send("/anmelden/test-eid", "Test-eID login as Erika")
    if w.path() != "/konto":
        w.fail(f"after the Test-eID login: at {w.d.current_url}, expected /konto")
    w.check("account page after login")


def my_case_links(w: CaseWalk, label: str) -> dict[str, str]:
    """Case id -> link text on "Meine Vorgänge"."""
    w.open("/konto/vorgaenge", label)
    found = {}
    for a in w.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/konto/vorgaenge/"]'):
        m = re.match(r"/konto/vorgaenge/([^/?#]+)", a.get_dom_attribute("href") or "")
        if m:
            found[m.group(1)] = a.find_element(By.XPATH, "..").text
    return found


def submit_parking_permit(w: CaseWalk, pdf) -> dict[str, str]:
    """The parking permit for Jena, signed in; the vehicle is registered to Erika (F05001047=01)."""
    w.open(f"/leistungen/{PARKING}/antrag?ars={JENA}", "parking start page (signed in)")
    w.send(f"/leistungen/{PARKING}/antrag", "start the parking application")
    w.expect_step(1, "after 'Antrag starten' (signed in)")
    step(w, 1, {CONSENT: "01"}, "parking step 1")
    step(w, 2, {"F05001344": "01"}, "parking step 2")
    step(w, 3, parking_person(), "parking step 3")
    step(w, 4, {"G05000493.F05001064": "1", "G05000493.F05001347": "01"}, "parking step 4")
    step(w, 5, {"G05000477.F05000627": PLATE, "G05000477.F05001062": "654321",
                "G05000477.F05001047": "01"}, "parking step 5")
    if re.fullmatch(r"/antraege/[^/]+/schritt/6", w.path()):
        w.check("parking step 6 (holder, optional)")
        w.press("next", "parking step 6 left empty")
    if not w.path().endswith("/pruefen"):
        w.fail(f"after the last step: expected the check page, got {w.d.current_url}; page says "
               f"{w.main_text()[:300]!r}")
    w.check("parking check page")
    w.send("/absenden", "send the parking application")
    return confirmation_and_receipt(w, "parking (signed in)", [PLATE])


# -- the clerk -----------------------------------------------------------------------------------


def clerk_signs_in(w: CaseWalk, credentials) -> None:
    email, password, secret = credentials
    w.open("/mitarbeiter/anmelden", "staff login page")
    w.fill({"email": email, "password": password, "code": totp(secret)})
    w.send("/mitarbeiter/anmelden", "staff login as the demo clerk")
    if w.d.find_elements(By.CSS_SELECTOR, 'main form[action^="/mitarbeiter/anmelden"]'):
        w.fail(f"the demo clerk could not sign in; page says {w.main_text()[:300]!r}")
    w.check("staff account page after login")


def find_in_inbox(w: CaseWalk, case_id: str, number: str) -> None:
    """The inbox, filtered as a clerk would (parking permits, newest first); opens the case."""
    w.open("/behoerde/vorgaenge", "clerk inbox")
    w.fill({"service": PARKING, "sort": "newest"})
    w.send("/behoerde/vorgaenge", "filter the inbox (parking permits, newest first)")
    w.check("clerk inbox, filtered")
    rows = w.d.find_elements(By.CSS_SELECTOR, "main table#cases tr[data-case]")
    if not rows:
        w.fail(f"the inbox lists no case; page says {w.main_text()[:300]!r}")
    mine = [r for r in rows if r.find_elements(By.CSS_SELECTOR, f'a[href^="/behoerde/vorgaenge/{case_id}"]')]
    if not mine:
        w.fail(f"the inbox of the Stadtverwaltung Jena does not list Erika's case {number} ({case_id}); "
               f"first rows: {[r.text for r in rows[:3]]}")
    row = mine[0]
    if rows[0] != row:
        w.note(f"inbox sorted newest first: the new case {number} is not the first row ({rows[0].text!r})")
    if "Mustermann" not in row.text:
        w.note(f"inbox row of {number} does not name the applicant Mustermann: {row.text!r}")
    if number not in row.text:
        w.note(f"inbox row of case {case_id} does not show its number {number}: {row.text!r}")
    link = row.find_element(By.CSS_SELECTOR, "a[href]")
    w.submit(link, "open the case from the inbox")
    if w.path() != f"/behoerde/vorgaenge/{case_id}":
        w.fail(f"the inbox link led to {w.d.current_url}, expected /behoerde/vorgaenge/{case_id}")
    w.check("case view (received)")


def expect_status(w: CaseWalk, label: str, want: str | tuple[str, ...]) -> None:
    wants = (want,) if isinstance(want, str) else want
    got = w.status_text()
    if got not in wants:
        w.note(f"{label}: status {got!r}, expected {' or '.join(map(repr, wants))}")


# -- the story -----------------------------------------------------------------------------------


def test_case_story(browser, clerk_browser, base_url, demo_staff, pdf_file):
    if "clerk" not in demo_staff:
        pytest.fail("serve --demo printed no demo clerk credentials", pytrace=False)
    for b in (browser, clerk_browser):
        b.set_accept_language("de-DE,de;q=0.9")
        clear_cookies(b.driver)
    erika = CaseWalk(browser.driver, base_url, "de", browser)
    clerk = CaseWalk(clerk_browser.driver, base_url, "de", clerk_browser)
    clerk.findings = erika.findings  # one list: whoever fails first reports both people's findings
    _story(erika, clerk, base_url, demo_staff["clerk"], pdf_file)
    erika.done()
    assert erika.pages + clerk.pages >= 25, "the story visited fewer pages than expected"


def _story(erika: CaseWalk, clerk: CaseWalk, base_url: str, credentials, pdf) -> None:
    # 1. Erika signs in and applies; the application becomes a new case in "Meine Vorgänge"
    erika_signs_in(erika)
    before = my_case_links(erika, "Meine Vorgänge (before)")
    sent = submit_parking_permit(erika, pdf)
    after = my_case_links(erika, "Meine Vorgänge (after sending)")
    new = [cid for cid in after if cid not in before]
    if len(new) != 1:
        erika.fail(f"after sending {sent['reference']}: expected exactly one new case on /konto/vorgaenge, "
                   f"found {len(new)} ({new})")
    case_id = new[0]
    erika.open(f"/konto/vorgaenge/{case_id}", "Erika's case (received)")
    facts = erika.d.find_elements(By.CSS_SELECTOR, "main dl.facts dd")
    number = facts[0].text.strip() if facts else ""
    if not number:
        erika.fail(f"Erika's case page shows no case number; page says {erika.main_text()[:300]!r}")
    if "Stadtverwaltung Jena" not in erika.main_text():
        erika.note(f"Erika's case {number}: the responsible authority is not the Stadtverwaltung Jena")
    if erika.d.find_elements(By.ID, "unterlagen"):
        erika.note(f"Erika's case {number}: an upload form before any document was requested")

    # 2. the clerk finds it, takes it, and asks for the vehicle registration
    clerk_signs_in(clerk, credentials)
    find_in_inbox(clerk, case_id, number)
    view = f"/behoerde/vorgaenge/{case_id}"
    if "Mustermann" not in clerk.main_text():
        clerk.note(f"case view {number}: the applicant's name is not shown")
    if PLATE not in clerk.main_text():
        clerk.note(f"case view {number}: the application data (licence plate {PLATE}) is not shown")
    claim = 'main form[action*="/zuweisen"] input[type="hidden"][name="assignee"][value="me"]'
    if clerk.d.find_elements(By.CSS_SELECTOR, claim):
        clerk.send("/zuweisen", "take the case")
        if clerk.path() != view:
            clerk.fail(f"taking the case led to {clerk.d.current_url}")
        clerk.check("case view (taken)")
        if clerk.d.find_elements(By.CSS_SELECTOR, claim):
            clerk.note("case view after 'Vorgang übernehmen': still offers to take the case")
    else:
        clerk.note("case view of an unassigned case: no 'Vorgang übernehmen' form")

    # 2a. error states: no choice at all, then "Unterlagen fehlen" with an empty request
    clerk.send("/pruefen", "completeness check without a choice")
    clerk.check_errors("case view, check without a choice", {"complete_yes": None})
    clerk.check("case view, check without a choice", status=422)
    clerk.form("/pruefen", "completeness check")
    clerk.fill({"complete": "no", "request": ""})
    clerk.send("/pruefen", "documents missing, but no request written")
    if clerk.path() != f"{view}/pruefen" and clerk.path() != view:
        clerk.fail(f"the rejected check led to {clerk.d.current_url}")
    clerk.check_errors("case view, empty document request", {"request": ""})
    clerk.check("case view, empty document request", status=422)
    expect_status(clerk, "case view, empty document request", ("Eingegangen", "In Bearbeitung"))

    # 2b. the real request, 14 days (the default)
    clerk.fill({"complete": "no", "request": REQUEST_TEXT})
    if clerk.value_of("days") != "14":
        clerk.note(f"completeness check: the period is {clerk.value_of('days')!r}, expected the default 14")
    clerk.send("/pruefen", "request the vehicle registration")
    if clerk.path() != view:
        clerk.fail(f"requesting documents led to {clerk.d.current_url}; page says {clerk.main_text()[:300]!r}")
    clerk.check("case view (documents requested)")
    expect_status(clerk, "case view after the request", AWAITING["de"])
    if REQUEST_TEXT not in clerk.main_text():
        clerk.note("case view after the request: the requested documents are not shown")

    # 3. Erika: mailbox -> message -> "Zum Vorgang" -> upload
    erika.open("/konto/postfach", "Erika's mailbox (request)")
    subject = f"Unterlagen fehlen: {number}"
    links = [a for a in erika.d.find_elements(By.CSS_SELECTOR, "main a[href^='/konto/postfach/']")
             if a.text.strip() == subject]
    if not links:
        texts = [a.text for a in erika.d.find_elements(By.CSS_SELECTOR, "main table a")][:5]
        erika.fail(f"Erika's mailbox has no message {subject!r} (subjects: {texts})")
    erika.submit(links[0], "open the message about missing documents")
    erika.check("message 'Unterlagen fehlen'")
    if REQUEST_TEXT not in erika.main_text():
        erika.note(f"message {subject!r} does not say which documents are missing ({REQUEST_TEXT!r})")
    case_links = erika.d.find_elements(By.CSS_SELECTOR, "main a[data-case-link]")
    if not case_links:
        erika.fail(f"message {subject!r} has no link a[data-case-link] to the case")
    if case_links[0].text.strip() != "Zum Vorgang":
        erika.note(f"message {subject!r}: the case link says {case_links[0].text!r}, expected 'Zum Vorgang'")
    erika.submit(case_links[0], "follow 'Zum Vorgang'")
    if erika.path() != f"/konto/vorgaenge/{case_id}":
        erika.fail(f"'Zum Vorgang' led to {erika.d.current_url}, expected /konto/vorgaenge/{case_id}")
    erika.check("Erika's case (documents requested)")
    expect_status(erika, "Erika's case after the request", AWAITING["de"])
    if not erika.d.find_elements(By.CSS_SELECTOR, "main #unterlagen form input#documents[name='documents']"):
        erika.fail("Erika's case after the request: no upload form #unterlagen with input#documents")
    if REQUEST_TEXT not in erika.main_text():
        erika.note("Erika's case after the request: the requested documents are not named")
    erika.fill({"documents": pdf})
    erika.send("/unterlagen", "upload the vehicle registration")
    if erika.path() != f"/konto/vorgaenge/{case_id}":
        erika.fail(f"the upload led to {erika.d.current_url}; page says {erika.main_text()[:300]!r}")
    erika.check("Erika's case (documents sent)")
    got = erika.status_text()
    if not got or got == AWAITING["de"]:
        erika.note(f"Erika's case after the upload: status {got!r}, expected it to move on from {AWAITING['de']!r}")
    timeline = [li.text for li in erika.d.find_elements(By.CSS_SELECTOR, "main ol.timeline li")]
    if not any(t.startswith("Ihre Unterlagen sind eingegangen.") for t in timeline):
        erika.note(f"Erika's case after the upload: no timeline entry 'Ihre Unterlagen sind eingegangen.' "
                   f"({timeline})")
    if erika.d.find_elements(By.ID, "unterlagen"):
        erika.note("Erika's case after the upload: the upload form is still offered")
    if pdf.name not in erika.main_text() and not erika.d.find_elements(By.CSS_SELECTOR, "main a[href*='/akte/']"):
        erika.note("Erika's case after the upload: her document is not listed")

    # 4. the clerk: the document in the file, complete, approved, closed
    clerk.open(view, "case view (documents received)")
    files = clerk.d.find_elements(By.CSS_SELECTOR, "main table.messages tbody tr")
    if not any(pdf.name in r.text for r in files):
        clerk.note(f"case view after the upload: {pdf.name} is not in the file table ({[r.text for r in files]})")
    doc_links = [a.get_dom_attribute("href") for a in clerk.d.find_elements(By.CSS_SELECTOR, "main table a[href]")]
    if not any(re.fullmatch(rf"/behoerde/vorgaenge/{case_id}/akte/[^/]+/\d+", h or "") for h in doc_links):
        clerk.note(f"case view after the upload: no download link for the document ({doc_links})")
    if clerk.d.find_elements(By.CSS_SELECTOR, 'main form[action*="/pruefen"]'):
        clerk.fill({"complete": "yes"})
        clerk.send("/pruefen", "confirm completeness")
        if clerk.path() != view:
            clerk.fail(f"confirming completeness led to {clerk.d.current_url}; page says {clerk.main_text()[:300]!r}")
        clerk.check("case view (complete)")
    else:
        clerk.note("case view after the upload: no completeness check offered")
    clerk.form("/entscheiden", "decision")
    clerk.fill({"reasons": REASONS})
    clerk.send("/entscheiden", "decide without choosing the outcome")
    clerk.check_errors("case view, decision without an outcome", {"outcome_approved": None})
    if clerk.value_of("reasons") != REASONS:
        clerk.note("case view, decision without an outcome: the typed reasons were not kept "
                   f"({clerk.value_of('reasons')!r})")
    clerk.check("case view, decision without an outcome", status=422)
    clerk.fill({"outcome": "approved", "reasons": REASONS})
    clerk.send("/entscheiden", "approve")
    if clerk.path() != view:
        clerk.fail(f"deciding led to {clerk.d.current_url}; page says {clerk.main_text()[:300]!r}")
    clerk.check("case view (decided)")
    expect_status(clerk, "case view after the decision", "Entschieden")
    if "Stattgegeben" not in clerk.main_text():
        clerk.note("case view after the decision: the outcome 'Stattgegeben' is not shown")
    clerk.send("/abschliessen", "close the case")
    if clerk.path() != view:
        clerk.fail(f"closing led to {clerk.d.current_url}; page says {clerk.main_text()[:300]!r}")
    clerk.check("case view (closed)")
    expect_status(clerk, "case view after closing", "Abgeschlossen")
    if clerk.d.find_elements(By.CSS_SELECTOR, 'main form[action*="/abschliessen"]'):
        clerk.note("case view of a closed case: still offers to close it")

    # 6a. the clerk inbox in English
    en_clerk = CaseWalk(clerk.d, base_url, "en", clerk.browser)
    en_clerk.findings = clerk.findings
    en_clerk.open("/behoerde/vorgaenge?status=closed", "clerk inbox (en)")
    if not en_clerk.d.find_elements(By.CSS_SELECTOR, "main h1") or \
            en_clerk.d.find_element(By.CSS_SELECTOR, "main h1").text.strip() != "Cases":
        en_clerk.note("clerk inbox (en): the heading is not 'Cases'")
    if not en_clerk.d.find_elements(By.CSS_SELECTOR, f'main a[href^="/behoerde/vorgaenge/{case_id}"]'):
        en_clerk.note(f"clerk inbox (en), closed cases: case {number} is not listed")
    clerk.pages += en_clerk.pages

    # 5. Erika: status, decision, message
    erika.open(f"/konto/vorgaenge/{case_id}", "Erika's case (decided)")
    expect_status(erika, "Erika's case at the end", ("Abgeschlossen", "Entschieden"))
    outcome = erika.d.find_elements(By.CSS_SELECTOR, "main [data-decision]")
    if not outcome or outcome[0].text.strip() != "Stattgegeben":
        erika.note(f"Erika's case at the end: decision {outcome[0].text if outcome else None!r}, "
                   "expected 'Stattgegeben'")
    erika.open("/konto/postfach", "Erika's mailbox (decision)")
    subject = f"Entscheidung zu Ihrem Antrag {number}"
    links = [a for a in erika.d.find_elements(By.CSS_SELECTOR, "main a[href^='/konto/postfach/']")
             if a.text.strip() == subject]
    if not links:
        texts = [a.text for a in erika.d.find_elements(By.CSS_SELECTOR, "main table a")][:5]
        erika.fail(f"Erika's mailbox has no message {subject!r} (subjects: {texts})")
    erika.submit(links[0], "open the decision")
    erika.check("message 'Entscheidung zu Ihrem Antrag'")
    if not erika.d.find_elements(By.CSS_SELECTOR, "main a[data-case-link]"):
        erika.note(f"message {subject!r}: no link to the case")

    # 6b. Erika's case page in English
    en_erika = CaseWalk(erika.d, base_url, "en", erika.browser)
    en_erika.findings = erika.findings
    en_erika.open(f"/konto/vorgaenge/{case_id}", "Erika's case (en)")
    expect_status(en_erika, "Erika's case (en)", ("Closed", "Decided"))
    outcome = en_erika.d.find_elements(By.CSS_SELECTOR, "main [data-decision]")
    if not outcome or outcome[0].text.strip() != "Approved":
        en_erika.note(f"Erika's case (en): decision {outcome[0].text if outcome else None!r}, expected 'Approved'")
    erika.pages += en_erika.pages


# -- a clerk enters an application taken by phone ------------------------------------------------


def test_clerk_enters_parking_permit_by_phone(clerk_browser, base_url, demo_staff, pdf_file):
    """Step 1 (how it came, for whom, where, the scan), step 2 the parking permit's whole form on one
    page: once with the licence plate missing (422, the error linked to its input), then complete.
    The case opens with the answers rendered from the form. Every page passes the same checks as the
    story (axe-core 0 violations, one h1, landmarks, labels, no duplicate ids)."""
    if "clerk" not in demo_staff:
        pytest.fail("serve --demo printed no demo clerk credentials", pytrace=False)
    clerk_browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(clerk_browser.driver)
    w = CaseWalk(clerk_browser.driver, base_url, "de", clerk_browser)
    clerk_signs_in(w, demo_staff["clerk"])
    w.open("/behoerde/vorgaenge/neu", "intake step 1")
    w.fill({"channel": "phone", "service": PARKING, "name": "Paula Telefon", "ars": JENA, "file": pdf_file,
            "note": "Anruf am Vormittag"})
    w.send("/behoerde/vorgaenge/neu", "intake step 1: continue to the form")
    if w.path() != "/behoerde/vorgaenge/neu" or not w.d.find_elements(
            By.CSS_SELECTOR, 'main form[action^="/behoerde/vorgaenge/neu/antrag"]'):
        w.fail(f"step 1 did not lead to the parking form; page says {w.main_text()[:300]!r}")
    w.check("intake step 2: the parking permit's form")
    plate = "G05000477.F05000627"
    answers = {CONSENT: "01", "F05001344": "01", **parking_person(), "G05000493.F05001064": "1",
               "G05000493.F05001347": "01", "G05000477.F05001062": "654321", "G05000477.F05001047": "01"}
    w.fill(answers)
    w.press("next", "intake step 2 without the licence plate")
    w.check("intake step 2 with an error", status=422)
    w.check_errors("intake step 2 with an error", {plate: ""})
    w.fill({plate: "J-PT-2026"})
    w.press("next", "intake step 2 complete")
    if not re.fullmatch(r"/behoerde/vorgaenge/[^/]+", w.path()) or w.path().endswith("/neu"):
        w.fail(f"the complete form did not lead to the case; at {w.d.current_url}: {w.main_text()[:300]!r}")
    w.check("case view of the entered application")
    text = w.main_text()
    for want in ("Paula Telefon", "J-PT-2026", "Mustermann", "telefonisch"):
        if want not in text:
            w.note(f"case view of the entered application: {want!r} is not shown")
    w.done()
