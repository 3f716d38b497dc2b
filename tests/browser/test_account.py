"""Accounts in a real browser: log in through the test identity provider, open the mailbox, read
a message, log out. Every account page passes axe-core (WCAG 2.1 AA), in German and English."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from test_form import _page_checks, _submit


@pytest.mark.parametrize("lang", ["de", "en"])
def test_login_mailbox_read_logout(browser, base_url, lang):
    d = browser.driver
    q = "?lang=en" if lang == "en" else ""
    browser.set_accept_language("de-DE,de;q=0.9")
    d.delete_all_cookies()
    findings: list[str] = []

    browser.load(f"{base_url}/konto{q}")
    findings += _page_checks(browser, f"login choice ({lang})")
    test_eid = d.find_elements(By.CSS_SELECTOR, 'a[href^="/anmelden/test-eid"]')
    if not test_eid:
        pytest.fail("the login page offers no Test-eID in demo mode", pytrace=False)
    browser.load(f"{base_url}/anmelden/test-eid{q}")
    findings += _page_checks(browser, f"Test-eID ({lang})")
    form = d.find_element(By.CSS_SELECTOR, 'form[action^="/anmelden/test-eid"]')
    # from here on d.get(): browser.load() starts every page without cookies
    d.find_element(By.ID, "person-erika").click()
    d.find_element(By.ID, "level-high").click()
    _submit(browser, form, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "Test-eID login")

    d.get(f"{base_url}/konto{q}")
    if "Erika Mustermann" not in d.find_element(By.TAG_NAME, "main").text:
        findings.append("  the account page does not show the signed-in person")
    findings += _page_checks(browser, f"account ({lang})")

    d.get(f"{base_url}/konto/postfach{q}")
    findings += _page_checks(browser, f"mailbox ({lang})")
    links = d.find_elements(By.CSS_SELECTOR, 'table.messages a[href^="/konto/postfach/"]')
    if not links:
        pytest.fail("the mailbox lists no message\n" + "\n".join(findings), pytrace=False)
    href = links[0].get_attribute("href")
    d.get(href)
    if "Willkommen" not in d.find_element(By.TAG_NAME, "h1").text:
        findings.append("  the message page does not show the message's subject as its heading")
    findings += _page_checks(browser, f"message ({lang})")

    # organisations: the list, creating one, its page
    d.get(f"{base_url}/konto/organisationen{q}")
    findings += _page_checks(browser, f"organisations ({lang})")
    form = d.find_element(By.CSS_SELECTOR, 'form[action^="/konto/organisationen"]')
    d.find_element(By.ID, "name").send_keys(f"Bäckerei Mustermann {lang}")
    _submit(browser, form, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "create organisation")
    if f"Bäckerei Mustermann {lang}" not in d.find_element(By.TAG_NAME, "h1").text:
        findings.append("  creating an organisation did not lead to its page")
    findings += _page_checks(browser, f"organisation ({lang})")

    d.get(f"{base_url}/konto/vollmachten{q}")
    findings += _page_checks(browser, f"mandates ({lang})")

    logout = d.find_element(By.CSS_SELECTOR, 'form[action^="/abmelden"]') if d.find_elements(
        By.CSS_SELECTOR, 'form[action^="/abmelden"]') else None
    if logout is None:
        d.get(f"{base_url}/konto{q}")
        logout = d.find_element(By.CSS_SELECTOR, 'form[action^="/abmelden"]')
    _submit(browser, logout, logout.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "logout")
    d.get(href)
    if d.find_elements(By.CSS_SELECTOR, ".message-body"):
        findings.append("  after logout the message is still readable")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)
