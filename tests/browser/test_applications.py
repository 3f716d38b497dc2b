"""The online application journey in a real browser: start page, one page per FIM group, error
summary, "check your answers", sending, confirmation and receipt; resuming an anonymous draft with
its code; Wohngeld behind a Test-eID login at "substantial"; and the parking journey with
JavaScript switched off.

Every page a person sees on the way (start, each step, each error state, check page, confirmation,
receipt, login pages, "Meine Anträge") passes axe-core (WCAG 2.1 AA) with 0 violations, has one
<h1>, the landmarks and the right `lang`; in English every link and form inside <main> keeps
`lang=en`. Beyond axe, every page is checked for duplicate ids and for form controls that no
<label> reaches (axe-core 4.x reports neither when a <label for> matches an id used twice).

Error states: HTTP 422 (read from the Navigation Timing entry), an .error-summary with role=alert
and exactly one `#id` link per wrong input, each link's target being that input, aria-invalid=true
on it (on the fieldset for radio groups), aria-describedby reaching an inline .field-error that
repeats the summary's message, and the typed values kept.

Findings are collected and reported together at the end of each test, so one run shows every
problem of a journey, not only the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_form import _page_checks

PARKING = "99108001001000"  # Bewohnerparkausweis, FIM S05000058, trust level low
WOHNGELD = "99107023037000"  # Wohngeld, S99100001, trust level substantial
JENA = "160530000000"

RESUME_CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
REFERENCE = re.compile(r"^AW-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")
STEP_TEXT = {"de": re.compile(r"^Schritt (\d+) von (\d+)$"), "en": re.compile(r"^Step (\d+) of (\d+)$")}
CHANGE = {"de": "Ändern", "en": "Change"}
CONSENT = "F00-4cb0dd14-629c-4661-9435-4e9eadc43e07"

# Beyond axe: axe-core 4.x no longer reports duplicate ids, and it accepts a <label for=x> even
# when the browser associates it with another element of the same id, leaving the input unnamed.
DOM_JS = r"""
const seen = new Set(), dups = new Set();
for (const e of document.querySelectorAll('[id]')) { if (seen.has(e.id)) dups.add(e.id); seen.add(e.id); }
const unlabelled = [...document.querySelectorAll(
    'main input:not([type=hidden]):not([type=submit]):not([type=button]), main select, main textarea')]
  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
  .map(e => e.name || e.id);
