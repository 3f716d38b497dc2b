"""The public Wohngeldrechner as a person uses it: a wrong entry first (error summary linked to
the fields), then an estimate with its calculation table; German and English; 0 axe violations on
every page."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_applications import Walk, clear_cookies


@pytest.mark.parametrize("lang", ["de", "en"])
def test_wohngeldrechner(browser, base_url, lang):
    browser.set_accept_language("de-DE,de;q=0.9")
    clear_cookies(browser.driver)
    w = Walk(browser.driver, base_url, lang, browser)
    d = w.d
    w.open("/wohngeldrechner", "calculator")
    # Without a municipality and with nonsense as the rent: errors, linked to their fields.
    d.find_element(By.ID, "miete").send_keys("viel")
    d.find_element(By.ID, "einkommen").send_keys("14000")
    w.submit(d.find_element(By.CSS_SELECTOR, 'main form button[type="submit"]'), "calculator: wrong input")
    w.check("calculator: wrong input", 422)
    links = [a.get_dom_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".error-summary a")]
    if links != ["#gemeinde", "#miete"]:
        w.note(f"error summary links {links}, expected ['#gemeinde', '#miete']")
    if d.find_element(By.ID, "miete").get_dom_attribute("aria-invalid") != "true":
        w.note("the rent field is not marked invalid")
    # Now right: Jena, 600 € rent, one person, 14,000 € with health and pension contributions.
    Select(d.find_element(By.ID, "gemeinde")).select_by_value("160530000000")
    rent = d.find_element(By.ID, "miete")
    rent.clear()
    rent.send_keys("600" if lang == "en" else "600,00")
    for box in ("kv", "rv"):
        if not d.find_element(By.ID, box).is_selected():
            d.find_element(By.CSS_SELECTOR, f'label[for="{box}"]').click()
    w.submit(d.find_element(By.CSS_SELECTOR, 'main form button[type="submit"]'), "calculator: result")
    w.check("calculator: result")
    amount = d.find_elements(By.CSS_SELECTOR, "main [data-amount] strong")
    if not amount or not amount[0].text.strip().endswith("€") or amount[0].text.strip() == "0 €":
        w.note(f"no positive amount shown: {[a.text for a in amount]}")
    rows = d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if len(rows) < 5 or not any("§ 19" in r.text for r in rows):
        w.note(f"the calculation table is missing or has no § 19 row ({len(rows)} rows)")
    apply = d.find_elements(By.CSS_SELECTOR, 'main a[href*="/leistungen/99107023037000/antrag"]')
    if not apply:
        w.note("no link to apply")
    w.done()
