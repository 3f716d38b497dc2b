"""The barrier report form on /barrierefreiheit, used with a real browser (CSRF included)."""

from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import webaudit

THANKS = {"de": re.compile(r"Danke|Vielen Dank", re.I), "en": re.compile(r"Thank you|Thanks", re.I)}


def _open_form(browser, base_url: str, lang: str):
    d = browser.driver
    browser.set_accept_language("de-DE,de;q=0.9")
    browser.load(f"{base_url}/barrierefreiheit" + ("?lang=en" if lang == "en" else ""))
    forms = [f for f in d.find_elements(By.TAG_NAME, "form") if (f.get_attribute("method") or "").lower() == "post"]
    if not forms:
        pytest.fail("/barrierefreiheit has no <form method=post>", pytrace=False)
    form = forms[0]
    try:
        field = form.find_element(By.CSS_SELECTOR, '[name="message"]')
    except NoSuchElementException:
        pytest.fail("the barrier report form has no field named 'message'", pytrace=False)
    if field.get_attribute("id") != "message":
        pytest.fail(f"the message field's id is {field.get_attribute('id')!r}, expected 'message'", pytrace=False)
    buttons = form.find_elements(By.CSS_SELECTOR, 'button[type="submit"], input[type="submit"], button:not([type])')
    if not buttons:
        pytest.fail("the barrier report form has no submit button", pytrace=False)
    return form, field, buttons[0]


def _submit(browser, form, button, what: str) -> None:
    d = browser.driver
    d.execute_script("window.__amtswegOldPage = true;")
    button.click()

    def new_page_loaded(drv) -> bool:
        return drv.execute_script(
            "return window.__amtswegOldPage !== true && document.readyState === 'complete'"
            " && document.querySelector('main') !== null;")

    try:
        # While the browser navigates, the driver may answer with an error; keep polling.
        WebDriverWait(d, 20, ignored_exceptions=(WebDriverException,)).until(new_page_loaded)
    except TimeoutException:
        blocked = d.execute_script(
            "const f = document.getElementById('message'); return f && !f.checkValidity();")
        hint = (" - the browser's own validation blocked it (required without novalidate?), so the server's "
                "error summary never shows") if blocked else ""
        pytest.fail(f"submitting the form ({what}) did not load a new page{hint}", pytrace=False)


def _page_checks(browser, label: str) -> list[str]:
    findings = []
    s = browser.structure()
    if s["h1"] != 1:
        findings.append(f"  {label}: {s['h1']} <h1> elements")
    for name, present in s["landmarks"].items():
        if not present:
            findings.append(f"  {label}: no <{name}> landmark")
    violations = browser.axe()
    if violations:
        findings.append(f"  {label}: axe-core violations:\n" + "\n".join(webaudit.format_axe(violations)))
    return findings


@pytest.mark.parametrize("lang", ["de", "en"])
def test_barrier_report_is_sent(browser, base_url, lang):
    form, field, button = _open_form(browser, base_url, lang)
    field.clear()
    field.send_keys("Die Suche auf der Startseite ist mit der Bildschirmlupe schwer zu bedienen.")
    _submit(browser, form, button, "with a message")
    d = browser.driver
    findings = []
    text = d.find_element(By.TAG_NAME, "body").text
    if not THANKS[lang].search(text):
        findings.append(f"  no thank-you text ({THANKS[lang].pattern}) after sending; page says: {text[:400]!r}")
    if d.find_elements(By.CSS_SELECTOR, 'a[href="#message"]'):
        findings.append("  the page after sending still shows an error summary for #message")
    lang_attr = d.execute_script("return document.documentElement.lang")
    if lang_attr != lang:
        findings.append(f"  thank-you page has lang={lang_attr!r}, expected {lang!r}")
    findings += _page_checks(browser, f"thank-you page ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_barrier_report_without_message_shows_error_summary(browser, base_url, lang):
    form, field, button = _open_form(browser, base_url, lang)
    field.clear()
    _submit(browser, form, button, "with an empty message")
    d = browser.driver
    findings = []
    links = d.find_elements(By.CSS_SELECTOR, 'a[href="#message"]')
    if not links:
        findings.append("  no error summary link a[href=\"#message\"] after sending an empty message; page says: "
                        f"{d.find_element(By.TAG_NAME, 'body').text[:400]!r}")
    elif not links[0].text.strip():
        findings.append("  the error summary link to #message has no text")
    if not d.find_elements(By.ID, "message"):
        findings.append("  the error page has no element with id 'message' for the summary link to point to")
    lang_attr = d.execute_script("return document.documentElement.lang")
    if lang_attr != lang:
        findings.append(f"  error page has lang={lang_attr!r}, expected {lang!r}")
    findings += _page_checks(browser, f"form error page ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)
