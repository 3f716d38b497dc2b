"""Once-only in a real browser, as a person would do it: Erika Mustermann signs in with the
Test-eID and applies for Wohngeld in Jena. Before the form she sees what would be requested from
which register, for which service and purpose, on which legal basis, and agrees. The form comes
prefilled from the demo registers (resident register: name, birth, address, household; income
evidence: her wage), each value marked with its register. She corrects her house number, which is
then marked as her own statement, completes the rest and sends the application. In her account's
data-protection cockpit she sees each retrieval with authority, register, data, purpose and legal
basis, filters it, and downloads it as JSON (Art. 15 GDPR) with exactly her records.

Then the demo clerk of the Stadtverwaltung Jena (a second browser) opens her case and checks the
resident register ("Melderegister abfragen"): the answer is shown once, and Erika's cockpit lists
that retrieval too, with the clerk and the purpose "Prüfung im Verwaltungsverfahren".

Every page on the way passes axe-core (WCAG 2.1 AA) with 0 violations and the structure checks of
`Walk.check` (one h1, landmarks, lang, no duplicate ids, no unlabelled control).
"""

from __future__ import annotations

import json
import re

import pytest
import requests
from selenium.webdriver.common.by import By

import webaudit

from test_applications import (  # noqa: F401 - pdf_file is a fixture used below
    JENA, WOHNGELD, Walk, clear_cookies, confirmation_and_receipt, date, pdf_file, step,
)
from test_cases import CaseWalk, clerk_signs_in, my_case_links

W = "G99100001."


@pytest.fixture(scope="module")
def registers_clerk_browser():
    """The clerk's own Chromium: their session cookie never meets Erika's."""
    b = webaudit.Browser()
    yield b
    b.quit()


