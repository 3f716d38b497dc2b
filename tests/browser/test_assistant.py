"""The assistant on /assistent, used with a real browser: ask, read the answer with its sources,
rate it; the answer, hand-over and error pages pass axe-core (WCAG 2.1 AA) in German and English."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from test_form import _page_checks, _submit


def _ask(browser, base_url: str, lang: str, question: str, place: str = ""):
    browser.set_accept_language("de-DE,de;q=0.9")
    browser.load(f"{base_url}/assistent" + ("?lang=en" if lang == "en" else ""))
    d = browser.driver
    form = next(f for f in d.find_elements(By.TAG_NAME, "form") if f.find_elements(By.ID, "question"))
    field = form.find_element(By.ID, "question")
    field.clear()
    if question:
        field.send_keys(question)
    if place:
        form.find_element(By.ID, "ort").send_keys(place)
    _submit(browser, form, form.find_element(By.CSS_SELECTOR, 'button[type="submit"]'), f"question {question!r}")
    return d


@pytest.mark.parametrize(
    "lang, question, place, source",
    [
        ("de", "Was kostet ein Reisepass?", "Jena", "/leistungen/99085001012000"),
        ("en", "How do I register my address?", "99084", "/leistungen/99115005104000"),
    ],
)
def test_answer_cites_its_source_and_can_be_rated(browser, base_url, lang, question, place, source):
    d = _ask(browser, base_url, lang, question, place)
    findings = []
    links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, ".statements a")]
    if not links or not all(source in (href or "") for href in links):
        findings.append(f"  expected every statement to cite {source}, got {links}")
    findings += _page_checks(browser, f"answer page ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)
    rate = d.find_element(By.CSS_SELECTOR, 'form.feedback button[value="yes"]')
    _submit(browser, d.find_element(By.CSS_SELECTOR, "form.feedback"), rate, "rating")
    body = d.find_element(By.TAG_NAME, "body").text
    if not ("Danke" in body or "Thank you" in body):
        pytest.fail(f"no thank-you after rating; page says {body[:300]!r}", pytrace=False)
    findings = _page_checks(browser, f"rating thanks ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_unknown_question_hands_over_to_115(browser, base_url, lang):
    d = _ask(browser, base_url, lang, "Wann wird der Müll abgeholt?", "Weimar")
    findings = []
    if not d.find_elements(By.CSS_SELECTOR, '.statements a[href="tel:115"]'):
        findings.append("  no hand-over link tel:115")
    if not d.find_elements(By.CSS_SELECTOR, '.answer a[href^="/gemeinden/"]'):
        findings.append("  the hand-over does not name the local administration")
    findings += _page_checks(browser, f"hand-over page ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_empty_question_shows_error_summary(browser, base_url, lang):
    d = _ask(browser, base_url, lang, "")
    findings = []
    if not d.find_elements(By.CSS_SELECTOR, 'a[href="#question"]'):
        findings.append("  no error summary link to #question")
    findings += _page_checks(browser, f"assistant error page ({lang})")
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)
