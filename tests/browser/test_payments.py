"""Paying a fee in a real browser, as Erika and the demo clerk would.

Erika signs in with the Test-eID and applies to renew her resident parking permit in Jena
(LeiKa 99108001020000, paid before submission; demo fee 30,00 € with 10 % digital discount). The
check page shows the quote; "Weiter zur Zahlung" leads to the simulated provider's page, where she
first declines the payment. The return page says the application is saved, and her account lists
it under "Offene Zahlungen" with "Jetzt bezahlen". She pays from there; the return page confirms
the payment and links to the confirmation of the now submitted application. The demo clerk of the
Stadtverwaltung Jena opens the payments page, sees the payment, refunds it and downloads the
reconciliation CSV; the period form's error state is checked too.

Every page on the way (error state included) passes axe-core (WCAG 2.1 AA) with 0 violations and
the structure checks of `Walk.check`; the account and staff pages also in English.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from selenium.webdriver.common.by import By

import webaudit
from test_applications import CONSENT, JENA, PLATE, clear_cookies, parking_person, step  # noqa: F401
from test_cases import CaseWalk, clerk_signs_in, erika_signs_in

RENEW = "99108001020000"


@pytest.fixture(scope="module")
def clerk_browser():
    b = webaudit.Browser()
    yield b
    b.quit()


def click_outcome(w: CaseWalk, value: str, label: str) -> None:
    buttons = w.d.find_elements(By.CSS_SELECTOR, f'main form button[name="outcome"][value="{value}"]')
    if not buttons:
        w.fail(f"{label}: no button outcome={value} on {w.d.current_url}")
    w.submit(buttons[0], label)


def apply_for_renewal(w: CaseWalk) -> str:
    w.open(f"/leistungen/{RENEW}/antrag?ars={JENA}", "renewal start page (signed in)")
    w.send(f"/leistungen/{RENEW}/antrag", "start the renewal")
    draft = w.expect_step(1, "after 'Antrag starten'")
    step(w, 1, {CONSENT: "01"}, "renewal step 1")
    step(w, 2, {"F05001344": "01"}, "renewal step 2")
    step(w, 3, parking_person(), "renewal step 3")
    step(w, 4, {"G05000493.F05001064": "1", "G05000493.F05001347": "01"}, "renewal step 4")
    step(w, 5, {"G05000477.F05000627": PLATE, "G05000477.F05001062": "654321",
                "G05000477.F05001047": "01"}, "renewal step 5")
    if re.fullmatch(r"/antraege/[^/]+/schritt/6", w.path()):
        w.check("renewal step 6 (holder, optional)")
        w.press("next", "renewal step 6 left empty")
    if not w.path().endswith("/pruefen"):
        w.fail(f"after the last step: expected the check page, got {w.d.current_url}")
    return draft


def test_pay_after_a_declined_payment(browser, clerk_browser, base_url, demo_staff):
    if "clerk" not in demo_staff:
        pytest.fail("serve --demo printed no demo clerk credentials", pytrace=False)
    for b in (browser, clerk_browser):
        b.set_accept_language("de-DE,de;q=0.9")
        clear_cookies(b.driver)
    erika = CaseWalk(browser.driver, base_url, "de", browser)
    clerk = CaseWalk(clerk_browser.driver, base_url, "de", clerk_browser)
    clerk.findings = erika.findings

    erika_signs_in(erika)
    draft = apply_for_renewal(erika)

    # The check page with the quote.
    erika.check("check page with the fee quote")
    main = erika.main_text()
    for text in ("30,00 €", "-3,00 €", "27,00 €", "Ermäßigung für digitale Antragstellung", "ThürVwKostG"):
        if text not in main:
            erika.note(f"check page: the quote does not show {text!r}")
    erika.send("/absenden", "continue to payment")
    if not erika.path().startswith("/zahlung/simulator/"):
        erika.fail(f"after 'Weiter zur Zahlung': at {erika.d.current_url}, expected the simulator's page")
    erika.check("simulator page")
    if "Simulation" not in erika.main_text() and "simuliert" not in erika.main_text():
        erika.note("the simulator's page does not say that it is a simulation")
    first_ref = erika.path()

    # Declined: the application is saved, payable later.
    click_outcome(erika, "failure", "decline the payment")
    if not re.fullmatch(r"/zahlung/[0-9a-f-]+", erika.path()):
        erika.fail(f"after declining: at {erika.d.current_url}, expected the return page /zahlung/<id>")
    erika.check("return page after a declined payment")
    if "nicht verloren" not in erika.main_text():
        erika.note(f"return page after a decline does not say the application is kept: {erika.main_text()[:300]!r}")

    erika.open("/konto/zahlungen", "my payments (one open)")
    items = erika.d.find_elements(By.CSS_SELECTOR, "main [data-open-payment]")
    if not items:
        erika.fail("my payments: no open payment listed after the decline")
    pay = items[0].find_elements(By.CSS_SELECTOR, f'form[action^="/konto/zahlungen/{draft}/bezahlen"] button')
    if not pay:
        erika.fail(f"my payments: no 'Jetzt bezahlen' for the draft {draft}")
    erika.submit(pay[0], "pay now from the account")
    if not erika.path().startswith("/zahlung/simulator/") or erika.path() == first_ref:
        erika.fail(f"'Jetzt bezahlen' led to {erika.d.current_url}, expected a new simulator page")
    erika.check("simulator page (second attempt)")
    click_outcome(erika, "success", "pay")
    erika.check("return page after paying")
    if "Zahlung eingegangen" not in erika.main_text():
        erika.fail(f"return page after paying: {erika.main_text()[:300]!r}")
    links = erika.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/antraege/eingereicht/"]')
    if not links:
        erika.fail("return page after paying: no link to the confirmation of the submitted application")
    erika.submit(links[0], "open the confirmation")
    erika.check("confirmation of the paid application")
    if not re.search(r"AW-\d{4}-", erika.main_text()):
        erika.note("the confirmation shows no reference")
    erika.open("/konto/zahlungen", "my payments (paid)")
    # (Other open payments may be there: a fee on approval from another test of the session.)
    if erika.d.find_elements(By.CSS_SELECTOR, f'main form[action^="/konto/zahlungen/{draft}/bezahlen"]'):
        erika.note("my payments: the paid application is still listed as open")
    en = CaseWalk(erika.d, base_url, "en", erika.browser)
    en.findings = erika.findings
    en.open("/konto/zahlungen", "my payments (en)")

    # The clerk: payments page, refund, CSV, the period form's error state.
    clerk_signs_in(clerk, demo_staff["clerk"])
    clerk.open("/behoerde/zahlungen", "authority payments")
    if "27,00 €" not in clerk.main_text():
        clerk.note("authority payments: Erika's payment of 27,00 € is not listed")
    refund = clerk.d.find_elements(By.CSS_SELECTOR, 'main form[action*="/erstatten"] button')
    if not refund:
        clerk.fail("authority payments: no refund button")
    clerk.submit(refund[0], "refund the payment")
    clerk.check("authority payments after the refund")
    if "Erstattung" not in clerk.main_text():
        clerk.note("authority payments: the refund is not listed after refunding")
    csv = clerk.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/behoerde/zahlungen.csv"]')
    if not csv:
        clerk.note("authority payments: no CSV link")
    else:
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in clerk.d.get_cookies())
        req = urllib.request.Request(base_url + csv[0].get_dom_attribute("href"), headers={"Cookie": cookies})
        with urllib.request.urlopen(req) as resp:
            body = resp.read().decode("utf-8-sig")
            if resp.headers.get("Content-Type", "").split(";")[0] != "text/csv":
                clerk.note(f"CSV: content type {resp.headers.get('Content-Type')!r}")
        if "27.00" not in body or "-27.00" not in body:
            clerk.note(f"CSV: the payment and its refund are not both there: {body[:300]!r}")
    clerk.open("/behoerde/zahlungen?from=2026-02-30&to=2026-01-01", "authority payments, bad period", status=422)
    if not clerk.d.find_elements(By.CSS_SELECTOR, "main .error-summary a[href='#from']"):
        clerk.note("authority payments, bad period: no error summary linked to #from")
    en_clerk = CaseWalk(clerk.d, base_url, "en", clerk.browser)
    en_clerk.findings = clerk.findings
    en_clerk.open("/behoerde/zahlungen", "authority payments (en)")
    erika.done()