def test_wohngeld_with_consent_prefill_and_cockpit(browser, registers_clerk_browser, base_url, demo_staff, pdf_file):
    if "clerk" not in demo_staff:
        pytest.fail("serve --demo printed no demo clerk credentials", pytrace=False)
    browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(browser.driver)
    w = CaseWalk(browser.driver, base_url, "de", browser)
    d = w.d

    # Sign in with the Test-eID and start Wohngeld in Jena.
    w.open("/anmelden/test-eid", "Test-eID")
    form = d.find_element(By.CSS_SELECTOR, 'main form[action^="/anmelden/test-eid"]')
    d.find_element(By.ID, "person-erika").click()
    d.find_element(By.ID, "level-substantial").click()
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "Test-eID login")
    w.open(f"/leistungen/{WOHNGELD}/antrag?ars={JENA}", "Wohngeld start page")
    form = d.find_element(By.CSS_SELECTOR, f'main form[action^="/leistungen/{WOHNGELD}/antrag"]')
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "start Wohngeld")

    # The consent step: what, where, for which service and purpose, on which legal basis.
    m = re.fullmatch(r"/antraege/([^/]+)/einwilligung", w.path())
    if not m:
        w.fail(f"after starting Wohngeld: expected the consent step, got {d.current_url}")
    draft = m.group(1)
    w.check("consent step")
    main = d.find_element(By.TAG_NAME, "main").text
    for text in ["Melderegister", "Einkommensnachweise", "Wohngeld", "Prüfung Ihres Anspruchs auf Wohngeld",
                 "Rechtsgrundlage", "§ 34 Abs. 1 BMG", "Anschrift", "Haushaltsmitglieder", "Arbeitsentgelt"]:
        if text not in main:
            w.note(f"consent step: {text!r} is not shown")
    if not d.find_elements(By.CSS_SELECTOR, 'main button[name="action"][value="manual"]'):
        w.note("consent step: no way to decline and enter the data by hand")
    w.press("agree", "agree to the retrieval")

    # Step 1 prefilled from the resident register, each value marked.
    w.expect_step(1, "prefilled step 1")
    w.check("prefilled step 1")
    for name, value in [(W + "F05000059", "Mustermann"), (W + "F05000060", "Erika"),
                        (W + "G05000428.F00000053", "Westbahnhofstraße"), (W + "G05000428.F00000016", "8"),
                        (W + "G00000113.F00000054", "07745"), (W + "G00000113.F00000035", "Jena")]:
        if w.value_of(name) != value:
            w.note(f"step 1: {name} is {w.value_of(name)!r}, expected {value!r} from the register")
    sources = d.find_elements(By.CSS_SELECTOR, "main [data-source]")
    if not sources or not all("Melderegister" in s.text for s in sources):
        w.note(f"step 1: the prefilled values are not marked as from the Melderegister: {[s.text for s in sources]}")
    street = d.find_element(By.ID, W + "G05000428.F00000053")
    if W + "G05000428.F00000053-source" not in (street.get_attribute("aria-describedby") or ""):
        w.note("step 1: the street's source note is not tied to the input (aria-describedby)")
    # Erika corrects her house number.
    w.fill({W + "G05000428.F00000016": "9", W + "F99100001": "01", W + "F99100002": "false"})
    w.press("next", "step 1 with a corrected house number")
    w.expect_step(2, "step 2")
    w.open(f"/antraege/{draft}/schritt/1", "step 1 after the correction")
    notes = {s.get_attribute("id"): s.text for s in d.find_elements(By.CSS_SELECTOR, "main [data-source]")}
    house = notes.get(W + "G05000428.F00000016-source", "")
    if "Von Ihnen geändert" not in house:
        w.note(f"step 1: the corrected house number is not marked as self-declared: {house!r}")
    if "Melderegister" not in notes.get(W + "G05000428.F00000053-source", ""):
        w.note("step 1: the unchanged street lost its register mark")
    w.press("next", "step 1 again")

    step(w, 2, {"G99100002.F99100003": "01"}, "step 2")
    # Step 3: the household from the register (husband and daughter); transfer benefits by hand.
    label = "step 3 (household from the register)"
    w.expect_step(3, label)
    w.check(label)
    if w.value_of("G99100003.0.F99100006") != "Max Albert" or w.value_of("G99100003.1.F99100006") != "Leonie":
        w.note(f"{label}: household members not prefilled ({w.value_of('G99100003.0.F99100006')!r}, "
               f"{w.value_of('G99100003.1.F99100006')!r})")
    w.fill({"G99100003.0.F99100009": "false", "G99100003.1.F99100009": "false"})
    w.press("next", label)
    # Step 4: the wage from the income evidence.
    label = "step 4 (income from the register)"
    w.expect_step(4, label)
    w.check(label)
    amount = w.value_of("G99100004.0.G99100005.0.F99100016") or ""
    if not amount.strip():
        w.note(f"{label}: the wage is not prefilled")
    w.fill({"G99100004.0.F99100011": "true", "G99100004.0.F99100012": "true", "G99100004.0.F99100013": "true"})
    w.press("next", label)
    step(w, 5, {"G99100006.F99100017": "62", "G99100006.F99100018": "650", "G99100006.F99100019": "90",
                **date("G99100006.F99100021", "01.04.2020"), "G99100006.F99100022": pdf_file,
                "G99100006.F99100023": "false"}, "step 5")
    step(w, 6, {"G99100007.F99100026": "true"}, "step 6")
    step(w, 7, {"G99100008.F99100028": "DE89370400440532013000", "G99100008.F99100029": "Erika Mustermann"},
         "step 7")
    step(w, 8, {"G99100009.F99100031": "true", "G99100009.F99100032": "true"}, "step 8")
    if w.path() != f"/antraege/{draft}/pruefen":
        w.fail(f"after the last step: expected the check page, got {d.current_url}; "
               f"{d.find_element(By.TAG_NAME, 'main').text[:400]!r}")
    w.check("check page")
    main = d.find_element(By.TAG_NAME, "main").text
    for text in ["Westbahnhofstraße", "Leonie", "Max Albert"]:
        if text not in main:
            w.note(f"check page: {text!r} is not shown")
    form = d.find_element(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/absenden"]')
    before = my_case_links(w, "Meine Vorgänge (before sending)")
    w.open(f"/antraege/{draft}/pruefen", "check page again")
    form = d.find_element(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/absenden"]')
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "send the application")
    confirmation_and_receipt(w, "Wohngeld with prefill", ["Westbahnhofstraße", "Mustermann"])
    new = [c for c in my_case_links(w, "Meine Vorgänge (after sending)") if c not in before]
    if len(new) != 1:
        w.fail(f"after sending: expected one new case on /konto/vorgaenge, found {new}")
    case_id = new[0]

    # The data-protection cockpit, reached from the account page.
    w.open("/konto", "account")
    links = d.find_elements(By.CSS_SELECTOR, 'main a[href^="/konto/datenschutz"]')
    if not links:
        w.fail("the account page has no link to the data-protection cockpit")
    w.open(links[0].get_dom_attribute("href"), "cockpit")
    rows = d.find_elements(By.CSS_SELECTOR, "main tr[data-retrieval]")
    if len(rows) != 2:
        w.note(f"cockpit: {len(rows)} retrieval(s) listed, expected 2")
    text = " ".join(r.text for r in rows)
    for t in ["Melderegister", "Einkommensnachweise", "Prüfung Ihres Anspruchs auf Wohngeld", "Stadt",
              "BMG", "Wohngeld"]:
        if t not in text:
            w.note(f"cockpit: {t!r} not in the listed retrievals")
    # Filter by the authority: still both; by a period in the past: none (422-free).
    options = d.find_elements(By.CSS_SELECTOR, "#behoerde option")
    if len(options) < 2:
        w.note("cockpit: no authority to filter by")
    else:
        w.fill({"behoerde": options[1].get_attribute("value")})
        w.submit(d.find_element(By.CSS_SELECTOR, 'main form[role="search"] button[type="submit"]'), "filter")
        w.check("cockpit filtered by authority")
        if len(d.find_elements(By.CSS_SELECTOR, "main tr[data-retrieval]")) != 2:
            w.note("cockpit: filtering by the retrieving authority lost records")
    w.open("/konto/datenschutz?von=2000-01-01&bis=2000-12-31", "cockpit, period without retrievals")
    if d.find_elements(By.CSS_SELECTOR, "main tr[data-retrieval]"):
        w.note("cockpit: a period without retrievals still lists some")
    w.open("/konto/datenschutz?von=gestern", "cockpit, a wrong date", status=422)

    # The Art. 15 download, with the browser's session.
    session = requests.Session()
    for c in d.get_cookies():
        session.cookies.set(c["name"], c["value"])
    r = session.get(base_url + "/konto/datenschutz.json")
    if r.status_code != 200:
        w.fail(f"download: HTTP {r.status_code}")
    export = json.loads(r.text)
    if len(export.get("records", [])) != 2 or len({x["subject"] for x in export["records"]}) != 1:
        w.note(f"download: expected exactly Erika's two records, got {len(export.get('records', []))}")
    if requests.get(base_url + "/konto/datenschutz.json", allow_redirects=False).status_code == 200:
        w.note("download: answered without a login")

    # The demo clerk checks the resident register while processing the case.
    registers_clerk_browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(registers_clerk_browser.driver)
    clerk = CaseWalk(registers_clerk_browser.driver, base_url, "de", registers_clerk_browser)
    clerk.findings = w.findings
    clerk_signs_in(clerk, demo_staff["clerk"])
    clerk.open(f"/behoerde/vorgaenge/{case_id}", "clerk's case view")
    buttons = clerk.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/behoerde/vorgaenge/{case_id}/melderegister"] '
                                                     'button[type="submit"]')
    if not buttons:
        clerk.fail("the case view offers no 'Melderegister abfragen'")
    clerk.submit(buttons[0], "Melderegister abfragen")
    clerk.check("resident register information")
    main = clerk.d.find_element(By.TAG_NAME, "main").text
    for text in ["Auskunft aus dem Melderegister", "Westbahnhofstraße", "Prüfung im Verwaltungsverfahren",
                 "Haushaltsmitglied 1"]:
        if text not in main:
            clerk.note(f"resident register information: {text!r} not shown")
    w.open("/konto/datenschutz", "cockpit with the clerk's retrieval")
    rows = d.find_elements(By.CSS_SELECTOR, "main tr[data-retrieval]")
    if len(rows) != 3:
        w.note(f"cockpit: {len(rows)} retrieval(s) after the clerk's check, expected 3")
    elif "Prüfung im Verwaltungsverfahren" not in rows[0].text or "Demo-Sachbearbeitung" not in rows[0].text:
        w.note(f"cockpit: the newest row is not the clerk's check: {rows[0].text!r}")
    w.done()