return {dups: [...dups], unlabelled: unlabelled};
"""

NAVIGATION_STATUS_JS = (
    "const e = performance.getEntriesByType('navigation')[0];"
    "return e && e.responseStatus ? e.responseStatus : null;"
)


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory) -> Path:
    """A tiny but real PDF (the server sniffs the magic bytes)."""
    path = tmp_path_factory.mktemp("uploads") / "nachweis.pdf"
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    path.write_bytes(body)
    return path


def clear_cookies(driver) -> None:
    """All cookies of the browser, whatever page is open (WebDriver's delete_all_cookies only
    reaches the current page's domain)."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def date(path: str, ddmmyyyy: str) -> dict[str, str]:
    day, month, year = ddmmyyyy.split(".")
    return {f"{path}~day": day, f"{path}~month": month, f"{path}~year": year}


class Walk:
    """One person going through the site in one browser window, collecting findings."""

    def __init__(self, driver, base_url: str, lang: str, browser=None):
        self.d = driver
        self.base = base_url
        self.lang = lang
        self.browser = browser  # a webaudit.Browser for the axe and structure checks, or None
        self.findings: list[str] = []
        self.pages = 0

    # -- navigation -------------------------------------------------------------------------

    def url(self, path: str) -> str:
        if self.lang == "en" and "lang=" not in path:
            path += ("&" if "?" in path else "?") + "lang=en"
        return self.base + path

    def open(self, path: str, label: str, status: int = 200) -> None:
        self.d.get(self.url(path))  # not browser.load(): that deletes the cookies
        self._wait_main(label)
        self.check(label, status)

    def _wait_main(self, what: str) -> None:
        try:
            WebDriverWait(self.d, 20, ignored_exceptions=(WebDriverException,)).until(
                EC.presence_of_element_located((By.TAG_NAME, "main")))
        except TimeoutException:
            self.fail(f"{what}: no <main> after 20 s at {self.d.current_url}")

    def submit(self, button, what: str) -> None:
        """Clicks a submit button and waits until the next page (the old <html> is gone)."""
        old = self.d.find_element(By.TAG_NAME, "html")
        button.click()
        try:
            WebDriverWait(self.d, 30, ignored_exceptions=(WebDriverException,)).until(
                lambda drv: EC.staleness_of(old)(drv) and drv.find_elements(By.TAG_NAME, "main"))
        except TimeoutException:
            self.fail(f"{what}: submitting did not load a new page (still {self.d.current_url})")

    def press(self, value: str, what: str) -> None:
        """The step form's button `name=action value=<value>` (next, add:<path>, remove:<path>)."""
        buttons = self.d.find_elements(By.CSS_SELECTOR, f'main form button[name="action"][value="{value}"]')
        if not buttons:
            self.fail(f"{what}: no button[name=action][value={value!r}] on {self.d.current_url}")
        self.submit(buttons[0], what)

    def path(self) -> str:
        return urlsplit(self.d.current_url).path

    def status(self) -> int | None:
        return self.d.execute_script(NAVIGATION_STATUS_JS)

    # -- checks ------------------------------------------------------------------------------

    def note(self, text: str) -> None:
        self.findings.append("  " + text)

    def fail(self, text: str) -> None:
        self.note(text)
        pytest.fail(f"{len(self.findings)} finding(s):\n" + "\n".join(self.findings), pytrace=False)

    def done(self) -> None:
        if self.findings:
            pytest.fail(f"{len(self.findings)} finding(s):\n" + "\n".join(self.findings), pytrace=False)

    def check(self, label: str, status: int = 200) -> None:
        """Status, lang, links keeping lang=en, and (with a browser) axe/h1/landmarks."""
        self.pages += 1
        got = self.status()
        if got is not None and got != status:
            self.note(f"{label}: HTTP {got}, expected {status} ({self.d.current_url})")
        html_lang = self.d.find_element(By.TAG_NAME, "html").get_attribute("lang")
        if html_lang != self.lang:
            self.note(f"{label}: <html lang={html_lang!r}>, expected {self.lang!r}")
        if self.lang == "en":
            lost = []
            for a in self.d.find_elements(By.CSS_SELECTOR, "main a[href]"):
                href = a.get_dom_attribute("href") or ""
                if href.startswith("/") and not href.startswith(("/api/", "/static/")):
                    if parse_qs(urlsplit(href).query).get("lang") != ["en"]:
                        lost.append(f"link {href}")
            for f in self.d.find_elements(By.CSS_SELECTOR, "main form[action]"):
                action = f.get_dom_attribute("action") or ""
                if action.startswith("/") and parse_qs(urlsplit(action).query).get("lang") != ["en"]:
                    lost.append(f"form action {action}")
            if lost:
                self.note(f"{label}: English page whose links/forms lose lang=en: {', '.join(lost[:5])}")
        dom = self.d.execute_script(DOM_JS)
        if dom["dups"]:
            self.note(f"{label}: duplicate id(s) {dom['dups'][:5]} (label for=… and #links reach the first one)")
        if dom["unlabelled"]:
            self.note(f"{label}: form control(s) without an associated label (input.labels is empty): "
                      f"{dom['unlabelled'][:5]}")
        if self.browser is not None:
            self.findings += _page_checks(self.browser, label)

    def check_step(self, label: str, expected_step: int) -> None:
        """A step page: progress text, back link, continue button."""
        texts = self.d.find_elements(By.CSS_SELECTOR, "[data-step-text]")
        if not texts:
            self.note(f"{label}: no [data-step-text]")
        else:
            m = STEP_TEXT[self.lang].match(texts[0].text.strip())
            if not m:
                self.note(f"{label}: progress text {texts[0].text!r} is not like {STEP_TEXT[self.lang].pattern}")
            elif int(m.group(1)) != expected_step or int(m.group(1)) > int(m.group(2)):
                self.note(f"{label}: progress text {texts[0].text!r}, expected step {expected_step}")
        if not self.d.find_elements(By.CSS_SELECTOR, "main a.back-link[href]"):
            self.note(f"{label}: no .back-link")
        if not self.d.find_elements(By.CSS_SELECTOR, 'main form button[name="action"][value="next"]'):
            self.note(f"{label}: no continue button[name=action][value=next]")

    def expect_step(self, n: int, label: str) -> str:
        """Asserts the browser is on step n of a draft; returns the draft id."""
        m = re.fullmatch(r"/antraege/([^/]+)/schritt/(\d+)", self.path())
        if not m or int(m.group(2)) != n:
            body = self.d.find_element(By.TAG_NAME, "main").text[:300]
            self.fail(f"{label}: expected step {n}, but the browser is at {self.d.current_url}; page says {body!r}")
        return m.group(1)

    # -- filling -----------------------------------------------------------------------------

    def fill(self, values: dict[str, str | Path]) -> None:
        """Fills inputs by their name: text, radio (by value), select (by value), file (a Path)."""
        for name, value in values.items():
            els = self.d.find_elements(By.CSS_SELECTOR, f'main form [name="{name}"]')
            if not els:
                self.fail(f"no form field named {name!r} on {self.d.current_url}")
            el = els[0]
            kind = (el.get_attribute("type") or "").lower()
            if el.tag_name == "select":
                Select(el).select_by_value(str(value))
            elif kind == "radio":
                radio = [e for e in els if e.get_attribute("value") == str(value)]
                if not radio:
                    self.fail(f"radio group {name!r} has no value {value!r}")
                radio[0].click()
            elif kind == "file":
                el.send_keys(str(value))
            else:
                el.clear()
                if value:
                    el.send_keys(str(value))

    def value_of(self, name: str) -> str | None:
        els = self.d.find_elements(By.CSS_SELECTOR, f'main form [name="{name}"]')
        if not els:
            return None
        if (els[0].get_attribute("type") or "").lower() == "radio":
            checked = [e.get_attribute("value") for e in els if e.is_selected()]
            return checked[0] if checked else ""
        return els[0].get_attribute("value")

    # -- the error state ---------------------------------------------------------------------

    def check_errors(self, label: str, expected: dict[str, str | None]) -> None:
        """After a rejected step: HTTP 422, an error summary (role=alert) with exactly one link per
        expected input id, each link pointing at that input, which is marked aria-invalid and
        described by its inline .field-error that repeats the summary's message.
        `expected`: input id -> the value the input must still hold (None: don't check)."""
        summaries = self.d.find_elements(By.CSS_SELECTOR, "main .error-summary")
        if not summaries:
            self.fail(f"{label}: no .error-summary; page says "
                      f"{self.d.find_element(By.TAG_NAME, 'main').text[:400]!r}")
        summary = summaries[0]
        if summary.get_attribute("role") != "alert":
            self.note(f"{label}: .error-summary has role={summary.get_attribute('role')!r}, expected 'alert'")
        links = summary.find_elements(By.CSS_SELECTOR, "a[href]")
        by_id: dict[str, object] = {}
        for a in links:
            href = a.get_dom_attribute("href") or ""
            if not href.startswith("#"):
                self.note(f"{label}: error summary link {href!r} is not a link into the page")
                continue
            by_id[unquote(href[1:])] = a
        if set(by_id) != set(expected):
            self.note(f"{label}: error summary links to {sorted(by_id)}, expected {sorted(expected)}")
        for target_id, link in by_id.items():
            message = (link.get_attribute("textContent") or "").strip()
            if not message:
                self.note(f"{label}: the error summary link to #{target_id} has no text")
            targets = self.d.find_elements(By.ID, target_id)
            if not targets:
                self.note(f"{label}: summary link #{target_id} has no target in the page")
                continue
            if targets[0].tag_name not in ("input", "select", "textarea"):
                self.note(f"{label}: summary link #{target_id} leads to a <{targets[0].tag_name}> "
                          f"({len(targets)} element(s) with that id), not to the input")
            inputs = [t for t in targets if t.tag_name in ("input", "select", "textarea")]
            if not inputs:
                continue
            target = inputs[0]
            kind = (target.get_attribute("type") or "").lower()
            holders = [target]
            group = target.find_elements(By.XPATH, "ancestor::fieldset[1]")
            if group:
                holders.append(group[0])
            invalid = target.get_attribute("aria-invalid") == "true" or (
                kind in ("radio", "checkbox") and group and group[0].get_attribute("aria-invalid") == "true")
            if not invalid:
                self.note(f"{label}: #{target_id} (the summary link's target) is not aria-invalid=true")
            described = []
            for h in holders:
                described += (h.get_attribute("aria-describedby") or "").split()
            error_texts = []
            for ref in described:
                for e in self.d.find_elements(By.ID, ref):
                    if "field-error" in (e.get_attribute("class") or "").split():
                        error_texts.append((e.get_attribute("textContent") or "").strip())
            if not error_texts:
                self.note(f"{label}: #{target_id} is not aria-describedby an inline .field-error "
                          f"(describedby: {described})")
            elif message and not any(message in t for t in error_texts):
                self.note(f"{label}: inline error of #{target_id} {error_texts!r} does not repeat the "
                          f"summary's message {message!r}")
            want = expected.get(target_id)
            if want is not None and target.get_attribute("value") != want:
                self.note(f"{label}: #{target_id} holds {target.get_attribute('value')!r} after the error, "
                          f"expected the entered {want!r}")


# -- the parking permit --------------------------------------------------------------------

P = "G05000496."  # antragstellende Person
H = "G05000499."  # Halter


def parking_person() -> dict[str, str]:
    return {
        P + "F05000059": "Mustermann", P + "F05000060.0": "Erika",
        **date(P + "F05000351", "12.03.1985"),
        P + "F05001354": "erika.mustermann@example.org",
        P + "G05000428.F00000053": "Löbdergraben", P + "G05000428.F00000016": "12",
        P + "G00000113.F00000054": "07743", P + "G00000113.F00000035": "Jena",
        P + "F05000523": "000",
    }


def parking_holder(pdf: Path) -> dict[str, str | Path]:
    return {
        H + "F05001243": "Halterin", H + "F05001244": "Hanna", H + "F05001245": "Johannisstraße",
        H + "F05001246": "5", H + "F05001247": "b", H + "G05000554.F00000054": "07745",
        H + "G05000554.F00000035": "Jena", H + "F05001249": "000",
        H + "F05001355": "hanna.halterin@example.org", H + "F05001248": pdf, H + "F05001045": pdf,
    }


PLATE = "J-AW-1985"


def start_parking(w: Walk) -> str:
    """Start page -> "Antrag starten" -> step 1 without login; returns the draft id."""
    w.open(f"/leistungen/{PARKING}/antrag?ars={JENA}", f"parking start page ({w.lang})")
    forms = w.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/leistungen/{PARKING}/antrag"]')
    if not forms:
        w.fail("the start page has no POST form to start the application")
    w.submit(forms[0].find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "start the application")
    draft = w.expect_step(1, "after 'Antrag starten' (no login needed at trust level low)")
    if not any(c["name"] == "aw_draft" for c in w.d.get_cookies()):
        w.note("no aw_draft cookie after starting an anonymous application")
    return draft


def resume_code(w: Walk, label: str) -> str:
    codes = w.d.find_elements(By.CSS_SELECTOR, "main [data-resume-code]")
    if not codes or not codes[0].text.strip():
        w.fail(f"{label}: no resume code [data-resume-code] on the page of an anonymous draft")
    code = codes[0].text.strip()
    if not RESUME_CODE.match(code):
        w.note(f"{label}: resume code {code!r} is not like XXXX-XXXX-XXXX")
    return code


def step(w: Walk, n: int, values: dict, label: str) -> None:
    """On step n: page checks, fill, continue."""
    w.expect_step(n, label)
    w.check(label)
    w.check_step(label, n)
    w.fill(values)
    w.press("next", label)


def parking_journey(w: Walk, holder: str, pdf: Path, empty_first_name: bool = True) -> dict[str, str]:
    """The whole parking journey up to the receipt; returns {reference, draft, code, submission}.
    Step 3 is first sent with wrong input: empty family name, 31.02.2020, postcode "12", and (with
    `empty_first_name`) the first name of the repeatable Vorname list left empty."""
    lang = w.lang
    draft = start_parking(w)
    code = resume_code(w, f"parking step 1 ({lang})")
    step(w, 1, {CONSENT: "01"}, f"parking step 1 ({lang})")
    step(w, 2, {"F05001344": "01"}, f"parking step 2 ({lang})")

    # step 3: first wrong input (empty family name, 31.02.2020, postcode "12"), then corrected
    label = f"parking step 3 ({lang})"
    w.expect_step(3, label)
    w.check(label)
    w.check_step(label, 3)
    if resume_code(w, label) != code:
        w.note(f"{label}: the resume code changed from {code!r} to {resume_code(w, label)!r}")
    wrong = {**parking_person(), P + "F05000059": "", **date(P + "F05000351", "31.02.2020"),
             P + "G00000113.F00000054": "12"}
    errors: dict[str, str | None] = {P + "F05000059": "", P + "F05000351~day": "31", P + "G00000113.F00000054": "12"}
    if empty_first_name:
        # the error belongs to the (only, empty) input of the list, G05000496.F05000060.0
        wrong[P + "F05000060.0"] = ""
        errors[P + "F05000060.0"] = ""
    w.fill(wrong)
    w.press("next", label + " with wrong input")
    w.expect_step(3, label + " with wrong input (must stay on the step)")
    w.check_errors(label + " error state", errors)
    if w.value_of(P + "G05000428.F00000053") != "Löbdergraben":
        w.note(f"{label} error state: the valid street was not kept")
    w.check(label + " error state", status=422)
    w.fill(parking_person())
    w.press("next", label)

    step(w, 4, {"G05000493.F05001064": "1", "G05000493.F05001347": "01"}, f"parking step 4 ({lang})")
    step(w, 5, {"G05000477.F05000627": PLATE, "G05000477.F05001062": "654321",
                "G05000477.F05001047": holder}, f"parking step 5 ({lang})")

    label = f"parking step 6, holder ({lang})"
    if holder == "02":
        w.expect_step(6, label + " (required after F05001047=02, rule R05000281)")
        w.check(label)
        w.check_step(label, 6)
        if w.d.find_elements(By.CSS_SELECTOR, "main form[enctype='multipart/form-data']") == []:
            w.note(f"{label}: the step with file fields is not a multipart form")
        w.fill(parking_holder(pdf))
        w.press("next", label)
    elif re.fullmatch(r"/antraege/[^/]+/schritt/6", w.path()):
        # F05001047=01: G05000499 is optional (only R05000281 makes it required, for "02"), so the
        # step may be shown, but continuing without holder data must work.
        w.check(label + " (optional)")
        w.check_step(label + " (optional)", 6)
        w.press("next", label + " left empty")
        if not w.path().endswith("/pruefen"):
            msgs = [a.text for a in w.d.find_elements(By.CSS_SELECTOR, "main .error-summary a")]
            w.note(f"{label}: with F05001047=01 ('registered in my name') the holder group G05000499 is "
                   f"optional, but continuing without it was refused (HTTP {w.status()}: {msgs[:3]} …); "
                   "expected the check page")
            w.fill(parking_holder(pdf))  # work around, to check the rest of the journey
            w.press("next", label + " filled as a work-around")

    # check your answers
    label = f"check page ({lang})"
    if not re.fullmatch(rf"/antraege/{re.escape(draft)}/pruefen", w.path()):
        w.fail(f"after the last step: expected /antraege/{draft}/pruefen, got {w.d.current_url}")
    w.check(label)
    main = w.d.find_element(By.TAG_NAME, "main").text
    birth = "12.03.1985" if lang == "de" else "12 March 1985"
    expected = [PLATE, "Mustermann", "Erika", birth, "07743", "Löbdergraben"]
    if holder == "02":
        expected += ["Halterin", "Hanna"]
    for text in expected:
        if text not in main:
            w.note(f"{label}: the entered value {text!r} is not shown")
    rows = w.d.find_elements(By.CSS_SELECTOR, "main dl.check-answers .check-row, main dl.check-answers > div")
    if not rows:
        w.note(f"{label}: no rows in dl.check-answers")
    plate_change = None
    for row in rows:
        dd = [e.text for e in row.find_elements(By.TAG_NAME, "dd")]
        links = row.find_elements(By.CSS_SELECTOR, "a[href]")
        if not links:
            w.note(f"{label}: the row {row.text[:60]!r} has no change link")
            continue
        href = links[0].get_dom_attribute("href") or ""
        if not re.match(rf"/antraege/{re.escape(draft)}/schritt/\d+", href):
            w.note(f"{label}: the change link {href!r} does not lead to a step of this draft")
        if not links[0].text.strip().startswith(CHANGE[lang]):
            w.note(f"{label}: change link text {links[0].text!r}, expected {CHANGE[lang]!r}")
        if PLATE in dd:
            plate_change = href
    if plate_change is None:
        w.note(f"{label}: no row with the licence plate {PLATE!r} as its value")
    else:
        # the "change" link leads to the step with the value and the field it names
        w.open(plate_change, f"change link to the licence plate ({lang})")
        frag = unquote(urlsplit(plate_change).fragment)
        if frag and not w.d.find_elements(By.ID, frag):
            w.note(f"change link {plate_change!r}: no element #{frag} on the step")
        if w.value_of("G05000477.F05000627") != PLATE:
            w.note(f"change link {plate_change!r}: the step does not show the saved licence plate")
        w.open(f"/antraege/{draft}/pruefen", label + " again")

    form = w.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/absenden"]')
    if not form:
        w.fail(f"{label}: no form posting to /antraege/{draft}/absenden")
    w.submit(form[0].find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "send the application")
    return {"draft": draft, "code": code, **confirmation_and_receipt(w, f"parking ({lang})", expected)}


def confirmation_and_receipt(w: Walk, what: str, values: list[str]) -> dict[str, str]:
    label = f"{what} confirmation"
    m = re.fullmatch(r"/antraege/eingereicht/([^/]+)", w.path())
    if not m:
        w.fail(f"after sending: expected /antraege/eingereicht/{{id}}, got {w.d.current_url}; page says "
               f"{w.d.find_element(By.TAG_NAME, 'main').text[:300]!r}")
    w.check(label)
    refs = w.d.find_elements(By.CSS_SELECTOR, "main [data-reference]")
    reference = refs[0].text.strip() if refs else ""
    if not REFERENCE.match(reference):
        w.note(f"{label}: reference number {reference!r} is not like AW-2026-XXXX-XXXX-XXXX")
    receipt = w.d.find_elements(By.CSS_SELECTOR, f'main a[href^="/antraege/eingereicht/{m.group(1)}/quittung"]')
    if not receipt:
        w.fail(f"{label}: no link to /antraege/eingereicht/{m.group(1)}/quittung")
    w.open(receipt[0].get_dom_attribute("href"), f"{what} receipt")
    refs = w.d.find_elements(By.CSS_SELECTOR, "main [data-reference]")
    if not refs or refs[0].text.strip() != reference:
        w.note(f"{what} receipt: [data-reference] is {refs[0].text if refs else None!r}, expected {reference!r}")
    main = w.d.find_element(By.TAG_NAME, "main").text
    for text in values:
        if text not in main:
            w.note(f"{what} receipt: the entered value {text!r} is missing")
    return {"reference": reference, "submission": m.group(1)}


@pytest.mark.parametrize("lang,holder", [("de", "02"), ("en", "01")])
def test_parking_permit_anonymous(browser, base_url, pdf_file, lang, holder):
    """Without login; one wrong step first; holder group with two uploads in German (F05001047=02),
    the vehicle registered to the applicant in English (F05001047=01)."""
    browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(browser.driver)
    w = Walk(browser.driver, base_url, lang, browser)
    parking_journey(w, holder, pdf_file)
    w.done()


def test_resume_with_code(browser, base_url):
    """After step 2, the code alone (no cookie) leads back to the draft with its answers."""
    browser.set_accept_language("de-DE,de;q=0.9")
    d = browser.driver
    clear_cookies(d)
    w = Walk(d, base_url, "de", browser)
    draft = start_parking(w)
    step(w, 1, {CONSENT: "01"}, "resume: step 1")
    step(w, 2, {"F05001344": "01"}, "resume: step 2")
    w.expect_step(3, "resume: after step 2")
    code = resume_code(w, "resume: step 3")

    clear_cookies(d)
    d.get(w.url(f"/antraege/{draft}/schritt/2"))
    w._wait_main("the draft without its cookie")
    if d.find_elements(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/schritt/2"]'):
        w.note(f"without the aw_draft cookie, /antraege/{draft}/schritt/2 still shows the draft's form")

    w.open("/antraege/fortsetzen", "resume page")
    form = d.find_element(By.CSS_SELECTOR, 'main form[action^="/antraege/fortsetzen"]')
    w.fill({"code": "ZZZZ-ZZZZ-ZZZZ"})
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "resume with a wrong code")
    w.check_errors("resume page with a wrong code", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    w.check("resume page with a wrong code", status=422)

    form = d.find_element(By.CSS_SELECTOR, 'main form[action^="/antraege/fortsetzen"]')
    w.fill({"code": code})
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "resume with the code")
    m = re.fullmatch(r"/antraege/([^/]+)/(schritt/\d+|pruefen)", w.path())
    if not m or m.group(1) != draft:
        w.fail(f"the code {code!r} led to {d.current_url}, expected a page of draft {draft}")
    w.check("resumed draft")
    if not any(c["name"] == "aw_draft" for c in d.get_cookies()):
        w.note("resuming with the code set no aw_draft cookie")
    for n, name, want in ((1, CONSENT, "01"), (2, "F05001344", "01")):
        w.open(f"/antraege/{draft}/schritt/{n}", f"resumed draft, step {n}")
        if w.value_of(name) != want:
            w.note(f"resumed draft, step {n}: {name} is {w.value_of(name)!r}, expected the saved {want!r}")
    w.open(f"/antraege/{draft}/schritt/3", "resumed draft, step 3")
    w.fill(parking_person())
    w.press("next", "resumed draft, step 3")
    w.expect_step(4, "resumed draft continues after step 3")
    w.done()


# -- Wohngeld with login -------------------------------------------------------------------

W = "G99100001."


def login_and_start_wohngeld(w: Walk) -> str:
    lang = w.lang
    start = f"/leistungen/{WOHNGELD}/antrag?ars={JENA}"
    w.open(start, f"Wohngeld start page ({lang})")
    form = w.d.find_element(By.CSS_SELECTOR, f'main form[action^="/leistungen/{WOHNGELD}/antrag"]')
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "start Wohngeld without login")
    s = urlsplit(w.d.current_url)
    q = parse_qs(s.query)
    if s.path != "/anmelden" or q.get("level") != ["substantial"] or not (q.get("next") or [""])[0].startswith(
            f"/leistungen/{WOHNGELD}/antrag"):
        w.fail(f"starting Wohngeld without login led to {w.d.current_url}, expected "
               f"/anmelden?level=substantial&next=/leistungen/{WOHNGELD}/antrag…")
    w.check(f"login page for Wohngeld ({lang})")
    links = w.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/anmelden/test-eid"]')
    if not links:
        w.fail("the login page offers no Test-eID in demo mode")
    w.open(links[0].get_dom_attribute("href"), f"Test-eID ({lang})")
    form = w.d.find_element(By.CSS_SELECTOR, 'main form[action^="/anmelden/test-eid"]')
    w.d.find_element(By.ID, "person-erika").click()
    w.d.find_element(By.ID, "level-substantial").click()
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "Test-eID login (substantial)")
    if w.path() != f"/leistungen/{WOHNGELD}/antrag":
        w.note(f"after the login: at {w.d.current_url}, expected back at the start page")
        w.open(start, f"Wohngeld start page after login ({lang})")
    else:
        w.check(f"Wohngeld start page after login ({lang})")
    form = w.d.find_element(By.CSS_SELECTOR, f'main form[action^="/leistungen/{WOHNGELD}/antrag"]')
    w.submit(form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "start Wohngeld after login")
    if re.fullmatch(r"/antraege/[^/]+/einwilligung", w.path()):
        # Once-only: the consent step comes first; this journey enters everything by hand.
        w.check(f"Wohngeld consent step ({lang})")
        w.press("manual", "decline the register retrieval")
    return w.expect_step(1, "Wohngeld after login and 'Antrag starten'")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_wohngeld_with_login(browser, base_url, pdf_file, lang):
    browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(browser.driver)
    w = Walk(browser.driver, base_url, lang, browser)
    draft = login_and_start_wohngeld(w)
    L = f"Wohngeld ({lang})"
    step(w, 1, {
        W + "F05000059": "Mustermann", W + "F05000060": "Erika", **date(W + "F05000351", "12.08.1964"),
        W + "F99100001": "01", W + "F99100002": "false",
        W + "G05000428.F00000053": "Löbdergraben", W + "G05000428.F00000016": "12",
        W + "G00000113.F00000054": "07743", W + "G00000113.F00000035": "Jena",
    }, f"{L} step 1")
    step(w, 2, {"G99100002.F99100003": "01"}, f"{L} step 2")

    # step 3: household members, added with the "add" button
    label = f"{L} step 3"
    w.expect_step(3, label)
    w.check(label)
    w.check_step(label, 3)
    w.press("add:G99100003", label + " add a member")
    w.expect_step(3, label + " after 'add'")
    if w.value_of("G99100003~count") != "1" or not w.d.find_elements(By.ID, "G99100003.0.F99100005"):
        w.fail(f"{label}: 'add' did not show a first household member (G99100003.0.*)")
    w.check(label + " with one member")
    if not w.d.find_elements(By.CSS_SELECTOR, 'main button[name="action"][value="remove:G99100003.0"]'):
        w.note(f"{label}: the added member has no remove button")
    w.fill({"G99100003.0.F99100005": "Mustermann", "G99100003.0.F99100006": "Paul",
            **date("G99100003.0.F99100007", "01.06.2010"), "G99100003.0.F99100008": "04",
            "G99100003.0.F99100009": "false"})
    w.press("next", label)

    # step 4: one income entry (person 1) with one income item
    label = f"{L} step 4"
    w.expect_step(4, label)
    w.check(label)
    w.check_step(label, 4)
    w.press("add:G99100004", label + " add an income entry")
    if not w.d.find_elements(By.ID, "G99100004.0.G99100005.0.F99100016"):
        w.fail(f"{label}: 'add' did not show an income entry with its first income item")
    w.check(label + " with one entry")
    w.fill({"G99100004.0.F99100010": "1", "G99100004.0.F99100011": "true", "G99100004.0.F99100012": "true",
            "G99100004.0.F99100013": "true", "G99100004.0.G99100005.0.F99100014": "01",
            "G99100004.0.G99100005.0.F99100016": "2100"})
    w.press("next", label)

    # step 5: flat and rent; heating above the rent first (R99100005), with the lease uploaded
    label = f"{L} step 5"
    w.expect_step(5, label)
    w.check(label)
    w.check_step(label, 5)
    rent = {"G99100006.F99100017": "62", "G99100006.F99100018": "650", "G99100006.F99100019": "700",
            **date("G99100006.F99100021", "01.04.2020"), "G99100006.F99100022": pdf_file,
            "G99100006.F99100023": "false"}
    w.fill(rent)
    w.press("next", label + " heating > rent")
    w.expect_step(5, label + " heating > rent (must stay on the step)")
    w.check_errors(label + " heating > rent", {"G99100006.F99100019": "700"})
    w.check(label + " heating > rent", status=422)
    w.fill({"G99100006.F99100019": "90"})  # the lease was uploaded with the rejected post
    w.press("next", label + " corrected")
    if re.fullmatch(r"/antraege/[^/]+/schritt/5", w.path()):
        errors = [a.text for a in w.d.find_elements(By.CSS_SELECTOR, "main .error-summary a")]
        w.note(f"{label}: after correcting the heating costs the step was refused again: {errors} "
               "(a file uploaded with a rejected post should be kept)")
        w.fill({"G99100006.F99100019": "90", "G99100006.F99100022": pdf_file})
        w.press("next", label + " corrected, lease uploaded again")

    step(w, 6, {"G99100007.F99100026": "true"}, f"{L} step 6")
    step(w, 7, {"G99100008.F99100028": "DE89370400440532013000", "G99100008.F99100029": "Erika Mustermann"},
         f"{L} step 7")
    step(w, 8, {"G99100009.F99100031": "true", "G99100009.F99100032": "true"}, f"{L} step 8")

    label = f"{L} check page"
    if w.path() != f"/antraege/{draft}/pruefen":
        w.fail(f"after the last step: expected /antraege/{draft}/pruefen, got {w.d.current_url}")
    w.check(label)
    main = w.d.find_element(By.TAG_NAME, "main").text
    birth = "12.08.1964" if lang == "de" else "12 August 1964"
    money = ["650,00 €", "90,00 €", "2.100,00 €"] if lang == "de" else ["€650.00", "€90.00", "€2,100.00"]
    values = ["Mustermann", "Erika", "Paul", birth, "DE89370400440532013000", "Löbdergraben", *money]
    for text in values:
        if text not in main:
            w.note(f"{label}: the entered value {text!r} is not shown")
    form = w.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/absenden"]')
    if not form:
        w.fail(f"{label}: no form posting to /antraege/{draft}/absenden")
    w.submit(form[0].find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "send the Wohngeld application")
    sent = confirmation_and_receipt(w, L, values)

    w.open("/konto/antraege", f"Meine Anträge ({lang})")
    main = w.d.find_element(By.TAG_NAME, "main").text
    if sent["reference"] and sent["reference"] not in main:
        w.note(f"Meine Anträge ({lang}): the sent application {sent['reference']} is not listed")
    if not w.d.find_elements(By.CSS_SELECTOR, f'main a[href*="{sent["submission"]}"]'):
        w.note(f"Meine Anträge ({lang}): no link to the sent application /antraege/eingereicht/{sent['submission']}")
    if w.d.find_elements(By.CSS_SELECTOR, f'main a[href*="/antraege/{draft}/"]'):
        w.note(f"Meine Anträge ({lang}): the sent draft {draft} is still listed as begun")
    w.d.get(w.url(f"/antraege/{draft}/pruefen"))
    w._wait_main("the check page of a sent draft")
    if w.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/antraege/{draft}/absenden"]'):
        w.note(f"/antraege/{draft}/pruefen still offers to send the application a second time")
    w.done()


