"""Staff pages in a real browser: log in with password and TOTP, the account page, the outbox and
staff management pass axe-core (WCAG 2.1 AA) in German and English."""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

import pytest
from selenium.webdriver.common.by import By

from test_form import _page_checks, _submit


def totp(secret: str) -> str:
    mac = hmac.new(secret.encode(), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    o = mac[-1] & 0x0F
    return f"{(struct.unpack('>I', mac[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_staff_pages(browser, base_url, demo_staff, lang):
    if "admin" not in demo_staff:
        pytest.fail("serve --demo printed no demo admin credentials", pytrace=False)
    email, password, secret = demo_staff["admin"]
    d = browser.driver
    q = "?lang=en" if lang == "en" else ""
    browser.set_accept_language("de-DE,de;q=0.9")
    browser.load(f"{base_url}/mitarbeiter/anmelden{q}")
    findings = _page_checks(browser, f"staff login ({lang})")
    form = d.find_element(By.CSS_SELECTOR, 'form[action^="/mitarbeiter/anmelden"]')
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.ID, "code").send_keys(totp(secret))
    _submit(browser, form, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), "staff login")
    for path, label in (("/konto", "staff account"), ("/behoerde/postausgang", "outbox"),
                        ("/behoerde/mitarbeiter", "staff management")):
        d.get(f"{base_url}{path}{q}")
        if d.find_elements(By.CSS_SELECTOR, 'form[action^="/mitarbeiter/anmelden"]'):
            findings.append(f"  {label}: not signed in")
        findings += _page_checks(browser, f"{label} ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)