# -- without JavaScript ----------------------------------------------------------------------

JS_PROBE = ("data:text/html,<title>js-off</title><script>document.title='js-on'</script>"
            "<noscript><p id=noscript-shown>no script</p></noscript>")


@pytest.fixture(scope="module")
def nojs_driver():
    """A second headless Chromium whose content settings block JavaScript for every site.

    How we know JS is off: the probe page's inline script would rename the title and <noscript>
    content would stay unparsed text; with JS blocked the title stays "js-off" and the <noscript>
    paragraph is a real element. (WebDriver's own execute_script still works through DevTools, so
    it cannot serve as the probe.)"""
    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--disable-extensions", "--window-size=1280,1024", "--lang=de-DE"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2,
                                           "intl.accept_languages": "de-DE,de"})
    d = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    d.set_page_load_timeout(60)
    yield d
    d.quit()


def assert_js_off(d) -> None:
    d.get(JS_PROBE)
    if d.title != "js-off" or not d.find_elements(By.ID, "noscript-shown"):
        pytest.fail(f"JavaScript is not switched off in the second browser (title {d.title!r})", pytrace=False)


def test_parking_permit_without_javascript(nojs_driver, base_url, pdf_file):
    d = nojs_driver
    assert_js_off(d)
    clear_cookies(d)
    w = Walk(d, base_url, "de")  # no axe here: the pages are the same as in the runs above
    parking_journey(w, "02", pdf_file, empty_first_name=False)
    assert_js_off(d)  # still off at the end
    w.done()
